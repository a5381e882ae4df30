package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * An executor was added (APScheduler 3 {@code EVENT_EXECUTOR_ADDED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param alias the executor's alias
 */
public record ExecutorAdded(Instant timestamp, String alias) implements SchedulerEvent {
}
