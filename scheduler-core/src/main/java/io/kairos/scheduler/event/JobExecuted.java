package io.kairos.scheduler.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A run of a job finished normally (APScheduler 3 {@code EVENT_JOB_EXECUTED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the run time that ran
 * @param returnValue what the task returned, or {@code null}
 */
public record JobExecuted(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, @Nullable Object returnValue) implements JobEvent {
}
