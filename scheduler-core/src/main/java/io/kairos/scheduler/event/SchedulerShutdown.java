package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * The scheduler shut down (APScheduler 3 {@code EVENT_SCHEDULER_SHUTDOWN}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 */
public record SchedulerShutdown(Instant timestamp) implements SchedulerEvent {
}
