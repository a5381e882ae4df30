package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job store was removed (APScheduler 3 {@code EVENT_JOBSTORE_REMOVED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param alias the store's alias
 */
public record JobStoreRemoved(Instant timestamp, String alias) implements SchedulerEvent {
}
