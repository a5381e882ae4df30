package io.kairos.scheduler.task;

/**
 * SPI: contributes named tasks discovered with {@link java.util.ServiceLoader}. List the implementation in
 * {@code META-INF/services/io.kairos.scheduler.task.TaskProvider} (or {@code provides} in
 * {@code module-info.java}); it needs a public no-arg constructor.
 *
 * <p>Tasks registered by a provider are stable <em>and</em> portable: a worker JVM of the process-pool
 * executor loads the same providers from the same class path and so resolves the same names. See
 * {@link TaskRegistry#withServiceLoaderProviders(ClassLoader)}.
 */
public interface TaskProvider {

    /**
     * Registers this provider's tasks. Called once per registry that loads the provider.
     *
     * @param registrar where to register, never {@code null}
     * @throws IllegalArgumentException when a name is invalid or already registered (by another provider or
     *     by the application)
     */
    void registerTasks(TaskRegistrar registrar);
}
