package io.kairos.scheduler.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.Map;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.actuate.SchedulerMetrics;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KairosMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class, KairosMetricsAutoConfiguration.class))
        .withPropertyValues("kairos.tasks.allowed-packages=" + KairosMetricsAutoConfigurationTests.class.getPackageName());

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

    @Test
    void metricsBackOffWithoutAMeterRegistry() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerMetrics.class));
    }

    @Test
    void metricsBackOffWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerMetrics.class));
    }

    @Test
    void metricsBackOffWithoutTheScheduler() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerMetrics.class));
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
