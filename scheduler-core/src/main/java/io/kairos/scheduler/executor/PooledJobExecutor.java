package io.kairos.scheduler.executor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;


/**
 * Base of executors that run tasks on an {@link ExecutorService} of this JVM: counts runs in flight (running or
 * queued) for {@link #freeSlots()} and implements shutdown with and without waiting. Thread-safe.
 *
 * <p>It accepts up to {@code capacity} runs that start at once plus {@code queueCapacity} runs that wait in the
 * service's queue for a worker. The queue lets the scheduler acquire due jobs in batches instead of one pass per
 * free worker; a queued run's job stays leased, and its misfire grace time is checked again when it starts.
 *
 * <p><b>Timeouts.</b> A job with a {@link io.kairos.scheduler.store.StoredJob#timeout() timeout} is accepted: when
 * a run time's task has run that long (scheduler clock, counted from the task's start, not from the queue), its
 * thread is {@linkplain Thread#interrupt() interrupted} and the run time is reported as failed with a
 * {@link RunTimeoutException} at once. Interruption is a request: it ends blocking calls that honour it
 * ({@code Thread.sleep}, {@code Object.wait}, {@code BlockingQueue.take}, interruptible NIO channels, JDBC drivers
 * that support {@code Statement.cancel} only through their own timeouts) and loops that check
 * {@code Thread.interrupted()}; it cannot stop CPU-bound code that never checks, classic blocking socket I/O or
 * {@code synchronized} waits. The thread, its executor slot and the job's max-instances slot stay taken until
 * the task really returns (the job's slot also until the timeout's report returned: {@link RunListener#finished}
 * comes after it, so the retry that report schedules is kept with the job); one still in its task
 * {@value #STUCK_AFTER_SECONDS} seconds after the interrupt is
 * reported stuck ({@link RunListener#stuck}, {@link #stuckRuns()}). To stop code that cannot be interrupted, use
 * the {@code process-pool} executor, which kills the worker process.
 */
public abstract class PooledJobExecutor implements JobExecutor {

    private static final ThreadLocal<PooledJobExecutor> RUNNING_IN = new ThreadLocal<>();

    private final int capacity;

    private final int queueCapacity;

    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile @Nullable ExecutorContext context;

    private volatile @Nullable ExecutorService service;

    private volatile @Nullable RunWatchdog watchdog;

    /**
     * How long (scheduler clock) after its timeout's interrupt a task still running is reported stuck, in
     * seconds.
     */
    public static final long STUCK_AFTER_SECONDS = 10;

    /**
     * Creates the executor without a queue.
     *
     * @param capacity the most runs that start at once without queueing; {@link Integer#MAX_VALUE} for no limit
     * @throws IllegalArgumentException when {@code capacity < 1}
     */
    protected PooledJobExecutor(int capacity) {
        this(capacity, 0);
    }

    /**
     * Creates the executor.
     *
     * @param capacity the most runs that start at once without queueing; {@link Integer#MAX_VALUE} for no limit
     * @param queueCapacity the most runs accepted beyond {@code capacity}, waiting for a worker; zero or more, and
     *     zero when the capacity is unlimited (nothing ever waits then)
     * @throws IllegalArgumentException when {@code capacity < 1}, {@code queueCapacity < 0}, or a queue is given
     *     with an unlimited capacity
     */
    protected PooledJobExecutor(int capacity, int queueCapacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("max-workers must be at least 1, got " + capacity);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue-capacity must be zero or more, got " + queueCapacity);
        }
        if (capacity == Integer.MAX_VALUE && queueCapacity > 0) {
            throw new IllegalArgumentException("queue-capacity " + queueCapacity + " needs a bounded max-workers; an executor"
                    + " without a worker limit starts every run at once, so its queue capacity must be 0");
        }
        this.capacity = capacity;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Creates the service that runs the runs; called by {@link #start}.
     *
     * @param alias the executor's alias, for thread names
     * @return a new service
     */
    protected abstract ExecutorService createService(String alias);

    @Override
    public synchronized void start(ExecutorContext context) {
        if (this.service != null && !this.service.isShutdown()) {
            throw new IllegalStateException("executor '" + context.alias() + "' is already started");
        }
        this.context = Objects.requireNonNull(context, "context");
        this.service = createService(context.alias());
        this.watchdog = new RunWatchdog(context.alias(), context.clock());
    }

    /** The context {@link #start} was given: runs are only submitted to a started executor. */
    private ExecutorContext started() {
        return Objects.requireNonNull(this.context, "the executor is not started");
    }

    /**
     * Accepts every job: a job's timeout is enforced by interrupting its thread (see the class documentation).
     *
     * @param job the job
     */
    @Override
    public void checkJob(io.kairos.scheduler.store.StoredJob job) {
    }

    /**
     * {@inheritDoc}
     *
     * @return the timed-out runs whose thread is still in the task {@value #STUCK_AFTER_SECONDS} seconds after its
     *     interrupt
     */
    @Override
    public int stuckRuns() {
        RunWatchdog current = this.watchdog;
        return current == null ? 0 : current.stuckRuns();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code capacity + queueCapacity} minus the runs in flight, at least zero; {@link Integer#MAX_VALUE}
     *     when the capacity is unlimited
     */
    @Override
    public int freeSlots() {
        if (this.capacity == Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        long accepted = (long) this.capacity + this.queueCapacity;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, accepted - this.inFlight.get()));
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code true} unless runs are queued and fewer than half the queue's room is free (always
     *     {@code true} without a queue or without a capacity limit)
     */
    @Override
    public boolean isRunningLow() {
        if (this.capacity == Integer.MAX_VALUE || this.queueCapacity == 0) {
            return true;
        }
        long waiting = (long) this.inFlight.get() - this.capacity;
        return waiting * 2 <= this.queueCapacity;
    }

    @Override
    public void submit(JobRun run, RunListener listener) {
        ExecutorService current = this.service;
        if (current == null) {
            throw new RejectedExecutionException("executor is not started");
        }
        this.inFlight.incrementAndGet();
        try {
            current.execute(new QueuedRun(this, run, listener));
        }
        catch (RejectedExecutionException ex) {
            this.inFlight.decrementAndGet();
            throw ex;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>When called from one of this executor's own runs (a job that shuts its scheduler down), it does not wait:
     * the other runs still finish, but nothing waits for them.
     */
    @Override
    public void shutdown(boolean wait, Duration timeout) {
        ExecutorService current = this.service;
        if (current == null) {
            return;
        }
        RunWatchdog timeouts = this.watchdog;
        if (timeouts != null) {
            timeouts.stop();
        }
        if (!wait) {
            abandon(current.shutdownNow());
            return;
        }
        current.shutdown();
        if (RUNNING_IN.get() == this) {
            // called by one of this executor's own runs (a job shutting its scheduler down): it cannot wait for itself
            return;
        }
        try {
            if (!current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                abandon(current.shutdownNow());
            }
        }
        catch (InterruptedException ex) {
            abandon(current.shutdownNow());
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The number of runs accepted and not yet ended.
     *
     * @return zero or more
     */
    public int runsInFlight() {
        return this.inFlight.get();
    }

    /**
     * Reports runs that were queued but never started (dropped by {@code shutdownNow}) as
     * {@linkplain RunListener#abandoned abandoned}, so their jobs keep those run times and their leases are
     * released.
     */
    private static void abandon(java.util.List<Runnable> dropped) {
        for (Runnable runnable : dropped) {
            if (runnable instanceof QueuedRun queued) {
                queued.abandoned(queued.jobRun, new RejectedExecutionException("executor shut down before the run started"));
            }
        }
    }

    /**
     * A submitted run as queued in the pool: one object per run that runs it, passes its outcomes on, and frees its
     * slot exactly once — before {@link RunListener#finished} wakes the loop, or the woken pass may still see no
     * free slot. A run dropped by {@code shutdownNow} can still be reported. When the run ends while the watchdog
     * still reports a timeout (or a stuck task) of it, the worker reports {@link RunListener#threadDone} and the
     * watchdog reports {@code finished} once its report returned ({@link RunWatchdog.FinishGate}).
     */
    private static final class QueuedRun implements Runnable, RunListener {

        private static final AtomicIntegerFieldUpdater<QueuedRun> FREED = AtomicIntegerFieldUpdater.newUpdater(QueuedRun.class, "freed");

        private final PooledJobExecutor executor;

        private final JobRun jobRun;

        private final RunListener listener;

        private volatile int freed;

        /** Holds {@link RunListener#finished} back while the watchdog reports a run time of this run. */
        private final RunWatchdog.FinishGate gate;

        /** The run time in progress when the job has a timeout; worker thread only. */
        private RunWatchdog.@Nullable Attempt attempt;

        QueuedRun(PooledJobExecutor executor, JobRun jobRun, RunListener listener) {
            this.executor = executor;
            this.jobRun = jobRun;
            this.listener = listener;
            this.gate = new RunWatchdog.FinishGate(() -> listener.finished(jobRun));
        }

        @Override
        public void run() {
            // set and cleared to null rather than removed: the thread-local entry is made once per thread, not per run
            RUNNING_IN.set(this.executor);
            try {
                this.jobRun.execute(this.executor.started().clock(), this);
            }
            finally {
                RUNNING_IN.set(null);
                freeSlot();
            }
        }

        private void freeSlot() {
            if (FREED.compareAndSet(this, 0, 1)) {
                this.executor.inFlight.decrementAndGet();
            }
        }

        @Override
        public void missed(JobRun run, Instant runTime) {
            this.listener.missed(run, runTime);
        }

        @Override
        public void started(JobRun run, Instant runTime) {
            this.listener.started(run, runTime);
            Duration timeout = run.job().timeout();
            if (timeout != null) {
                RunWatchdog watchdog = Objects.requireNonNull(this.executor.watchdog, "the executor is not started");
                this.attempt = watchdog.watch(run, runTime, timeout, this.listener, this.gate);
            }
        }

        @Override
        public void executed(JobRun run, Instant runTime, @Nullable Object returnValue) {
            if (endedInTime()) {
                this.listener.executed(run, runTime, returnValue);
            }
        }

        @Override
        public void failed(JobRun run, Instant runTime, Throwable exception) {
            if (endedInTime()) {
                this.listener.failed(run, runTime, exception);
            }
        }

        @Override
        public void stuck(JobRun run, Instant runTime, Thread thread, Duration sinceInterrupt) {
            this.listener.stuck(run, runTime, thread, sinceInterrupt);
        }

        /** Whether the run time in progress ended before its timeout (a timed-out one was reported already). */
        private boolean endedInTime() {
            RunWatchdog.Attempt current = this.attempt;
            this.attempt = null;
            return current == null || current.end();
        }

        @Override
        public void finished(JobRun run) {
            freeSlot();
            this.listener.threadDone(run);
            // reports finished now, or, while the watchdog still reports a run time of this run, lets it do so after
            this.gate.release();
        }

        @Override
        public void abandoned(JobRun run, Throwable cause) {
            freeSlot();
            this.listener.abandoned(run, cause);
        }
    }
}
