package io.kairos.scheduler.event;

/**
 * What follows a failed attempt, as {@link JobFailed#retry()} reports it.
 */
public enum RetryDecision {

    /** The job's retry policy has one attempt only (the default): no retry. */
    NO_RETRY,

    /** A retry was scheduled ({@link JobRetryScheduled} follows). */
    RETRY_SCHEDULED,

    /** The attempt was the last one the policy allows. */
    ATTEMPTS_EXHAUSTED,

    /** The exception is not retried: listed in {@code no-retry-on}, or not in a non-empty {@code retry-on}. */
    NOT_RETRYABLE,

    /**
     * Not retried because this instance lost its lease on the job while the attempt ran: another instance took the job
     * over and runs the fire time again.
     */
    LEASE_LOST
}
