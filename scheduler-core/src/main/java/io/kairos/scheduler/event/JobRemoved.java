package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job was removed (APScheduler 3 {@code EVENT_JOB_REMOVED}), by the API or because its trigger finished.
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 */
public record JobRemoved(Instant timestamp, String jobId, String jobstore) implements JobEvent {
}
