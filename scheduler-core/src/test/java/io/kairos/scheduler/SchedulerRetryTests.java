package io.kairos.scheduler;

import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobRetryScheduled;
import io.kairos.scheduler.event.RetryDecision;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.EveryTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries of failed attempts on the fake clock (no sleeps): another attempt of the same fire time, kept with the job in
 * its store until it runs, dropped (and recorded) when the job is paused or removed first.
 */
class SchedulerRetryTests extends SchedulerTestSupport {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** Exact delays: 10 s, then 20 s. */
    private static final RetryPolicy THREE_ATTEMPTS = RetryPolicy.maxAttempts(3).withJitter(0);

    private final AtomicInteger calls = new AtomicInteger();

    /** Registers {@code flaky}: fails its first {@code failures} calls, then returns "done". */
    private void flaky(int failures) {
        this.scheduler.taskRegistry().register("flaky", (TaskAction) () -> {
            if (this.calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("payment service down (call " + this.calls.get() + ")");
            }
        });
    }

    private List<RunRecord> awaitRuns(String jobId, int count) {
        List<RunRecord> runs = await().until(() -> this.scheduler.getRuns(jobId, 20), (r) -> r.size() >= count);
        return runs.stream().sorted(Comparator.comparing(RunRecord::attempt)).toList();
    }

    @Test
    void aJobThatFailsTwiceThenSucceedsRunsAttemptsOneTwoThreeOfTheSameFireTime() {
        build().start();
        flaky(2);
        Instant fire = T0.plusSeconds(60);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(THREE_ATTEMPTS).trigger(new EveryTrigger(fire, Duration.ofHours(1))));
        advance(Duration.ofSeconds(60));
        JobRetryScheduled first = awaitEvents(JobRetryScheduled.class, 1).get(0);
        assertThat(first.attempt()).isEqualTo(2);
        assertThat(first.delay()).isEqualTo(TEN_SECONDS);
        assertThat(first.scheduledRunTime()).isEqualTo(fire);
        StoredJob pending = await().until(() -> this.scheduler.getJob("pay").orElseThrow().storedJob(),
                (job) -> job.pendingRetry() != null);
        assertThat(pending.pendingRetry()).isEqualTo(new PendingRetry(2, fire, fire.plus(TEN_SECONDS), fire.plus(Duration.ofHours(1))));
        assertThat(pending.nextRunTime()).as("the next run time moved to the retry").isEqualTo(fire.plus(TEN_SECONDS));

        advance(Duration.ofSeconds(9));
        awaitIdle();
        assertThat(this.calls.get()).as("not before the backoff").isEqualTo(1);
        advance(Duration.ofSeconds(1));
        JobRetryScheduled second = awaitEvents(JobRetryScheduled.class, 2).get(1);
        assertThat(second.attempt()).isEqualTo(3);
        assertThat(second.delay()).as("backoff times the multiplier").isEqualTo(Duration.ofSeconds(20));
        advance(Duration.ofSeconds(20));
        awaitEvents(JobExecuted.class, 1);

        List<RunRecord> runs = awaitRuns("pay", 3);
        assertThat(runs).extracting(RunRecord::attempt).containsExactly(1, 2, 3);
        assertThat(runs).extracting(RunRecord::outcome).containsExactly(RunOutcome.FAILED, RunOutcome.FAILED, RunOutcome.SUCCEEDED);
        assertThat(runs).extracting(RunRecord::scheduledAt).containsOnly(fire);
        assertThat(this.events.of(JobFailed.class)).extracting(JobFailed::attempt, JobFailed::retry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, RetryDecision.RETRY_SCHEDULED),
                        org.assertj.core.groups.Tuple.tuple(2, RetryDecision.RETRY_SCHEDULED));
        assertThat(this.events.of(JobExecuted.class).get(0).attempt()).isEqualTo(3);
        StoredJob after = await().until(() -> this.scheduler.getJob("pay").orElseThrow().storedJob(), (job) -> job.pendingRetry() == null);
        assertThat(after.nextRunTime()).as("back to the regular schedule").isEqualTo(fire.plus(Duration.ofHours(1)));
    }

    @Test
    void theLastAttemptsFailureIsReportedExhaustedAndNotRetried() {
        build().start();
        flaky(5);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(RetryPolicy.maxAttempts(2).withJitter(0))
                .trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        awaitEvents(JobRetryScheduled.class, 1);
        advance(TEN_SECONDS);
        List<JobFailed> failed = awaitEvents(JobFailed.class, 2);
        assertThat(failed.get(1).attempt()).isEqualTo(2);
        assertThat(failed.get(1).retry()).isEqualTo(RetryDecision.ATTEMPTS_EXHAUSTED);
        advance(Duration.ofMinutes(5));
        awaitIdle();
        assertThat(this.calls.get()).isEqualTo(2);
        assertThat(this.events.of(JobRetryScheduled.class)).hasSize(1);
    }

    @Test
    void anExceptionInNoRetryOnIsNotRetried() {
        build().start();
        flaky(5);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay")
                .retry(THREE_ATTEMPTS.withRetryOn("java.lang.RuntimeException").withNoRetryOn("java.lang.IllegalStateException"))
                .trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        assertThat(awaitEvents(JobFailed.class, 1).get(0).retry()).isEqualTo(RetryDecision.NOT_RETRYABLE);
        advance(Duration.ofMinutes(5));
        awaitIdle();
        assertThat(this.calls.get()).isEqualTo(1);
    }

    @Test
    void aJobWithoutARetryPolicyIsNotRetried() {
        build().start();
        this.scheduler.addJob(JobRequest.of("fail").id("once").trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        assertThat(awaitEvents(JobFailed.class, 1).get(0).retry()).isEqualTo(RetryDecision.NO_RETRY);
        awaitIdle();
        assertThat(this.scheduler.getJob("once").orElseThrow().storedJob().pendingRetry()).isNull();
    }

    @Test
    void pausingAJobDropsItsPendingRetryAndRecordsIt() {
        build().start();
        flaky(5);
        Instant fire = T0.plusSeconds(1);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(THREE_ATTEMPTS).trigger(new EveryTrigger(fire, Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        await().until(() -> this.scheduler.getJob("pay").orElseThrow().storedJob().pendingRetry() != null);
        this.scheduler.pauseJob("pay");
        advance(Duration.ofMinutes(1));
        awaitIdle();
        assertThat(this.calls.get()).isEqualTo(1);
        List<RunRecord> runs = awaitRuns("pay", 2);
        assertThat(runs.get(1).outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(runs.get(1).attempt()).isEqualTo(2);
        assertThat(runs.get(1).scheduledAt()).isEqualTo(fire);
        assertThat(runs.get(1).error().message()).isEqualTo("the job was paused");
        this.scheduler.resumeJob("pay");
        assertThat(this.scheduler.getJob("pay").orElseThrow().storedJob().pendingRetry()).as("resuming brings no retry back").isNull();
    }

    @Test
    void removingAJobDropsItsPendingRetryAndRecordsIt() {
        build().start();
        flaky(5);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(THREE_ATTEMPTS)
                .trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        await().until(() -> this.scheduler.getJob("pay").orElseThrow().storedJob().pendingRetry() != null);
        this.scheduler.removeJob("pay");
        advance(Duration.ofMinutes(1));
        awaitIdle();
        assertThat(this.calls.get()).isEqualTo(1);
        List<RunRecord> runs = awaitRuns("pay", 2);
        assertThat(runs.get(1).outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(runs.get(1).error().message()).isEqualTo("the job was removed");
    }

    @Test
    void aRetryDueAfterTheNextRegularFireTimeStillRunsAfterThatRegularRun() {
        build().start();
        flaky(1);
        Instant fire = T0.plusSeconds(5);
        // fires every 5 s; the first retry comes 12 s after the failure, after two more regular fire times
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(RetryPolicy.maxAttempts(2).withJitter(0)
                .withBackoff(Duration.ofSeconds(12), Duration.ofMinutes(1))).maxInstances(1)
                .trigger(new EveryTrigger(fire, Duration.ofSeconds(5))));
        advance(Duration.ofSeconds(5));
        awaitEvents(JobRetryScheduled.class, 1);
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(5));   // T0+10, +15 (regular runs), +20: the retry was due at +17
            awaitIdle();
        }
        List<RunRecord> runs = awaitRuns("pay", 4);
        RunRecord retry = runs.stream().filter((r) -> r.attempt() == 2).findFirst().orElseThrow();
        assertThat(retry.scheduledAt()).as("the retry belongs to the failed fire time").isEqualTo(fire);
        assertThat(retry.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(runs).filteredOn((r) -> r.attempt() == 1).extracting(RunRecord::scheduledAt)
                .contains(fire, fire.plusSeconds(5), fire.plusSeconds(10));
    }

    @Test
    void aRetryLaterThanTheMisfireGraceTimeIsMissedNotRun() {
        build().start();
        flaky(5);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(THREE_ATTEMPTS).misfireGraceTime(Duration.ofSeconds(1))
                .trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        advance(Duration.ofSeconds(1));
        await().until(() -> this.scheduler.getJob("pay").orElseThrow().storedJob().pendingRetry() != null);
        this.scheduler.pause();
        advance(Duration.ofSeconds(30));   // the retry was due 20 s ago
        this.scheduler.resume();
        awaitIdle();
        List<RunRecord> runs = awaitRuns("pay", 2);
        assertThat(runs.get(1).attempt()).isEqualTo(2);
        assertThat(runs.get(1).outcome()).isEqualTo(RunOutcome.MISSED);
        assertThat(this.calls.get()).isEqualTo(1);
    }

    @Test
    void theDefaultRetryPolicyComesFromFlatJobDefaults() {
        build().configure(Map.of("kairos.job-defaults.retry.max-attempts", "2", "kairos.job-defaults.retry.jitter", "0"));
        this.scheduler.start();
        flaky(1);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").trigger(new EveryTrigger(T0.plusSeconds(1), Duration.ofHours(1))));
        assertThat(this.scheduler.getJob("pay").orElseThrow().storedJob().retry()).isEqualTo(RetryPolicy.maxAttempts(2).withJitter(0));
        advance(Duration.ofSeconds(1));
        awaitEvents(JobRetryScheduled.class, 1);
        advance(TEN_SECONDS);
        awaitEvents(JobExecuted.class, 1);
        assertThat(awaitRuns("pay", 2)).extracting(RunRecord::attempt).containsExactly(1, 2);
    }
}
