package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job was added to a store (APScheduler 3 {@code EVENT_JOB_ADDED}); not published for pending jobs until the scheduler starts.
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 */
public record JobAdded(Instant timestamp, String jobId, String jobstore) implements JobEvent {
}
