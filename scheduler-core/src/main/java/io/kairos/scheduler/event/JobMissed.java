package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A run time was skipped because it was later than the job's misfire grace time, checked when the run was submitted and again when the executor started it (APScheduler 3 {@code EVENT_JOB_MISSED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the missed run time
 */
public record JobMissed(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime) implements JobEvent {
}
