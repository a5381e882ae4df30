package io.kairos.scheduler.event;

import java.time.Instant;
import java.util.List;

/**
 * Due run times of a job were dropped because it already had max instances runs in flight (APScheduler 3 {@code EVENT_JOB_MAX_INSTANCES}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTimes the dropped run times, earliest first, immutable
 */
public record JobMaxInstancesReached(Instant timestamp, String jobId, String jobstore, List<Instant> scheduledRunTimes) implements JobEvent {

    /**
     * Copies the run times into an immutable list.
     */
    public JobMaxInstancesReached {
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
    }
}
