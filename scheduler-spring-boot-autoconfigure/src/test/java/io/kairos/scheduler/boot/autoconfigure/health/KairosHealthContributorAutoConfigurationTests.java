package io.kairos.scheduler.boot.autoconfigure.health;

import java.util.Map;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.actuate.SchedulerHealthIndicator;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class KairosHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class, KairosHealthContributorAutoConfiguration.class));

    @Test
    void healthIsUpWhileRunningAndDownWhenStopped() {
        this.runner.run((context) -> {
            SchedulerHealthIndicator indicator = context.getBean("schedulerHealthIndicator", SchedulerHealthIndicator.class);
            Health health = indicator.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "RUNNING")
                .containsEntry("jobstores", Map.of("default", "UP"));
            context.getBean(Scheduler.class).shutdown(false);
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void healthIndicatorCanBeDisabled() {
        this.runner.withPropertyValues("management.health.scheduler.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SchedulerHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffWithoutTheHealthModule() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffWithoutTheScheduler() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosHealthContributorAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerHealthIndicator.class));
    }

    @Test
    void applicationsOwnIndicatorNamedSchedulerWins() {
        this.runner.withBean("schedulerHealthIndicator", HealthIndicator.class, () -> () -> Health.unknown().build())
            .run((context) -> assertThat(context).doesNotHaveBean(SchedulerHealthIndicator.class)
                .hasBean("schedulerHealthIndicator"));
    }
}
