package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.boot.KairosConfigurationException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnginePropertiesTests {

    @Test
    void seedConfigurationBecomesTheEnginesFlatKeys() {
        KairosProperties properties = new KairosProperties();
        properties.setTimezone(ZoneId.of("UTC"));
        properties.getJobDefaults().setCoalesce(false);
        properties.getJobDefaults().setMaxInstances(3);
        properties.getJobDefaults().setMisfireGraceTime(Duration.ofSeconds(30));
        KairosProperties.Executor threads = new KairosProperties.Executor();
        threads.setMaxWorkers(20);
        KairosProperties.Executor processes = new KairosProperties.Executor();
        processes.setType(ExecutorType.PROCESS_POOL);
        processes.setMaxWorkers(5);
        processes.setJvmArguments(List.of("-Xmx256m", "-Dx=1"));
        properties.getExecutors().put("default", threads);
        properties.getExecutors().put("processpool", processes);
        KairosProperties.Store memory = new KairosProperties.Store();
        KairosProperties.Store redis = new KairosProperties.Store();
        redis.setType(JobStoreType.REDIS);
        properties.getJobstores().put("default", memory);
        properties.getJobstores().put("cache", redis);
        Map<String, Object> flat = EngineProperties.of(properties);
        assertThat(flat).containsEntry("kairos.timezone", "UTC")
            .containsEntry("kairos.job-defaults.coalesce", "false")
            .containsEntry("kairos.job-defaults.max-instances", "3")
            .containsEntry("kairos.job-defaults.misfire-grace-time", "PT30S")
            .containsEntry("kairos.executors.default.type", "thread-pool")
            .containsEntry("kairos.executors.default.max-workers", "20")
            .containsEntry("kairos.executors.processpool.type", "process-pool")
            .containsEntry("kairos.executors.processpool.max-workers", "5")
            .containsEntry("kairos.executors.processpool.jvm-arguments", "-Xmx256m -Dx=1")
            .containsEntry("kairos.jobstores.default.type", "memory")
            .containsEntry("kairos.shutdown.timeout", "PT30S")
            .doesNotContainKey("kairos.jobstores.cache.type")
            .doesNotContainKey("kairos.scheduler-id");
    }

    @Test
    void virtualExecutorUsesTheEnginesTypeName() {
        assertThat(EngineProperties.executorType(ExecutorType.VIRTUAL_THREAD)).isEqualTo("virtual-thread");
    }

    @Test
    void processPoolTimeoutsBecomeTheEnginesFlatKeys() {
        KairosProperties properties = new KairosProperties();
        KairosProperties.Executor processes = new KairosProperties.Executor();
        processes.setType(ExecutorType.PROCESS_POOL);
        processes.setTimeout(Duration.ofMinutes(5));
        processes.getTaskTimeouts().put("com.acme.Jobs::purge", Duration.ofSeconds(30));
        processes.getTaskTimeouts().put("report", Duration.ofHours(1));
        properties.getExecutors().put("processpool", processes);
        assertThat(EngineProperties.of(properties)).containsEntry("kairos.executors.processpool.timeout", "PT5M")
            .containsEntry("kairos.executors.processpool.task-timeouts", "com.acme.Jobs::purge=PT30S, report=PT1H");
    }

    @Test
    void dashboardPollIntervalAndAuthorityAreCheckedNamingTheProperty() {
        KairosProperties properties = new KairosProperties();
        properties.getDashboard().setPollInterval(Duration.ofSeconds(1));
        KairosPropertiesValidator.validate(properties);
        properties.getDashboard().setPollInterval(Duration.ofMillis(999));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KairosPropertiesValidator.validate(properties))
            .isInstanceOf(KairosConfigurationException.class)
            .hasMessage("Invalid Kairos configuration: property 'kairos.dashboard.poll-interval' (value 'PT0.999S') is shorter "
                    + "than one second. Give a duration of at least '1s', e.g. '5s' (the default)");
        properties.getDashboard().setPollInterval(Duration.ofSeconds(5));
        properties.getDashboard().setAuthority(" ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KairosPropertiesValidator.validate(properties))
            .isInstanceOf(KairosConfigurationException.class)
            .hasMessageContaining("property 'kairos.dashboard.authority' (value ' ') is blank");
    }

    @Test
    void timeoutOnAThreadPoolIsRejectedNamingTheProperty() {
        KairosProperties properties = new KairosProperties();
        KairosProperties.Executor threads = new KairosProperties.Executor();
        threads.setTimeout(Duration.ofSeconds(10));
        properties.getExecutors().put("default", threads);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KairosPropertiesValidator.validate(properties))
            .isInstanceOf(KairosConfigurationException.class)
            .hasMessageContaining("kairos.executors.default.timeout");
    }

    @Test
    void queueCapacityBecomesTheEnginesFlatKeyAndIsRejectedWhereItDoesNotApply() {
        KairosProperties properties = new KairosProperties();
        KairosProperties.Executor threads = new KairosProperties.Executor();
        threads.setQueueCapacity(0);
        properties.getExecutors().put("default", threads);
        KairosPropertiesValidator.validate(properties);
        assertThat(EngineProperties.of(properties)).containsEntry("kairos.executors.default.queue-capacity", "0");
        threads.setQueueCapacity(-1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KairosPropertiesValidator.validate(properties))
            .isInstanceOf(KairosConfigurationException.class)
            .hasMessageContaining("kairos.executors.default.queue-capacity");
        KairosProperties.Executor processes = new KairosProperties.Executor();
        processes.setType(ExecutorType.PROCESS_POOL);
        processes.setQueueCapacity(10);
        properties.getExecutors().put("default", processes);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KairosPropertiesValidator.validate(properties))
            .isInstanceOf(KairosConfigurationException.class)
            .hasMessageContaining("kairos.executors.default.queue-capacity")
            .hasMessageContaining("applies only to type thread-pool");
    }
}
