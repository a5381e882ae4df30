package io.kairos.scheduler.task;

import java.util.Optional;

/**
 * Resolves task names the core cannot: the SPI through which the Spring module offers bean methods
 * ({@code orderService.cancelUnpaidOrder}). Implementations are thread-safe.
 *
 * <p>The names a resolver receives include names read from job stores, which are untrusted: whoever can write a
 * store can put any name there. A resolver must resolve only what its owner meant to be run by name (the Spring
 * module: methods declared with {@code @ScheduledJob}/{@code @KairosTask}, and methods of beans in the
 * {@link AllowedPackages}), and refuse the rest with a {@link TaskNotAllowedException}.
 */
@FunctionalInterface
public interface TaskResolver {

    /**
     * Resolves a name.
     *
     * @param name the task name
     * @return the task, or empty when this resolver does not know the name
     * @throws UnknownTaskException when the name has this resolver's form but names nothing it can run
     *     (e.g. the bean exists but has no such method), with the reason
     * @throws TaskNotAllowedException when the name has this resolver's form but names something it must not run
     */
    Optional<Task> resolve(String name);
}
