package io.kairos.scheduler.boot.autoconfigure.endpoint;

import java.util.Map;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.actuate.SchedulerEndpoint;
import io.kairos.scheduler.boot.actuate.SchedulerEndpointWebExtension;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.kairos.scheduler.boot.operations.JobDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class KairosEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class, KairosEndpointAutoConfiguration.class))
        .withPropertyValues("kairos.tasks.allowed-packages=" + KairosEndpointAutoConfigurationTests.class.getPackageName());

    @Test
    void endpointNeedsToBeExposed() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(SchedulerEndpoint.class));
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class)
                .hasSingleBean(SchedulerEndpointWebExtension.class));
    }

    @Test
    void endpointCanBeDisabled() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=scheduler",
                "management.endpoint.scheduler.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(SchedulerEndpoint.class));
    }

    @Test
    void exposedOverJmxOnlyTheWebExtensionIsLeftOut() {
        this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=scheduler")
            .run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class)
                .doesNotHaveBean(SchedulerEndpointWebExtension.class));
    }

    @Test
    void endpointBacksOffWithoutActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
            .withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerEndpoint.class));
    }

    @Test
    void endpointBacksOffWithoutTheScheduler() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerEndpoint.class));
    }

    @Test
    void applicationsOwnEndpointWins() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=scheduler")
            .withBean("ownEndpoint", SchedulerEndpoint.class)
            .run((context) -> assertThat(context).hasSingleBean(SchedulerEndpoint.class).hasBean("ownEndpoint"));
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

    static class Work {

        public void run() {
        }
    }
}
