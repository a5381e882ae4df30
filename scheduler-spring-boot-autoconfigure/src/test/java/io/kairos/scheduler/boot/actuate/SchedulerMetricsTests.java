package io.kairos.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.event.JobMissed;
import io.kairos.scheduler.event.JobStuck;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.task.TaskAction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SchedulerMetrics} on a real scheduler with one worker thread and a clock the test moves.
 */
class SchedulerMetricsTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final CountDownLatch release = new CountDownLatch(1);

    private final Scheduler scheduler = Scheduler.builder().timezone(ZoneOffset.UTC).clock((InstantSource) this.now::get)
        .executor("default", new ThreadPoolJobExecutor(1, 10))
        .build();

    @AfterEach
    void stop() {
        this.release.countDown();
        this.scheduler.shutdown(false);
    }

    /** Registers the task {@code flaky}, whose first call fails; returns its call count. */
    private java.util.concurrent.atomic.AtomicInteger registerFlaky() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        this.scheduler.taskRegistry().register("flaky", (TaskAction) () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first call fails");
            }
        });
        return calls;
    }

    @Test
    void perTaskAndPerStoreMetersAreListedAtZeroBeforeTheFirstRun() {
        this.scheduler.taskRegistry().register("nightly", (TaskAction) () -> { });
        this.scheduler.taskRegistry().register("hourly", (TaskAction) () -> { });
        this.scheduler.addJob(JobRequest.of("nightly").id("n").trigger(Map.of("type", "cron", "hour", "3")));
        new SchedulerMetrics(this.scheduler, this.registry);
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("hourly").id("h").trigger(Map.of("type", "cron", "minute", "30")));

        for (String task : java.util.List.of("nightly", "hourly")) {
            assertThat(this.registry.get("kairos.job.executions").tags("task", task, "outcome", "success").timer().count()).isZero();
            assertThat(this.registry.get("kairos.job.executions").tags("task", task, "outcome", "failure").timer().count()).isZero();
            assertThat(this.registry.get("kairos.job.lateness").tag("task", task).timer().count()).isZero();
            assertThat(this.registry.get("kairos.job.missed").tag("task", task).counter().count()).isZero();
            assertThat(this.registry.get("kairos.job.max.instances.reached").tag("task", task).counter().count()).isZero();
            for (String outcome : java.util.List.of("scheduled", "succeeded", "exhausted", "not-retryable")) {
                assertThat(this.registry.get("kairos.job.retries").tags("task", task, "outcome", outcome).counter().count()).isZero();
            }
        }
        assertThat(this.registry.get("kairos.store.failures").tag("store", "default").counter().count()).isZero();
    }

    @Test
    void retriesAreCountedByTaskAndOutcome() {
        java.util.concurrent.atomic.AtomicInteger calls = registerFlaky();
        this.scheduler.taskRegistry().register("broken", (TaskAction) () -> {
            throw new IllegalStateException("always");
        });
        new SchedulerMetrics(this.scheduler, this.registry);
        this.scheduler.start();
        RetryPolicy twice = RetryPolicy.maxAttempts(2).withJitter(0);
        this.scheduler.addJob(JobRequest.of("flaky").id("f").retry(twice).trigger(Map.of("type", "date", "run_date", T0.toString())));
        this.scheduler.addJob(JobRequest.of("broken").id("b").retry(twice).trigger(Map.of("type", "date", "run_date", T0.toString())));
        await().until(() -> this.registry.get("kairos.job.retries").tags("task", "broken", "outcome", "scheduled").counter().count() == 1
                && this.registry.get("kairos.job.retries").tags("task", "flaky", "outcome", "scheduled").counter().count() == 1);
        this.now.set(T0.plusSeconds(10));
        this.scheduler.wakeup();
        await().until(() -> this.registry.get("kairos.job.retries").tags("task", "flaky", "outcome", "succeeded").counter().count() == 1
                && this.registry.get("kairos.job.retries").tags("task", "broken", "outcome", "exhausted").counter().count() == 1);
        assertThat(this.registry.get("kairos.job.retries").tags("task", "flaky", "outcome", "exhausted").counter().count()).isZero();
    }

    @Test
    void aRetrysLatenessCountsFromWhenTheRetryWasDueNotFromItsFireTime() {
        java.util.concurrent.atomic.AtomicInteger calls = registerFlaky();
        new SchedulerMetrics(this.scheduler, this.registry);
        this.scheduler.start();
        // fire time T0, run at T0: attempt 2 is due 10 s after it failed
        this.scheduler.addJob(JobRequest.of("flaky").id("f").retry(RetryPolicy.maxAttempts(2).withJitter(0))
                .trigger(Map.of("type", "date", "run_date", T0.toString())));
        await().until(() -> this.registry.get("kairos.job.retries").tags("task", "flaky", "outcome", "scheduled").counter().count() == 1);
        // the loop finds the retry 3 s after it was due, 13 s after the fire time
        this.now.set(T0.plusSeconds(13));
        this.scheduler.wakeup();
        io.micrometer.core.instrument.Timer lateness = this.registry.get("kairos.job.lateness").tag("task", "flaky").timer();
        // attempt 1 and its retry (JobSubmitted comes at the end of the loop's pass, maybe after the run ended)
        await().until(() -> lateness.count() == 2);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).as("0 s for attempt 1, 3 s for the retry").isEqualTo(3_000);
        assertThat(lateness.max(TimeUnit.MILLISECONDS)).isEqualTo(3_000);
    }

    @Test
    void aTimedOutRunWhoseThreadIgnoresTheInterruptIsCountedStuckUntilItEndsAndRecordedTimedOut() {
        java.util.concurrent.atomic.AtomicBoolean mayEnd = new java.util.concurrent.atomic.AtomicBoolean();
        this.scheduler.taskRegistry().register("spin", (TaskAction) () -> {
            while (!mayEnd.get()) {
                Thread.onSpinWait();   // never looks at its interrupt status
            }
        });
        new SchedulerMetrics(this.scheduler, this.registry);
        java.util.List<JobStuck> stuck = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.scheduler.addListener(JobStuck.class, stuck::add);
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("spin").id("s").timeout(Duration.ofSeconds(30))
            .trigger(Map.of("type", "date", "run_date", T0.toString())));
        await().until(() -> this.registry.get("kairos.jobs.running").gauge().value() == 1);
        this.now.set(T0.plusSeconds(30));
        await().until(() -> this.scheduler.getRuns("s", 5).size() == 1);
        assertThat(this.scheduler.getRuns("s", 5).get(0).outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(this.registry.get("kairos.jobs.stuck").gauge().value()).isZero();
        this.now.set(T0.plusSeconds(30 + ThreadPoolJobExecutor.STUCK_AFTER_SECONDS));
        await().until(() -> this.registry.get("kairos.jobs.stuck").gauge().value() == 1);
        // the gauge counts the stuck run before the listener hears of it
        await().until(() -> !stuck.isEmpty());
        assertThat(stuck).singleElement().satisfies((event) -> {
            assertThat(event.jobId()).isEqualTo("s");
            assertThat(event.executor()).isEqualTo("default");
            assertThat(event.threadName()).isEqualTo("kairos-default-1");
            assertThat(event.sinceInterrupt()).isEqualTo(Duration.ofSeconds(ThreadPoolJobExecutor.STUCK_AFTER_SECONDS));
        });
        assertThat(this.scheduler.runsInFlight("default", "s")).as("its max-instances slot is still taken").isEqualTo(1);
        mayEnd.set(true);
        await().until(() -> this.registry.get("kairos.jobs.stuck").gauge().value() == 0);
        await().until(() -> this.scheduler.runsInFlight("default", "s") == 0);
        assertThat(this.scheduler.getRuns("s", 5)).as("the late end is not recorded again").hasSize(1);
    }

    @Test
    void aRunMissedWhenItStartsEndsItsRunningCountAndCountsAsMissed() throws Exception {
        this.scheduler.taskRegistry().register("block", (TaskAction) () -> this.release.await(30, TimeUnit.SECONDS));
        this.scheduler.taskRegistry().register("late", (TaskAction) () -> { });
        new SchedulerMetrics(this.scheduler, this.registry);
        CountDownLatch missed = new CountDownLatch(1);
        this.scheduler.addListener(JobMissed.class, (e) -> missed.countDown());
        this.scheduler.start();
        // "block" holds the only worker; "late" waits in the queue while the clock moves past its grace time
        this.scheduler.addJob(JobRequest.of("block").id("blocker").trigger(Map.of("type", "date")));
        await().until(() -> this.registry.get("kairos.jobs.running").gauge().value() == 1);
        this.scheduler.addJob(JobRequest.of("late").id("late-1").misfireGraceTime(Duration.ofSeconds(1))
            .trigger(Map.of("type", "date")));
        await().until(() -> this.registry.get("kairos.jobs.running").gauge().value() == 2);
        this.now.set(T0.plusSeconds(10));
        this.release.countDown();

        assertThat(missed.await(30, TimeUnit.SECONDS)).isTrue();
        await().untilAsserted(() -> assertThat(this.registry.get("kairos.jobs.running").gauge().value()).isZero());
        assertThat(this.registry.get("kairos.job.missed").tag("task", "late").counter().count()).isEqualTo(1);
        assertThat(this.registry.find("kairos.job.executions").tag("task", "late").timers())
            .as("a missed run time is not an execution").allSatisfy((timer) -> assertThat(timer.count()).isZero());
        assertThat(this.registry.get("kairos.job.executions").tags("task", "block", "outcome", "success").timer().count())
            .isEqualTo(1);
    }
}
