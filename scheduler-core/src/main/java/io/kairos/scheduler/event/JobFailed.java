package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A run of a job threw (APScheduler 3 {@code EVENT_JOB_ERROR}), or ran past its timeout.
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the run time that failed
 * @param exception what the task threw
 * @param stackTrace the exception's stack trace as text (APScheduler's {@code traceback})
 * @param attempt the failed attempt's number, 1 for the first, counting up with retries
 * @param retry what follows: a retry, or why none
 */
public record JobFailed(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, Throwable exception, String stackTrace,
        int attempt, RetryDecision retry) implements JobEvent {

    /**
     * A first attempt's failure without retries.
     *
     * @param timestamp when the event happened
     * @param jobId the job's id
     * @param jobstore the alias of the job's store
     * @param scheduledRunTime the run time that failed
     * @param exception what the task threw
     * @param stackTrace the exception's stack trace as text
     */
    public JobFailed(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, Throwable exception, String stackTrace) {
        this(timestamp, jobId, jobstore, scheduledRunTime, exception, stackTrace, 1, RetryDecision.NO_RETRY);
    }
}
