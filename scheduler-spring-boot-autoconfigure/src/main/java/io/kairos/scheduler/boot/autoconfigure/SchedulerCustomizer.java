package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.SchedulerBuilder;

/**
 * Customizes the engine's {@link SchedulerBuilder} before the auto-configured scheduler is built, for what
 * {@code kairos.*} properties cannot say: a custom {@code JobStore} or {@code JobExecutor} instance, a clock, a job
 * codec, executor or store factories. Beans of this type are applied in {@link org.springframework.core.Ordered
 * order}, after the properties.
 */
@FunctionalInterface
public interface SchedulerCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied; not thread-safe, used on the calling thread only
     */
    void customize(SchedulerBuilder builder);
}
