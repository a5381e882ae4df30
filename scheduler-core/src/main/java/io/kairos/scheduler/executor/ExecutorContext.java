package io.kairos.scheduler.executor;

import io.kairos.scheduler.task.AllowedPackages;

import java.time.InstantSource;
import java.util.Objects;

/**
 * What a scheduler hands an executor when it starts it.
 *
 * @param alias the alias the executor is registered under, e.g. {@code default}
 * @param clock the scheduler's clock, for the misfire check when a run starts; never the system clock directly
 * @param taskPackages the packages whose classes task names may reference (the scheduler's
 *     {@code TaskRegistry.allowedPackages()} when the executor starts), for an executor that resolves task names
 *     itself, as the {@code process-pool} workers do; not {@code null}
 */
public record ExecutorContext(String alias, InstantSource clock, AllowedPackages taskPackages) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException when {@code taskPackages} is {@code null}
     */
    public ExecutorContext {
        Objects.requireNonNull(taskPackages, "taskPackages");
    }

    /**
     * A context allowing no task package: for executors that only run tasks the scheduler resolved.
     *
     * @param alias the alias the executor is registered under
     * @param clock the scheduler's clock
     */
    public ExecutorContext(String alias, InstantSource clock) {
        this(alias, clock, AllowedPackages.NONE);
    }
}
