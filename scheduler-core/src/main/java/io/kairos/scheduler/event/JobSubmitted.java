package io.kairos.scheduler.event;

import java.time.Instant;
import java.util.List;

/**
 * A run of a job was handed to its executor (APScheduler 3 {@code EVENT_JOB_SUBMITTED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTimes the run times of this run, earliest first (one when coalescing), immutable
 */
public record JobSubmitted(Instant timestamp, String jobId, String jobstore, List<Instant> scheduledRunTimes) implements JobEvent {

    /**
     * Copies the run times into an immutable list.
     */
    public JobSubmitted {
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
    }
}
