package io.kairos.scheduler.executor;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;


/**
 * Receives the outcomes of a {@link JobRun} from an executor. Implemented by the scheduler; thread-safe, and
 * never throws (a failing event listener is logged inside).
 */
public interface RunListener {

    /**
     * A run time was skipped at start because it was later than the job's misfire grace time.
     *
     * @param run the run
     * @param runTime the skipped run time
     */
    void missed(JobRun run, Instant runTime);

    /**
     * A run time ran and returned normally.
     *
     * @param run the run
     * @param runTime the run time
     * @param returnValue what the task returned, or {@code null}
     */
    void executed(JobRun run, Instant runTime, @Nullable Object returnValue);

    /**
     * A run time's task is about to start (called in the thread that runs it, just before the task). The default
     * does nothing; the scheduler's listener notes the start time for the run history.
     *
     * @param run the run
     * @param runTime the run time whose task starts
     */
    default void started(JobRun run, Instant runTime) {
    }

    /**
     * A run time ran and threw.
     *
     * @param run the run
     * @param runTime the run time
     * @param exception what the task threw (reflection wrappers removed)
     */
    void failed(JobRun run, Instant runTime, Throwable exception);

    /**
     * The run ended: all its run times were reported, or it was interrupted. Called exactly once per accepted
     * run, last: after every other report of the run, also one the executor makes from another thread (a timeout,
     * reported by a watchdog thread while the interrupted task ends on its own). The scheduler counts the run as
     * ended here, and may release its job (writing, or deleting, it with what the reports decided, such as a
     * retry). Usually called on the thread that ran the run; an executor that had to wait for a report from
     * another thread calls it there, after {@link #threadDone} on the run's thread.
     *
     * @param run the run
     */
    void finished(JobRun run);

    /**
     * The thread that ran the run (an executor's worker in this JVM) is done with it: called on that thread at the
     * end of the run, before {@link #finished}, which may follow on another thread (see there). Executors that run
     * tasks on threads of this JVM call it; others need not. The default does nothing; the scheduler's listener stops
     * the trace span of a timed-out run time from being current on this thread.
     *
     * @param run the run
     */
    default void threadDone(JobRun run) {
    }

    /**
     * A run time whose task ran past the job's timeout was interrupted (and reported {@link #failed} with a
     * {@link RunTimeoutException}), but its thread is still in the task {@code sinceInterrupt} later: the task
     * ignores interrupts. Its thread and its max-instances slot stay taken until the task returns. Called once per
     * such run time, on the executor's watchdog thread. The default does nothing; the scheduler's listener logs a
     * WARN with the thread's stack and publishes {@code JobStuck}.
     *
     * @param run the run
     * @param runTime the run time
     * @param thread the thread still running the task
     * @param sinceInterrupt how long ago (scheduler clock) the thread was interrupted
     */
    default void stuck(JobRun run, Instant runTime, Thread thread, Duration sinceInterrupt) {
    }

    /**
     * The run was accepted but never started: the executor shut down (without waiting, or after its shutdown
     * timeout) while the run waited in its queue. Called instead of the per-run-time reports and
     * {@link #finished}. The scheduler's listener keeps the run times for later (the job's next run time goes back
     * to the earliest of them), so a queued one-shot job is not lost. The default reports each run time as failed
     * with {@code cause}, then {@link #finished}. Called on the thread that shuts the executor down (scheduler
     * shutdown or {@code removeExecutor}), not on a worker.
     *
     * @param run the run
     * @param cause why it never started, for the failure reports
     */
    default void abandoned(JobRun run, Throwable cause) {
        for (Instant runTime : run.scheduledRunTimes()) {
            failed(run, runTime, cause);
        }
        finished(run);
    }
}
