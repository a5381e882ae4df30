package io.kairos.scheduler.boot.autoconfigure.metrics;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.actuate.SchedulerMetrics;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code kairos.*} meters ({@link SchedulerMetrics}), when Micrometer is on the class path and the application
 * has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = KairosAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Scheduler.class, MeterRegistry.class })
public final class KairosMetricsAutoConfiguration {

    /**
     * The meters.
     *
     * @param scheduler the scheduler
     * @param registry the application's registry
     * @return the metrics binder
     */
    @Bean
    @ConditionalOnMissingBean
    SchedulerMetrics kairosSchedulerMetrics(Scheduler scheduler, MeterRegistry registry) {
        return new SchedulerMetrics(scheduler, registry);
    }
}
