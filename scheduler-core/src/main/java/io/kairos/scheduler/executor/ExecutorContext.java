package io.kairos.scheduler.executor;

import java.time.InstantSource;

/**
 * What a scheduler hands an executor when it starts it.
 *
 * @param alias the alias the executor is registered under, e.g. {@code default}
 * @param clock the scheduler's clock, for the misfire check when a run starts; never the system clock directly
 */
public record ExecutorContext(String alias, InstantSource clock) {
}
