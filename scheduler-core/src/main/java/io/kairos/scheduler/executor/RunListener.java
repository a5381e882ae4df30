package io.kairos.scheduler.executor;

import java.time.Instant;

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
    void executed(JobRun run, Instant runTime, Object returnValue);

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
     * run, last.
     *
     * @param run the run
     */
    void finished(JobRun run);
}
