package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job store call failed while the loop processed jobs; the loop backs off (1 s doubling to 5 s, sooner when woken) and retries. No APScheduler 3 equivalent (it only logs).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param alias the store's alias
 * @param exception what the store threw
 */
public record JobStoreFailed(Instant timestamp, String alias, Throwable exception) implements SchedulerEvent {
}
