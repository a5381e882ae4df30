package io.kairos.scheduler.executor;

import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.testing.MutableClock;
import io.kairos.scheduler.testing.OnceTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Job timeouts on the thread-pool executor, on the scheduler's (fake) clock: interrupt and report at the deadline,
 * the slot kept until the thread ends, a task that ignores the interrupt reported stuck once.
 */
class PooledJobExecutorTimeoutTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(T0);

    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private final ThreadPoolJobExecutor executor = new ThreadPoolJobExecutor(1, 0);

    private final RunListener listener = new RunListener() {
        @Override
        public void missed(JobRun run, Instant runTime) {
            PooledJobExecutorTimeoutTests.this.outcomes.add("missed");
        }

        @Override
        public void executed(JobRun run, Instant runTime, Object returnValue) {
            PooledJobExecutorTimeoutTests.this.outcomes.add("executed");
        }

        @Override
        public void failed(JobRun run, Instant runTime, Throwable exception) {
            PooledJobExecutorTimeoutTests.this.failures.add(exception);
            PooledJobExecutorTimeoutTests.this.outcomes.add("failed " + exception.getClass().getSimpleName());
        }

        @Override
        public void stuck(JobRun run, Instant runTime, Thread thread, Duration sinceInterrupt) {
            PooledJobExecutorTimeoutTests.this.outcomes.add("stuck " + sinceInterrupt);
        }

        @Override
        public void finished(JobRun run) {
            PooledJobExecutorTimeoutTests.this.outcomes.add("finished");
        }
    };

    @AfterEach
    void stop() {
        this.executor.shutdown(false, Duration.ZERO);
    }

    private static JobRun run(Duration timeout, TaskAction action) {
        StoredJob job = new StoredJob("slow", "slow", "t", List.of(), Map.of(), new OnceTrigger(T0), "default", "default", null, true,
                1, null, T0, T0, JobState.SCHEDULED, null, 1, timeout);
        return new JobRun(job, Tasks.anonymous(action), List.of(T0));
    }

    @Test
    void aTaskPastItsTimeoutIsInterruptedReportedTimedOutAndKeepsItsSlotUntilItsThreadEnds() throws Exception {
        this.executor.start(new ExecutorContext("default", this.clock));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleanupMayEnd = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        this.executor.submit(run(TIMEOUT, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            }
            catch (InterruptedException ex) {
                interrupted.set(true);
                cleanupMayEnd.await(30, TimeUnit.SECONDS);   // cleanup that takes a while after the interrupt
            }
        }), this.listener);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        this.clock.advance(TIMEOUT.minusMillis(1));
        assertThat(this.outcomes).isEmpty();
        this.clock.advance(Duration.ofMillis(1));
        await().until(() -> this.outcomes.contains("failed RunTimeoutException"));
        assertThat(this.failures.get(0)).hasMessage("job 'slow' ran longer than its timeout PT5S on executor 'default'; its thread"
                + " kairos-default-1 was interrupted");
        assertThat(((RunTimeoutException) this.failures.get(0)).timeout()).isEqualTo(TIMEOUT);
        await().until(interrupted::get);
        assertThat(this.executor.freeSlots()).as("the thread still runs the task").isZero();
        cleanupMayEnd.countDown();
        await().until(() -> this.outcomes.contains("finished"));
        assertThat(this.outcomes).containsExactly("failed RunTimeoutException", "finished");
        assertThat(this.executor.freeSlots()).isEqualTo(1);
        assertThat(this.executor.stuckRuns()).isZero();
    }

    @Test
    void aTaskThatIgnoresTheInterruptIsReportedStuckOnceUntilItEnds() throws Exception {
        this.executor.start(new ExecutorContext("default", this.clock));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean mayEnd = new AtomicBoolean();
        this.executor.submit(run(TIMEOUT, () -> {
            started.countDown();
            while (!mayEnd.get()) {
                Thread.onSpinWait();   // CPU-bound code that never looks at its interrupt status
            }
        }), this.listener);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        this.clock.advance(TIMEOUT);
        await().until(() -> this.outcomes.contains("failed RunTimeoutException"));
        this.clock.advance(Duration.ofSeconds(PooledJobExecutor.STUCK_AFTER_SECONDS).minusMillis(1));
        assertThat(this.outcomes).as("not stuck yet").containsExactly("failed RunTimeoutException");
        this.clock.advance(Duration.ofMillis(1));
        await().until(() -> this.executor.stuckRuns() == 1);
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.outcomes).containsExactly("failed RunTimeoutException", "stuck PT10S");
        assertThat(this.executor.freeSlots()).isZero();
        mayEnd.set(true);
        await().until(() -> this.outcomes.contains("finished"));
        assertThat(this.outcomes).as("the task's own end is not reported again")
            .containsExactly("failed RunTimeoutException", "stuck PT10S", "finished");
        assertThat(this.executor.stuckRuns()).isZero();
        assertThat(this.executor.freeSlots()).isEqualTo(1);
    }

    @Test
    void aTaskThatEndsInTimeIsReportedAsUsualAndItsThreadIsNotInterruptedLater() throws Exception {
        this.executor.start(new ExecutorContext("default", this.clock));
        this.executor.submit(run(TIMEOUT, () -> { }), this.listener);
        await().until(() -> this.outcomes.contains("finished"));
        this.clock.advance(Duration.ofMinutes(1));
        CountDownLatch next = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        this.executor.submit(run(null, () -> {
            interrupted.set(Thread.currentThread().isInterrupted());
            next.countDown();
        }), this.listener);
        assertThat(next.await(30, TimeUnit.SECONDS)).isTrue();
        await().until(() -> this.outcomes.size() == 4);
        assertThat(this.outcomes).containsExactly("executed", "finished", "executed", "finished");
        assertThat(interrupted).isFalse();
    }

    /**
     * The timeout is reported on the watchdog thread while the interrupted task ends on its worker: the run's
     * {@code finished} (which lets the scheduler release the job) must still come last, after the timeout's
     * {@code failed} report returned (the scheduler schedules the retry in it). Here the report waits until the
     * task ended and its worker went back to the pool, so the worker's end always comes first.
     */
    @Test
    void aTimedOutRunIsReportedFinishedOnlyAfterItsTimeoutReportReturnedAlsoWhenTheTaskEndedFirst() throws Exception {
        this.executor.start(new ExecutorContext("default", this.clock));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        List<String> reports = new CopyOnWriteArrayList<>();
        RunListener slowReport = new RunListener() {
            @Override
            public void missed(JobRun run, Instant runTime) {
                reports.add("missed");
            }

            @Override
            public void executed(JobRun run, Instant runTime, Object returnValue) {
                reports.add("executed");
            }

            @Override
            public void failed(JobRun run, Instant runTime, Throwable exception) {
                try {
                    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
                    await().until(() -> idleInPool(worker.get()));
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                reports.add("failed " + exception.getClass().getSimpleName() + " on " + Thread.currentThread().getName());
            }

            @Override
            public void finished(JobRun run) {
                reports.add("finished");
            }
        };
        this.executor.submit(run(TIMEOUT, () -> {
            worker.set(Thread.currentThread());
            started.countDown();
            try {
                new CountDownLatch(1).await();
            }
            finally {
                ended.countDown();
            }
        }), slowReport);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        this.clock.advance(TIMEOUT);
        await().until(() -> reports.contains("finished"));
        assertThat(reports).containsExactly("failed RunTimeoutException on kairos-default-timeouts", "finished");
        assertThat(this.executor.freeSlots()).isEqualTo(1);
    }

    /** Whether a pool thread is done with its run: waiting for the next one, outside the executor's run code. */
    private static boolean idleInPool(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING && state != Thread.State.TERMINATED) {
            return false;
        }
        return java.util.Arrays.stream(thread.getStackTrace()).noneMatch((frame) -> frame.getClassName().startsWith("io.kairos."));
    }

    @Test
    void theThreadPoolAndVirtualThreadExecutorsAcceptJobsWithATimeoutAndTheDirectOneRefusesThem() {
        StoredJob timed = run(TIMEOUT, () -> { }).job();
        this.executor.checkJob(timed);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectJobExecutor().checkJob(timed))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("option 'timeout' (PT5S) is not honoured by executor 'default' (DirectJobExecutor)");
    }
}
