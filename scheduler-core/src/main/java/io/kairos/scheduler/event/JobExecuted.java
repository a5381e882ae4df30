package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A run of a job finished normally (APScheduler 3 {@code EVENT_JOB_EXECUTED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the run time that ran
 * @param returnValue what the task returned, or {@code null}
 * @param attempt the attempt's number: 1 for the first, 2 or more for a retry that succeeded
 */
public record JobExecuted(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, Object returnValue, int attempt)
        implements JobEvent {

    /**
     * A first attempt that finished normally.
     *
     * @param timestamp when the event happened
     * @param jobId the job's id
     * @param jobstore the alias of the job's store
     * @param scheduledRunTime the run time that ran
     * @param returnValue what the task returned, or {@code null}
     */
    public JobExecuted(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, Object returnValue) {
        this(timestamp, jobId, jobstore, scheduledRunTime, returnValue, 1);
    }
}
