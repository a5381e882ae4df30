package io.kairos.scheduler.store;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Two schedulers over one shared store, for {@link JobStoreContractTests}: while an attempt runs on the first, the
 * second removes or pauses the job; the retry the failed attempt then schedules is not written to the store (the
 * job changed under the lease), and is recorded as a {@code CANCELLED} run, once, as when the change is made on
 * the scheduler that runs the job.
 */
final class RetriesDroppedElsewhere {

    /** The fake clock's time: it never moves, so no lease is extended and no retry comes due during the check. */
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private RetriesDroppedElsewhere() {
    }

    /**
     * @param runner a new, unstarted store over the contract's backend, for the scheduler that runs the job
     * @param other another one over the same backend, for the scheduler that removes or pauses it (started paused:
     *     it runs nothing)
     * @param pause pause the job instead of removing it
     */
    static void check(JobStore runner, JobStore other, boolean pause) throws InterruptedException {
        String id = "retry-elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        MutableClock clock = new MutableClock(T0);
        try (Scheduler a = Scheduler.builder().schedulerId("node-a").clock(clock).executor("default", new DirectJobExecutor())
                .jobStore("default", runner).build();
                Scheduler b = Scheduler.builder().schedulerId("node-b").clock(clock).executor("default", new DirectJobExecutor())
                        .jobStore("default", other).build()) {
            TaskAction fail = () -> {
                running.countDown();
                assertThat(changed.await(30, TimeUnit.SECONDS)).as("the other scheduler changed the job").isTrue();
                throw new IllegalStateException("provider down");
            };
            a.taskRegistry().register("fail", fail);
            b.taskRegistry().register("fail", fail);
            b.start(true);
            b.addJob(JobRequest.of("fail").id(id).retry(RetryPolicy.maxAttempts(2).withBackoff(Duration.ofHours(1), Duration.ofHours(1)))
                    .trigger(Map.of("type", "interval", "hours", 6, "start_date", T0.toString())));
            a.start();
            assertThat(running.await(30, TimeUnit.SECONDS)).as("attempt 1 started on the first scheduler").isTrue();
            if (pause) {
                b.pauseJob(id);
            }
            else {
                b.removeJob(id);
            }
            changed.countDown();

            if (!runner.runHistory().isRecording()) {
                return;
            }
            List<RunRecord> runs = await().atMost(Duration.ofSeconds(30)).until(() -> a.getRuns(id, 10), (r) -> r.size() == 2);
            assertThat(runs).extracting(RunRecord::attempt, RunRecord::outcome)
                    .containsExactlyInAnyOrder(tuple(1, RunOutcome.FAILED), tuple(2, RunOutcome.CANCELLED));
            RunRecord cancelled = runs.stream().filter((r) -> r.outcome() == RunOutcome.CANCELLED).findFirst().orElseThrow();
            assertThat(cancelled.instance()).isEqualTo("node-a");
            assertThat(cancelled.error().message())
                    .isEqualTo("the job was removed, paused or changed by another instance, or its lease lapsed, while attempt 1 ran");
            if (pause) {
                assertThat(b.getJob(id).orElseThrow().pendingRetry()).as("the pause wins: no retry in the store").isEmpty();
            }
            else {
                assertThat(b.getJob(id)).isEmpty();
            }
        }
    }
}
