package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * Job processing was resumed (APScheduler 3 {@code EVENT_SCHEDULER_RESUMED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 */
public record SchedulerResumed(Instant timestamp) implements SchedulerEvent {
}
