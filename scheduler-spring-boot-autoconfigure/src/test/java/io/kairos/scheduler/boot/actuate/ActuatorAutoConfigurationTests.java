package io.kairos.scheduler.boot.actuate;

import java.time.Duration;
import java.util.Map;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.kairos.scheduler.boot.autoconfigure.KairosEndpointAutoConfiguration;
import io.kairos.scheduler.boot.autoconfigure.KairosHealthContributorAutoConfiguration;
import io.kairos.scheduler.boot.autoconfigure.KairosMetricsAutoConfiguration;
import io.kairos.scheduler.boot.operations.JobDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class, KairosEndpointAutoConfiguration.class,
                KairosHealthContributorAutoConfiguration.class, KairosMetricsAutoConfiguration.class))
        .withPropertyValues("kairos.tasks.allowed-packages=" + ActuatorAutoConfigurationTests.class.getPackageName());

    @Test
    void endpointNeedsToBeExposed() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(SchedulerEndpoint.class));
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class)
                .hasSingleBean(SchedulerEndpointWebExtension.class));
    }

    @Test
    void endpointBacksOffWithoutActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
            .withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerEndpoint.class));
    }

    @Test
    void endpointDescribesJobsAndActsOnThem() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .withBean("work", Work.class)
            .run((context) -> {
                JobScheduler scheduler = context.getBean(JobScheduler.class);
                scheduler.addJob(JobRequest.of("work.run").id("w1").trigger(Map.of("type", "interval", "hours", 1)));
                SchedulerEndpoint endpoint = context.getBean(SchedulerEndpoint.class);
                assertThat(endpoint.scheduler().jobs()).extracting(JobDescriptor::id).containsExactly("w1");
                assertThat(endpoint.job("w1").task()).isEqualTo("work.run");
                assertThat(endpoint.job("absent")).isNull();
                assertThat(endpoint.jobAction("w1", "pause", null).orElseThrow().state()).isEqualTo("PAUSED");
                assertThat(endpoint.jobAction("absent", "pause", null)).isNull();
                assertThat(endpoint.removeJob("w1")).isTrue();
                assertThat(endpoint.removeJob("w1")).isFalse();
            });
    }

    @Test
    void theTimeZoneIsWrittenAsInTriggerSpecs() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=scheduler", "kairos.timezone=Z")
            .run((context) -> assertThat(context.getBean(SchedulerEndpoint.class).scheduler().timezone()).isEqualTo("UTC"));
    }

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
    void metricsCountRunsByTaskAndOutcomeWithoutJobIds() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean("work", Work.class)
            .run((context) -> {
                JobScheduler scheduler = context.getBean(JobScheduler.class);
                scheduler.addJob(JobRequest.of("work.run").id("ok-1").trigger(Map.of("type", "date")));
                scheduler.addJob(JobRequest.of("work.fail").id("bad-1").trigger(Map.of("type", "date")));
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(count(registry, "work.run", "success")).as(() -> registry.getMeters().stream()
                        .map((m) -> m.getId().toString()).toList().toString()).isEqualTo(1);
                    assertThat(count(registry, "work.fail", "failure")).isEqualTo(1);
                });
                assertThat(registry.get("kairos.job.lateness").tag("task", "work.run").timer().count()).isEqualTo(1);
                assertThat(registry.get("kairos.jobs.running").gauge().value()).isZero();
                assertThat(registry.get("kairos.jobs").tags("store", "default", "state", "scheduled").gauge().value())
                    .isNotNegative();
                assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
                    .noneMatch((tag) -> tag.getValue().equals("ok-1") || tag.getValue().equals("bad-1")));
            });
    }

    private static long count(MeterRegistry registry, String task, String outcome) {
        Timer timer = registry.find("kairos.job.executions").tags("task", task, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    static class Work {

        public void run() {
        }

        public void fail() {
            throw new IllegalStateException("failing on purpose");
        }
    }
}
