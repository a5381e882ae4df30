package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job store was added (APScheduler 3 {@code EVENT_JOBSTORE_ADDED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param alias the store's alias
 */
public record JobStoreAdded(Instant timestamp, String alias) implements SchedulerEvent {
}
