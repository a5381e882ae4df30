package io.kairos.scheduler.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;


/**
 * All jobs were removed, from one store or from all (APScheduler 3 {@code EVENT_ALL_JOBS_REMOVED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param alias the store's alias, or {@code null} when every store was cleared
 */
public record AllJobsRemoved(Instant timestamp, @Nullable String alias) implements SchedulerEvent {
}
