package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * An executor was removed (APScheduler 3 {@code EVENT_EXECUTOR_REMOVED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param alias the executor's alias
 */
public record ExecutorRemoved(Instant timestamp, String alias) implements SchedulerEvent {
}
