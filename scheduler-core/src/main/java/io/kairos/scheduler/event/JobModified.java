package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job was modified, rescheduled, paused or resumed (APScheduler 3 {@code EVENT_JOB_MODIFIED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 */
public record JobModified(Instant timestamp, String jobId, String jobstore) implements JobEvent {
}
