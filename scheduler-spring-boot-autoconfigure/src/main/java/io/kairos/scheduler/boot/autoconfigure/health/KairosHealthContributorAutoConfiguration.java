package io.kairos.scheduler.boot.autoconfigure.health;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.actuate.SchedulerHealthIndicator;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code scheduler} health indicator, when Spring Boot's health module is on the class path and
 * {@code management.health.scheduler.enabled} is not {@code false}.
 */
@AutoConfiguration(after = KairosAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Scheduler.class)
@ConditionalOnEnabledHealthIndicator("scheduler")
public final class KairosHealthContributorAutoConfiguration {

    /**
     * The indicator; its bean name makes the contributor name {@code scheduler}.
     *
     * @param scheduler the scheduler
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "schedulerHealthIndicator")
    SchedulerHealthIndicator schedulerHealthIndicator(Scheduler scheduler) {
        return new SchedulerHealthIndicator(scheduler);
    }
}
