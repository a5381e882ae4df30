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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Two schedulers over one shared store, for {@link JobStoreContractTests}: the second removes or pauses a job that
 * failed on the first, and the dropped retry is recorded as a {@code CANCELLED} run exactly once. While the attempt
 * runs, the retry it then schedules is not written to the store (the job changed under the lease) and the first
 * scheduler records it; once it is written, the scheduler that makes the change records it. Both schedulers are closed
 * (flushing their history) before the runs are read through a third, so a late duplicate would be seen.
 */
final class RetriesDroppedElsewhere {

    /** The fake clock's time: it never moves, so no lease is extended and no retry comes due during the check. */
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private RetriesDroppedElsewhere() {
    }

    /**
     * The change is made while attempt 1 runs on the first scheduler.
     *
     * @param stores new, unstarted stores over the contract's backend: one for the scheduler that runs the job, one
     *     for the scheduler that removes or pauses it (started paused: it runs nothing), one to read the runs
     * @param pause pause the job instead of removing it
     */
    static void duringTheAttempt(Supplier<JobStore> stores, boolean pause) throws InterruptedException {
        check(stores, pause, true);
    }

    /**
     * The change is made after attempt 1 failed and its retry was written to the store.
     *
     * @param stores as for {@link #duringTheAttempt}
     * @param pause pause the job instead of removing it
     */
    static void afterTheRetryWasWritten(Supplier<JobStore> stores, boolean pause) throws InterruptedException {
        check(stores, pause, false);
    }

    private static void check(Supplier<JobStore> stores, boolean pause, boolean duringAttempt) throws InterruptedException {
        String id = "retry-elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(duringAttempt ? 1 : 0);
        MutableClock clock = new MutableClock(T0);
        boolean recording;
        JobStore runner = stores.get();
        try (Scheduler a = scheduler("node-a", clock, runner);
                Scheduler b = scheduler("node-b", clock, stores.get())) {
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
            recording = runner.runHistory().isRecording();
            assertThat(running.await(30, TimeUnit.SECONDS)).as("attempt 1 started on the first scheduler").isTrue();
            if (!duringAttempt) {
                await().atMost(Duration.ofSeconds(30)).until(() -> b.getJob(id).orElseThrow().pendingRetry().isPresent());
            }
            if (pause) {
                b.pauseJob(id);
            }
            else {
                b.removeJob(id);
            }
            changed.countDown();
            if (duringAttempt) {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.getRuns(id, 10).size() >= 2);
            }
            if (pause) {
                assertThat(b.getJob(id).orElseThrow().pendingRetry()).as("the pause wins: no retry in the store").isEmpty();
            }
            else {
                assertThat(b.getJob(id)).isEmpty();
            }
        }
        if (!recording) {
            return;
        }
        try (Scheduler reader = scheduler("node-c", clock, stores.get())) {
            reader.start(true);
            List<RunRecord> runs = reader.getRuns(id, 10);
            assertThat(runs).as("each dropped retry is recorded once").extracting(RunRecord::attempt, RunRecord::outcome, RunRecord::instance)
                    .containsExactlyInAnyOrder(tuple(1, RunOutcome.FAILED, "node-a"),
                            tuple(2, RunOutcome.CANCELLED, duringAttempt ? "node-a" : "node-b"));
            RunRecord cancelled = runs.stream().filter((r) -> r.outcome() == RunOutcome.CANCELLED).findFirst().orElseThrow();
            assertThat(cancelled.error().message()).isEqualTo(!duringAttempt ? (pause ? "the job was paused" : "the job was removed")
                    : "the job was removed, paused or changed by another instance, or its lease lapsed, while attempt 1 ran");
        }
    }

    private static Scheduler scheduler(String id, MutableClock clock, JobStore store) {
        return Scheduler.builder().schedulerId(id).clock(clock).executor("default", new DirectJobExecutor())
                .jobStore("default", store).build();
    }
}
