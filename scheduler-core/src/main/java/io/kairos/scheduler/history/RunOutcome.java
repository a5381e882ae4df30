package io.kairos.scheduler.history;

/**
 * How one run attempt of a job ended, as kept in its {@link RunRecord}.
 */
public enum RunOutcome {

    /** The task returned normally. */
    SUCCEEDED,

    /** The task threw an exception. */
    FAILED,

    /** The task ran longer than the job's timeout and was interrupted (or its worker process was killed). */
    TIMED_OUT,

    /** The run time was later than the job's misfire grace time allows, so the task was not started. */
    MISSED,

    /** The task was not started because the job already had its maximum number of runs in flight. */
    SKIPPED_MAX_INSTANCES,

    /**
     * The run did not come to an end on the instance that took it: the instance lost its lease on the job or
     * died, or its executor refused or dropped the run. The job's next run time went back so that the fire time
     * runs again (on this or another instance).
     */
    ABANDONED,

    /**
     * A retry that never ran: it was pending (or about to be scheduled) when the job was paused, removed, rescheduled
     * or changed. The record carries the retry's attempt number and the fire time it belonged to; its error
     * ({@link RetryCancelledException}) says why.
     */
    CANCELLED;

    /**
     * Whether this outcome is a failed attempt that a retry may follow.
     *
     * @return {@code true} for {@link #FAILED} and {@link #TIMED_OUT}
     */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT;
    }
}
