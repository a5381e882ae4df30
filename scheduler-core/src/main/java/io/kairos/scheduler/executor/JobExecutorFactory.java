package io.kairos.scheduler.executor;

import io.kairos.scheduler.config.ComponentOptions;

/**
 * Creates executors of one type from configuration ({@code kairos.executors.<alias>.type=<type>} plus options).
 * Registered with {@link io.kairos.scheduler.SchedulerBuilder#executorFactory} or found through {@link java.util.ServiceLoader}.
 * Built in: {@code thread-pool}, {@code virtual-thread}, {@code direct}. Implementations are thread-safe.
 */
public interface JobExecutorFactory {

    /**
     * The type name this factory creates, e.g. {@code process-pool}.
     *
     * @return the kebab-case type name
     */
    String type();

    /**
     * Creates an executor.
     *
     * @param options the executor's options (without {@code type}); the factory rejects options it does not know
     *     with {@link ComponentOptions#requireOnly}
     * @return a new, unstarted executor
     * @throws IllegalArgumentException naming the key when an option is invalid or unknown
     */
    JobExecutor create(ComponentOptions options);
}
