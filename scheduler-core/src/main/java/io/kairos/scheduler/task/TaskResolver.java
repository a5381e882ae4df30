package io.kairos.scheduler.task;

import java.util.Optional;

/**
 * Resolves task names the core cannot: the SPI through which the Spring module offers bean methods
 * ({@code orderService.cancelUnpaidOrder}). Implementations are thread-safe.
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
     */
    Optional<Task> resolve(String name);
}
