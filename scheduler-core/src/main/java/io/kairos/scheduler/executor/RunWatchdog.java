package io.kairos.scheduler.executor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces job timeouts for an executor that runs tasks on threads of this JVM: one daemon thread per executor,
 * started with the first timed run time, compares the scheduler's clock with each run time's deadline. At the
 * deadline it interrupts the task's thread and reports the run time as failed with {@link RunTimeoutException}
 * (before the thread ends: the thread keeps its slots until it really ends). When the thread is still in the task
 * {@link #STUCK_AFTER} after the interrupt, the run time is reported {@linkplain RunListener#stuck stuck} and counted
 * in {@link #stuckRuns()} until the task returns. While it reports a run time, the run's
 * {@link RunListener#finished} is held back ({@link FinishGate}): the interrupted task may end, and its worker reach
 * the end of the run, before the report returns, and {@code finished} must still come last. Thread-safe.
 */
final class RunWatchdog {

    /** How long after its interrupt a timed-out task that is still running counts as stuck (scheduler clock). */
    static final Duration STUCK_AFTER = Duration.ofSeconds(PooledJobExecutor.STUCK_AFTER_SECONDS);

    /** The longest the watchdog thread sleeps between looks at the clock (an injected clock may jump). */
    private static final long MAX_WAIT_MILLIS = 250;

    private static final Logger logger = LoggerFactory.getLogger(RunWatchdog.class);

    private final String alias;

    private final InstantSource clock;

    private final Set<Attempt> watched = ConcurrentHashMap.newKeySet();

    private final AtomicInteger stuck = new AtomicInteger();

    private @Nullable Thread thread;

    private boolean stopped;

    RunWatchdog(String alias, InstantSource clock) {
        this.alias = alias;
        this.clock = clock;
    }

    /**
     * Starts watching a run time whose task is about to start on the calling thread.
     *
     * @param run the run
     * @param runTime the run time
     * @param timeout the job's timeout, positive
     * @param listener receives the timeout and stuck reports
     * @param gate the run's gate, held while the watchdog reports this run time
     * @return the attempt, to {@link Attempt#end end} when the task returns or throws
     */
    Attempt watch(JobRun run, Instant runTime, Duration timeout, RunListener listener, FinishGate gate) {
        Attempt attempt = new Attempt(run, runTime, timeout, Thread.currentThread(), this.clock.instant().plus(timeout), listener,
                gate);
        this.watched.add(attempt);
        synchronized (this) {
            if (this.thread == null && !this.stopped) {
                this.thread = new Thread(this::loop, "kairos-" + this.alias + "-timeouts");
                this.thread.setDaemon(true);
                this.thread.start();
            }
            notifyAll();
        }
        return attempt;
    }

    /**
     * The timed-out runs whose threads are still in their task after {@link #STUCK_AFTER}.
     *
     * @return zero or more
     */
    int stuckRuns() {
        return this.stuck.get();
    }

    /** Stops the watchdog thread; runs still watched are no longer timed out. */
    synchronized void stop() {
        this.stopped = true;
        notifyAll();
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                if (this.stopped) {
                    this.thread = null;
                    return;
                }
            }
            Instant now = this.clock.instant();
            long waitMillis = MAX_WAIT_MILLIS;
            List<Attempt> due = new ArrayList<>();
            for (Attempt attempt : this.watched) {
                Instant next = attempt.nextCheck();
                if (next == null) {
                    this.watched.remove(attempt);
                }
                else if (!now.isBefore(next)) {
                    due.add(attempt);
                }
                else {
                    waitMillis = Math.min(waitMillis, Math.max(1, Duration.between(now, next).toMillis()));
                }
            }
            for (Attempt attempt : due) {
                attempt.check(now);
            }
            synchronized (this) {
                if (!this.stopped && due.isEmpty()) {
                    try {
                        wait(waitMillis);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        this.thread = null;
                        return;
                    }
                }
            }
        }
    }

    /**
     * Holds back a run's {@link RunListener#finished} report while the watchdog reports one of its run times on its
     * own thread, so that {@code finished} comes after every report of the run, as {@link RunListener} promises.
     * Without it the scheduler could count a timed-out run as ended, and release its job, before the timeout's
     * {@code failed} report scheduled the retry: the interrupted task often ends at once, and its worker reaches the
     * end of the run while the watchdog is still in the report; a one-shot job was deleted, a repeating one written
     * back, without the retry, and the retry was lost. The worker holds the gate from the start of the run and lets go
     * when the run ends; the watchdog takes a hold under the attempt's lock, before the worker can see its run time
     * end, and lets go when its report returned. Whoever lets go last reports {@code finished}, on its own thread.
     * Thread-safe.
     */
    static final class FinishGate {

        /** The worker's hold until the run ends, plus one per watchdog report in progress. */
        private final AtomicInteger holds = new AtomicInteger(1);

        private final Runnable finish;

        /**
         * Creates the gate of one run, held by its worker.
         *
         * @param finish reports the run finished; run once, by whoever lets go of the gate last
         */
        FinishGate(Runnable finish) {
            this.finish = finish;
        }

        /** Takes a hold for a report the watchdog is about to make. */
        void hold() {
            this.holds.incrementAndGet();
        }

        /** Lets go of a hold: the worker's when the run ended, or the watchdog's when its report returned. */
        void release() {
            if (this.holds.decrementAndGet() == 0) {
                this.finish.run();
            }
        }
    }

    /** One run time of a task with a timeout, from its start to the end of its task. Thread-safe (its own lock). */
    final class Attempt {

        private final JobRun run;

        private final Instant runTime;

        private final Duration timeout;

        private final Thread worker;

        private final Instant deadline;

        private final RunListener listener;

        private final FinishGate gate;

        private @Nullable Instant interruptedAt;

        private boolean ended;

        private boolean reportedStuck;

        Attempt(JobRun run, Instant runTime, Duration timeout, Thread worker, Instant deadline, RunListener listener,
                FinishGate gate) {
            this.run = run;
            this.runTime = runTime;
            this.timeout = timeout;
            this.worker = worker;
            this.deadline = deadline;
            this.listener = listener;
            this.gate = gate;
        }

        /** When the watchdog must look at this attempt next, or {@code null} when there is nothing left to do. */
        synchronized @Nullable Instant nextCheck() {
            if (this.ended || this.reportedStuck) {
                return null;
            }
            return this.interruptedAt == null ? this.deadline : this.interruptedAt.plus(STUCK_AFTER);
        }

        /** Called by the watchdog at or after {@link #nextCheck()}. */
        void check(Instant now) {
            boolean timedOut = false;
            boolean nowStuck = false;
            synchronized (this) {
                if (this.ended) {
                    return;
                }
                if (this.interruptedAt == null) {
                    // hold the run's finished report until the timeout's report returned: the hold is taken before
                    // end() can see the interrupt noted, so the worker, however soon the task ends, lets go of the
                    // gate only after it
                    this.gate.hold();
                    // interrupt inside the lock: once end() sees the interrupt noted, it has been delivered, so it can
                    // never reach the next task this thread runs
                    this.interruptedAt = now;
                    this.worker.interrupt();
                    timedOut = true;
                }
                else if (!this.reportedStuck) {
                    this.gate.hold();
                    this.reportedStuck = true;
                    RunWatchdog.this.stuck.incrementAndGet();
                    nowStuck = true;
                }
            }
            try {
                if (timedOut) {
                    this.listener.failed(this.run, this.runTime, new RunTimeoutException(this.timeout, "job '" + this.run.job().id()
                            + "' ran longer than its timeout " + this.timeout + " on executor '" + RunWatchdog.this.alias
                            + "'; its thread " + this.worker.getName() + " was interrupted"));
                }
                if (nowStuck) {
                    this.listener.stuck(this.run, this.runTime, this.worker, Duration.between(this.interruptedAt, now));
                }
            }
            finally {
                if (timedOut || nowStuck) {
                    this.gate.release();
                }
            }
        }

        /**
         * Called by the worker when the task returned or threw.
         *
         * @return {@code true} when the task ended in time and its outcome is to be reported; {@code false} when it
         *     was timed out (reported as failed, or being reported by the watchdog, which holds the run's
         *     {@link FinishGate} meanwhile; the interrupt status is cleared, so the run's next run times still run)
         */
        boolean end() {
            boolean wasStuck;
            synchronized (this) {
                this.ended = true;
                if (this.interruptedAt == null) {
                    RunWatchdog.this.watched.remove(this);
                    return true;
                }
                wasStuck = this.reportedStuck;
            }
            Thread.interrupted();
            RunWatchdog.this.watched.remove(this);
            if (wasStuck) {
                RunWatchdog.this.stuck.decrementAndGet();
                logger.info("Job '{}' (run time {}) on executor '{}' ended at last, {} after its timeout; its thread is free again",
                        this.run.job().id(), this.runTime, RunWatchdog.this.alias,
                        Duration.between(this.interruptedAt, RunWatchdog.this.clock.instant()));
            }
            return false;
        }
    }
}
