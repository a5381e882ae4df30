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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduler's {@code removeAllJobs} on one store kind, for {@link JobStoreContractTests}: the pending retries it
 * drops are recorded as {@code CANCELLED} runs, as when one job is removed.
 */
final class RemovedRetries {

    private RemovedRetries() {
    }

    /** The fake clock's time: it never moves, so the retry an hour later never comes due during the check. */
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /**
     * Runs a failing job with a one-hour back-off on a scheduler over the store (a fake clock that stands still at
     * {@link #T0}; the store reads its time from the scheduler), so that its retry is pending in the store, then removes
     * all jobs and reads the job's history. The awaits wait for the scheduler's loop thread, not for time to pass.
     *
     * @param store a new, unstarted store over the backend of the contract's store
     */
    static void check(JobStore store) {
        String id = "removed-retry-" + UUID.randomUUID().toString().substring(0, 8);
        try (Scheduler scheduler = Scheduler.builder().clock(new MutableClock(T0)).executor("default", new DirectJobExecutor()).jobStore("default", store).build()) {
            scheduler.taskRegistry().register("fail", (TaskAction) () -> {
                throw new IllegalStateException("provider down");
            });
            scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
            scheduler.start();
            scheduler.addJob(JobRequest.of("noop").id(id + "-plain").trigger(Map.of("type", "date", "run_date", T0.plus(Duration.ofHours(1)).toString())));
            scheduler.addJob(JobRequest.of("fail").id(id).retry(RetryPolicy.maxAttempts(2).withBackoff(Duration.ofHours(1), Duration.ofHours(1)))
                    .trigger(Map.of("type", "date", "run_date", T0.toString())));
            await().until(() -> scheduler.getJob(id).map((job) -> job.storedJob().pendingRetry() != null).orElse(false));

            scheduler.removeAllJobs();

            assertThat(scheduler.getJobs()).isEmpty();
            if (!store.runHistory().isRecording()) {
                return;
            }
            List<RunRecord> runs = await().until(() -> scheduler.getRuns(id, 10), (r) -> r.size() == 2);
            assertThat(runs).extracting(RunRecord::attempt, RunRecord::outcome).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(1, RunOutcome.FAILED), org.assertj.core.groups.Tuple.tuple(2, RunOutcome.CANCELLED));
            RunRecord cancelled = runs.stream().filter((r) -> r.outcome() == RunOutcome.CANCELLED).findFirst().orElseThrow();
            assertThat(cancelled.error().message()).isEqualTo("all jobs of the store were removed");
            assertThat(scheduler.getRuns(id + "-plain", 10)).as("a job without a pending retry leaves no record").isEmpty();
        }
    }
}
