package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * The scheduler started (APScheduler 3 {@code EVENT_SCHEDULER_STARTED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 */
public record SchedulerStarted(Instant timestamp) implements SchedulerEvent {
}
