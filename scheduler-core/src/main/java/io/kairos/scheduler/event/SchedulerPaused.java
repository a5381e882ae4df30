package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * Job processing was paused (APScheduler 3 {@code EVENT_SCHEDULER_PAUSED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 */
public record SchedulerPaused(Instant timestamp) implements SchedulerEvent {
}
