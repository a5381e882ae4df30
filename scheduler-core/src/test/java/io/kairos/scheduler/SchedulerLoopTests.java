package io.kairos.scheduler;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobMaxInstancesReached;
import io.kairos.scheduler.event.JobMissed;
import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.HoldingJobExecutor;
import io.kairos.scheduler.testing.OnceTrigger;
import io.kairos.scheduler.trigger.IntervalTrigger;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The main loop on a fake clock with the direct executor: due runs, coalescing, misfire grace time (both
 * checks), max instances, jitter, broken jobs, failures and store back-off.
 */
class SchedulerLoopTests extends SchedulerTestSupport {

    @Test
    void runsAJobWhenItIsDueAndNotBefore() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("j").args(7).trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        awaitIdle();
        assertThat(this.runs).isEmpty();
        advance(MINUTE);
        List<JobExecuted> executed = awaitEvents(JobExecuted.class, 1);
        assertThat(executed.get(0).jobId()).isEqualTo("j");
        assertThat(executed.get(0).scheduledRunTime()).isEqualTo(T0.plus(MINUTE));
        assertThat(executed.get(0).returnValue()).isEqualTo("ok");
        assertThat(this.runs).containsExactly(List.of(7));
        // the pass publishes JobSubmitted when it ends; the direct executor ran the job (JobExecuted) before that
        await().untilAsserted(() -> assertThat(this.events.of(JobSubmitted.class)).filteredOn((e) -> e.jobId().equals("j"))
                .singleElement().satisfies((e) -> assertThat(e.scheduledRunTimes()).containsExactly(T0.plus(MINUTE))));
        await().until(() -> this.scheduler.getJob("j").orElseThrow().nextRunTime().orElseThrow().toInstant().equals(T0.plus(MINUTE.multipliedBy(2))));
    }

    @Test
    void deletesAOneShotJobOnlyAfterItRanAndPublishesJobRemoved() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("once").trigger(new EveryTrigger(T0, MINUTE, T0, Duration.ZERO)));
        await().until(() -> this.events.of(JobRemoved.class).stream().anyMatch((e) -> e.jobId().equals("once")));
        assertThat(this.runs).hasSize(1);
        assertThat(this.scheduler.getJob("once")).isEmpty();
    }

    @Test
    void coalescesMissedRunsIntoOneRunOfTheLatest() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("c").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        awaitIdle();
        advance(MINUTE.multipliedBy(3).plusSeconds(30));
        awaitEvents(JobExecuted.class, 1);
        awaitIdle();
        assertThat(this.events.of(JobExecuted.class)).singleElement()
                .satisfies((e) -> assertThat(e.scheduledRunTime()).isEqualTo(T0.plus(MINUTE.multipliedBy(3))));
        assertThat(this.events.of(JobMissed.class)).isEmpty();
        assertThat(this.scheduler.getJob("c").orElseThrow().nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(MINUTE.multipliedBy(4)));
    }

    @Test
    void aCoalescingIntervalJobCatchesUpOnYearsOfMissedRunTimesInOneStep() {
        // every millisecond: stepping through ten years of missed fire times (3 × 10^11) would not end in this test
        assertCatchesUpOnTenYears(JobRequest.of("record").id("i").trigger(new IntervalTrigger(Duration.ofMillis(1),
                T0.plus(MINUTE).atZone(ZoneOffset.UTC), null, ZoneOffset.UTC, null)), Duration.ofNanos(500_000));
    }

    @Test
    void aCoalescingCronJobCatchesUpOnYearsOfMissedRunTimesInAFewSteps() {
        // every second: stepping through ten years of missed fire times (3 × 10^8) would not end in this test
        assertCatchesUpOnTenYears(JobRequest.of("record").id("c").trigger(Triggers.fromSpec(Map.of("type", "cron", "second", "*",
                "timezone", "UTC"))), Duration.ofMillis(500));
    }

    @Test
    void aCoalescingOrJobCatchesUpOnYearsOfMissedRunTimesInAFewSteps() {
        // a per-second cron or an hourly interval: stepping through ten years (3 × 10^8 fire times) would not end here
        assertCatchesUpOnTenYears(JobRequest.of("record").id("o").trigger(Triggers.fromSpec(Map.of("type", "or", "timezone", "UTC",
                "triggers", List.of(Map.of("type", "cron", "second", "*"), Map.of("type", "interval", "hours", 1))))),
                Duration.ofMillis(500));
    }

    // Adds the job and runs what is due at once (a cron job's run at T0), then moves the clock ten years and a bit
    // (slack) on: the one run that follows is for the latest missed fire time, T0 + ten years, and nothing is missed.
    private void assertCatchesUpOnTenYears(JobRequest job, Duration slack) {
        build().start();
        this.scheduler.addJob(job);
        awaitIdle();
        int before = this.events.of(JobExecuted.class).size();
        Duration tenYears = Duration.ofDays(3652);
        advance(tenYears.plus(slack));
        awaitEvents(JobExecuted.class, before + 1);
        assertThat(this.events.of(JobExecuted.class).get(before).scheduledRunTime()).as("the latest missed fire time")
                .isEqualTo(T0.plus(tenYears));
        assertThat(this.events.of(JobMissed.class)).isEmpty();
    }

    @Test
    void withoutCoalescingRunsEveryMissedRunTime() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("c").coalesce(false).trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        awaitIdle();
        advance(MINUTE.multipliedBy(3));
        List<JobExecuted> executed = awaitEvents(JobExecuted.class, 3);
        assertThat(executed).extracting(JobExecuted::scheduledRunTime)
                .containsExactly(T0.plus(MINUTE), T0.plus(MINUTE.multipliedBy(2)), T0.plus(MINUTE.multipliedBy(3)));
        await().untilAsserted(() -> assertThat(this.events.of(JobSubmitted.class)).filteredOn((e) -> e.jobId().equals("c"))
                .singleElement().satisfies((e) -> assertThat(e.scheduledRunTimes()).hasSize(3)));
    }

    @Test
    void dropsRunTimesOlderThanTheMisfireGraceTimeAtSubmission() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("m").coalesce(false).misfireGraceTime(Duration.ofSeconds(90))
                .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        awaitIdle();
        advance(MINUTE.multipliedBy(3));
        awaitEvents(JobExecuted.class, 2);
        awaitIdle();
        assertThat(this.events.of(JobMissed.class)).singleElement().satisfies((e) -> {
            assertThat(e.scheduledRunTime()).isEqualTo(T0.plus(MINUTE));
            assertThat(e.submitted()).isFalse();
        });
        assertThat(this.events.of(JobSubmitted.class)).flatExtracting(JobSubmitted::scheduledRunTimes).doesNotContain(T0.plus(MINUTE));
        assertThat(this.events.of(JobExecuted.class)).extracting(JobExecuted::scheduledRunTime)
                .containsExactly(T0.plus(MINUTE.multipliedBy(2)), T0.plus(MINUTE.multipliedBy(3)));
    }

    @Test
    void checksTheMisfireGraceTimeAgainWhenTheRunStartsSoQueueingCounts() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding)).start();
        this.scheduler.addJob(JobRequest.of("record").id("q").executor("held").misfireGraceTime(Duration.ofSeconds(10))
                .trigger(new EveryTrigger(T0.plus(MINUTE), Duration.ofHours(1))));
        advance(MINUTE);
        await().until(() -> holding.waiting() == 1);
        holding.beforeRun((run) -> this.clock.advance(Duration.ofSeconds(11)));
        holding.runNext();
        assertThat(this.events.of(JobMissed.class)).singleElement().satisfies((e) -> {
            assertThat(e.scheduledRunTime()).isEqualTo(T0.plus(MINUTE));
            assertThat(e.submitted()).as("missed at start: the run time was submitted").isTrue();
        });
        assertThat(this.events.of(JobExecuted.class)).isEmpty();
        assertThat(this.runs).isEmpty();
    }

    @Test
    void dropsRunsWithJobMaxInstancesReachedWhileMaxInstancesAreInFlightAndReleasesAfterTheLastRun() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding)).start();
        this.scheduler.addJob(JobRequest.of("record").id("mi").executor("held").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        advance(MINUTE);
        await().until(() -> holding.waiting() == 1);
        advance(MINUTE);
        List<JobMaxInstancesReached> dropped = awaitEvents(JobMaxInstancesReached.class, 1);
        assertThat(dropped.get(0).scheduledRunTimes()).containsExactly(T0.plus(MINUTE.multipliedBy(2)));
        assertThat(holding.waiting()).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(30));
        holding.runNext();
        await().until(() -> this.scheduler.runsInFlight("default", "mi") == 0
                && this.scheduler.getJob("mi").orElseThrow().nextRunTime().orElseThrow().toInstant().equals(T0.plus(MINUTE.multipliedBy(3))));
        assertThat(this.runs).hasSize(1);
    }

    @Test
    void startsFurtherRunsOfAHeldJobWhileFewerThanMaxInstancesAreInFlight() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding)).start();
        this.scheduler.addJob(JobRequest.of("record").id("mi2").executor("held").maxInstances(2)
                .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        advance(MINUTE);
        await().until(() -> holding.waiting() == 1);
        advance(MINUTE);
        await().until(() -> holding.waiting() == 2);
        advance(MINUTE);
        awaitEvents(JobMaxInstancesReached.class, 1);
        assertThat(this.scheduler.runsInFlight("default", "mi2")).isEqualTo(2);
        assertThat(holding.runs()).extracting((r) -> r.scheduledRunTimes().get(0))
                .containsExactly(T0.plus(MINUTE), T0.plus(MINUTE.multipliedBy(2)));
        holding.runNext();
        holding.runNext();
        await().until(() -> this.scheduler.runsInFlight("default", "mi2") == 0);
    }

    @Test
    void keepsJitteredRunTimesWithinTheJitterAndNeverPastTheEndDate() {
        build().start();
        Duration jitter = Duration.ofSeconds(20);
        for (int i = 0; i < 20; i++) {
            Job job = this.scheduler.addJob(JobRequest.of("record").id("j" + i).jitter(jitter)
                    .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
            Instant run = job.nextRunTime().orElseThrow().toInstant();
            assertThat(run).isBetween(T0.plus(MINUTE), T0.plus(MINUTE).plus(jitter));
            assertThat(job.storedJob().nextFireTime()).isEqualTo(T0.plus(MINUTE));
        }
        Instant end = T0.plus(MINUTE).plusSeconds(1);
        for (int i = 0; i < 20; i++) {
            Job job = this.scheduler.addJob(JobRequest.of("record").id("e" + i).jitter(Duration.ofMinutes(10))
                    .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE, end, Duration.ZERO)));
            assertThat(job.nextRunTime().orElseThrow().toInstant()).isBetween(T0.plus(MINUTE), end);
        }
    }

    @Test
    void usesTheTriggersJitterWhenTheJobHasNone() {
        build().start();
        boolean moved = false;
        for (int i = 0; i < 10; i++) {
            Job job = this.scheduler.addJob(JobRequest.of("record").id("t" + i)
                    .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE, null, Duration.ofSeconds(30))));
            Instant run = job.nextRunTime().orElseThrow().toInstant();
            assertThat(run).isBetween(T0.plus(MINUTE), T0.plus(MINUTE).plusSeconds(30));
            moved |= !run.equals(T0.plus(MINUTE));
        }
        assertThat(moved).isTrue();
    }

    @Test
    void publishesJobFailedWithTheExceptionAndItsStackTraceAndKeepsGoing() {
        build().start();
        this.scheduler.addJob(JobRequest.of("fail").id("f").trigger(new EveryTrigger(T0, MINUTE)));
        JobFailed failed = awaitEvents(JobFailed.class, 1).get(0);
        assertThat(failed.exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(failed.stackTrace()).contains("IllegalStateException: boom").contains("\tat ");
        assertThat(failed.scheduledRunTime()).isEqualTo(T0);
        advance(MINUTE);
        awaitEvents(JobFailed.class, 2);
    }

    @Test
    void aThrowingListenerIsLoggedAndNeverStopsTheLoop() {
        build();
        AtomicInteger calls = new AtomicInteger();
        this.scheduler.addListener(JobExecuted.class, (e) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("record").id("l").trigger(new EveryTrigger(T0, MINUTE)));
        awaitEvents(JobExecuted.class, 1);
        advance(MINUTE);
        awaitEvents(JobExecuted.class, 2);
        assertThat(calls).hasValue(2);
    }

    @Test
    void marksAJobWhoseTaskCannotBeResolvedBrokenAndKeepsIt() {
        MemoryJobStore store = new MemoryJobStore();
        store.addJob(new StoredJob("b", "b", "no.such.Task::run", List.of(), Map.of(), new EveryTrigger(T0, MINUTE), "default",
                "default", null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null), io.kairos.scheduler.store.ConflictPolicy.ERROR);
        build((b) -> b.jobStore("default", store)).start();
        JobBroken broken = awaitEvents(JobBroken.class, 1).get(0);
        assertThat(broken.jobId()).isEqualTo("b");
        assertThat(broken.reason()).contains("no.such.Task");
        Job job = this.scheduler.getJob("b").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.BROKEN);
        assertThat(job.brokenReason()).hasValueSatisfying((r) -> assertThat(r).contains("no.such.Task"));
        assertThat(job.toString()).contains("broken: ");
    }

    @Test
    void backsOffAndPublishesJobStoreFailedWhenTheStoreFailsThenRecovers() {
        AtomicInteger failures = new AtomicInteger(1);
        MemoryJobStore flaky = new MemoryJobStore() {
            @Override
            public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
                if (failures.getAndDecrement() > 0) {
                    throw new io.kairos.scheduler.store.JobStoreException("database down", new RuntimeException("connection refused"));
                }
                return super.acquireDueJobs(schedulerId, now, limit, leaseUntil);
            }
        };
        build((b) -> b.jobStore("default", flaky));
        this.scheduler.addJob(JobRequest.of("record").id("r").trigger(new EveryTrigger(T0, MINUTE)));
        this.scheduler.start();
        JobStoreFailed failed = awaitEvents(JobStoreFailed.class, 1).get(0);
        assertThat(failed.alias()).isEqualTo("default");
        assertThat(failed.exception()).hasMessage("database down");
        awaitEvents(JobExecuted.class, 1);
    }

    @Test
    void aPausedSchedulerRunsNothingUntilResumed() {
        build().start(true);
        this.scheduler.addJob(JobRequest.of("record").id("p").trigger(new EveryTrigger(T0, MINUTE)));
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.PAUSED);
        assertThat(this.events.of(JobSubmitted.class)).isEmpty();
        this.scheduler.resume();
        awaitEvents(JobExecuted.class, 1);
        this.scheduler.pause();
        advance(MINUTE);
        this.scheduler.resume();
        awaitEvents(JobExecuted.class, 2);
    }

    @Test
    void keepsAOneShotJobLeasedWhileItRunsAndDeletesItOnlyAfterTheRun() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding)).start();
        this.scheduler.addJob(JobRequest.of("record").id("once").executor("held").trigger(new OnceTrigger(T0)));
        await().until(() -> holding.waiting() == 1);
        awaitIdle();
        assertThat(this.scheduler.getJob("once")).isPresent();
        holding.runNext();
        await().until(() -> this.scheduler.getJob("once").isEmpty());
        assertThat(this.runs).hasSize(1);
    }

    @Test
    void extendsTheLeasesOfJobsInFlightEveryThirdOfTheLeaseTime() {
        List<Instant> extendedUntil = new java.util.concurrent.CopyOnWriteArrayList<>();
        MemoryJobStore store = new MemoryJobStore() {
            @Override
            public java.util.Set<String> extendLeases(String schedulerId, java.util.Collection<String> jobIds, Instant leaseUntil) {
                extendedUntil.add(leaseUntil);
                return super.extendLeases(schedulerId, jobIds, leaseUntil);
            }
        };
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding).jobStore("default", store).leaseTime(Duration.ofSeconds(30))).start();
        this.scheduler.addJob(JobRequest.of("record").id("long").executor("held").trigger(new OnceTrigger(T0)));
        await().until(() -> holding.waiting() == 1);
        advance(Duration.ofSeconds(9));
        awaitIdle();
        assertThat(extendedUntil).isEmpty();
        advance(Duration.ofSeconds(1));
        await().until(() -> extendedUntil.size() == 1);
        assertThat(extendedUntil.get(0)).isEqualTo(T0.plusSeconds(40));
        holding.runNext();
        await().until(() -> this.scheduler.getJob("long").isEmpty());
    }

    @Test
    void aRemoteWakeUpFromTheStoreMakesTheLoopLookAgain() {
        java.util.concurrent.atomic.AtomicReference<io.kairos.scheduler.store.JobStoreContext> context = new java.util.concurrent.atomic.AtomicReference<>();
        MemoryJobStore store = new MemoryJobStore() {
            @Override
            public void start(io.kairos.scheduler.store.JobStoreContext ctx) {
                context.set(ctx);
                super.start(ctx);
            }
        };
        build((b) -> b.jobStore("default", store)).start();
        awaitIdle();
        store.addJob(new StoredJob("remote", "remote", "record", List.of(), Map.of(), new OnceTrigger(T0), "default", "default", null,
                true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null), io.kairos.scheduler.store.ConflictPolicy.ERROR);
        context.get().wakeup().run();
        awaitEvents(JobExecuted.class, 1);
        assertThat(context.get().schedulerId()).isEqualTo(this.scheduler.schedulerId());
        assertThat(context.get().alias()).isEqualTo("default");
    }

    @Test
    void pollsASharedStoreForJobsOtherSchedulersAdded() {
        io.kairos.scheduler.testing.SharedMemoryJobStore shared = new io.kairos.scheduler.testing.SharedMemoryJobStore();
        build((b) -> b.jobStore("default", shared).pollInterval(Duration.ofMillis(50))).start();
        awaitIdle();
        shared.addJob(new StoredJob("other", "other", "record", List.of(), Map.of(), new OnceTrigger(T0), "default", "default", null,
                true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null), io.kairos.scheduler.store.ConflictPolicy.ERROR);
        awaitEvents(JobExecuted.class, 1);
    }

    @Test
    void aTriggerThatThrowsMarksItsJobBrokenAndTheLoopGoesOn() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("bad").trigger(new ThrowingTrigger()));
        this.scheduler.addJob(JobRequest.of("record").id("good").trigger(new EveryTrigger(T0, MINUTE)));
        JobBroken broken = awaitEvents(JobBroken.class, 1).get(0);
        assertThat(broken.jobId()).isEqualTo("bad");
        assertThat(broken.reason()).contains("no common fire time");
        await().until(() -> this.scheduler.getJob("bad").orElseThrow().state() == JobState.BROKEN);
        advance(MINUTE);
        await().until(() -> this.events.of(JobExecuted.class).stream().filter((e) -> e.jobId().equals("good")).count() == 2);
    }

    @Test
    void aOneShotJobWhoseTaskObjectReAddsItselfUnderTheSameIdKeepsItsTask() {
        build().start();
        AtomicInteger ran = new AtomicInteger();
        io.kairos.scheduler.task.Task[] self = new io.kairos.scheduler.task.Task[1];
        self[0] = io.kairos.scheduler.task.Tasks.anonymous(() -> {
            if (ran.incrementAndGet() == 1) {
                this.scheduler.addJob(JobRequest.of(self[0]).id("self").replaceExisting(true).trigger(new OnceTrigger(T0.plus(MINUTE))));
            }
        });
        this.scheduler.addJob(JobRequest.of(self[0]).id("self").trigger(new OnceTrigger(T0)));
        await().until(() -> ran.get() == 1);
        awaitIdle();
        advance(MINUTE);
        await().until(() -> ran.get() == 2);
        assertThat(this.events.of(JobBroken.class)).isEmpty();
    }

    @Test
    void aTriggerThatThrowsAnErrorMarksItsJobBrokenAndTheLoopGoesOn() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("bad").trigger(new ThrowingTrigger(new AssertionError("user trigger bug"))));
        this.scheduler.addJob(JobRequest.of("record").id("good").trigger(new EveryTrigger(T0, MINUTE)));
        JobBroken broken = awaitEvents(JobBroken.class, 1).get(0);
        assertThat(broken.jobId()).isEqualTo("bad");
        assertThat(broken.reason()).contains("user trigger bug");
        // the first run of "good" (due at T0) must have happened before the clock moves, or it coalesces with the next
        await().until(() -> this.events.of(JobExecuted.class).stream().filter((e) -> e.jobId().equals("good")).count() == 1);
        advance(MINUTE);
        await().until(() -> this.events.of(JobExecuted.class).stream().filter((e) -> e.jobId().equals("good")).count() == 2);
    }

    /**
     * Fires first at T0, then throws the given error, or (without one) as an and-trigger that finds no common
     * fire time.
     */
    private static final class ThrowingTrigger implements io.kairos.scheduler.trigger.Trigger {

        private final Error error;

        ThrowingTrigger() {
            this(null);
        }

        ThrowingTrigger(Error error) {
            this.error = error;
        }

        @Override
        public java.util.Optional<java.time.ZonedDateTime> nextFireTime(java.time.ZonedDateTime previous, java.time.ZonedDateTime now) {
            if (previous == null) {
                return java.util.Optional.of(T0.atZone(timezone()));
            }
            if (this.error != null) {
                throw this.error;
            }
            throw new io.kairos.scheduler.trigger.TriggerSearchException("no common fire time within 1000 steps");
        }

        @Override
        public java.time.ZoneId timezone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Map<String, Object> toSpec() {
            return Map.of("type", "throwing");
        }
    }
}
