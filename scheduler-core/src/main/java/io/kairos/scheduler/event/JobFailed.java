package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A run of a job threw (APScheduler 3 {@code EVENT_JOB_ERROR}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the run time that failed
 * @param exception what the task threw
 * @param stackTrace the exception's stack trace as text (APScheduler's {@code traceback})
 */
public record JobFailed(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, Throwable exception, String stackTrace) implements JobEvent {
}
