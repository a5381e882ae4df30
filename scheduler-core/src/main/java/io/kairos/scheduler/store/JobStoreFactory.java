package io.kairos.scheduler.store;

import io.kairos.scheduler.config.ComponentOptions;

/**
 * Creates job stores of one type from configuration ({@code kairos.jobstores.<alias>.type=<type>} plus options).
 * Registered with {@link io.kairos.scheduler.SchedulerBuilder#jobStoreFactory} (stores that need objects such as a
 * {@code DataSource} are registered this way, capturing them) or found through {@link java.util.ServiceLoader}.
 * Implementations are thread-safe.
 */
public interface JobStoreFactory {

    /**
     * The type name this factory creates, e.g. {@code memory}, {@code jdbc}.
     *
     * @return the kebab-case type name
     */
    String type();

    /**
     * Creates a store.
     *
     * @param options the store's options (without {@code type})
     * @return a new, unstarted store
     * @throws IllegalArgumentException naming the key when an option is invalid or unknown
     */
    JobStore create(ComponentOptions options);
}
