package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.kairos.scheduler.JobDefaults;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.config.SchedulerDefaults;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.executor.process.ProcessPoolJobExecutor;
import io.kairos.scheduler.retry.RetryPolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SchedulerBuilderConfigurerTests {

    @Test
    void seedConfigurationReachesTheBuilder() {
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
        SchedulerBuilder builder = Scheduler.builder();
        SchedulerBuilderConfigurer.configure(builder, properties);
        Scheduler scheduler = builder.build();
        assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(scheduler.jobDefaults()).isEqualTo(new JobDefaults(Duration.ofSeconds(30), false, 3, null));
        assertThat(scheduler.shutdownTimeout()).isEqualTo(SchedulerDefaults.SHUTDOWN_TIMEOUT);
        assertThat(scheduler.executors().get("default")).isInstanceOf(ThreadPoolJobExecutor.class);
        assertThat(((ProcessPoolJobExecutor) scheduler.executors().get("processpool")).options().maxWorkers()).isEqualTo(5);
        assertThat(scheduler.jobStores()).containsOnlyKeys("default");
        assertThat(SchedulerBuilderConfigurer.executorOptions(threads)).containsExactly(Map.entry("max-workers", "20"));
        assertThat(SchedulerBuilderConfigurer.executorOptions(processes)).containsEntry("max-workers", "5")
            .containsEntry("jvm-arguments", "-Xmx256m -Dx=1");
    }

    @Test
    void virtualExecutorUsesTheEnginesTypeName() {
        assertThat(SchedulerBuilderConfigurer.executorType(ExecutorType.VIRTUAL_THREAD)).isEqualTo("virtual-thread");
    }

    @Test
    void processPoolTimeoutsBecomeTheFactorysOptions() {
        KairosProperties properties = new KairosProperties();
        KairosProperties.Executor processes = new KairosProperties.Executor();
        processes.setType(ExecutorType.PROCESS_POOL);
        processes.setTimeout(Duration.ofMinutes(5));
        processes.getTaskTimeouts().put("com.acme.Jobs::purge", Duration.ofSeconds(30));
        processes.getTaskTimeouts().put("report", Duration.ofHours(1));
        properties.getExecutors().put("processpool", processes);
        assertThat(SchedulerBuilderConfigurer.executorOptions(processes)).containsEntry("timeout", "PT5M")
            .containsEntry("task-timeouts", "com.acme.Jobs::purge=PT30S, report=PT1H");
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
    void queueCapacityReachesTheFactoryAndIsRejectedWhereItDoesNotApply() {
        KairosProperties properties = new KairosProperties();
        KairosProperties.Executor threads = new KairosProperties.Executor();
        threads.setQueueCapacity(0);
        properties.getExecutors().put("default", threads);
        KairosPropertiesValidator.validate(properties);
        assertThat(SchedulerBuilderConfigurer.executorOptions(threads)).containsEntry("queue-capacity", "0");
        threads.setQueueCapacity(-1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchedulerBuilderConfigurer.configure(Scheduler.builder(), properties))
            .isInstanceOfSatisfying(InvalidConfigurationException.class,
                    (ex) -> assertThat(ex.getKey()).isEqualTo("kairos.executors.default.queue-capacity"));
        KairosProperties.Executor processes = new KairosProperties.Executor();
        processes.setType(ExecutorType.PROCESS_POOL);
        processes.setQueueCapacity(10);
        properties.getExecutors().put("default", processes);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KairosPropertiesValidator.validate(properties))
            .isInstanceOf(KairosConfigurationException.class)
            .hasMessageContaining("kairos.executors.default.queue-capacity")
            .hasMessageContaining("applies only to type thread-pool");
    }

    static Stream<Arguments> badRetryProperties() {
        return Stream.of(
                arguments("max-attempts", 0, (Consumer<KairosProperties.Retry>) (r) -> r.setMaxAttempts(0), "1 (no retry) to 1000"),
                arguments("backoff", Duration.ZERO, (Consumer<KairosProperties.Retry>) (r) -> r.setBackoff(Duration.ZERO),
                        "a positive duration"),
                arguments("max-backoff", Duration.ofSeconds(1), (Consumer<KairosProperties.Retry>) (r) -> r.setMaxBackoff(Duration.ofSeconds(1)),
                        "at least the backoff (PT10S)"),
                arguments("multiplier", 0.5, (Consumer<KairosProperties.Retry>) (r) -> r.setMultiplier(0.5), "a number from 1 to 100"),
                arguments("jitter", 1.5, (Consumer<KairosProperties.Retry>) (r) -> r.setJitter(1.5), "a fraction from 0 to 1"),
                arguments("retry-on", List.of("not a class"), (Consumer<KairosProperties.Retry>) (r) -> r.setRetryOn(List.of("not a class")),
                        "binary class names"),
                arguments("no-retry-on", List.of("1x"), (Consumer<KairosProperties.Retry>) (r) -> r.setNoRetryOn(List.of("1x")),
                        "binary class names"),
                arguments("retry-on", "com.nope.NoSuchException",
                        (Consumer<KairosProperties.Retry>) (r) -> r.setRetryOn(List.of("java.io.IOException", "com.nope.NoSuchException")),
                        "class 'com.nope.NoSuchException' is not found with the application's class loader"),
                arguments("retry-on", "java.lang.String", (Consumer<KairosProperties.Retry>) (r) -> r.setRetryOn(List.of("java.lang.String")),
                        "class 'java.lang.String' is not a Throwable"),
                arguments("no-retry-on", "java.io.IOExeption",
                        (Consumer<KairosProperties.Retry>) (r) -> r.setNoRetryOn(List.of("java.io.IOExeption")), "is not found"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badRetryProperties")
    void aBadRetryPropertyIsNamedWithItsValueAndWhatIsValid(String option, Object value, Consumer<KairosProperties.Retry> set,
            String valid) {
        KairosProperties properties = new KairosProperties();
        set.accept(properties.getJobDefaults().getRetry());
        assertThatThrownBy(() -> SchedulerBuilderConfigurer.configure(Scheduler.builder(), properties))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, (ex) -> {
                assertThat(ex.getKey()).isEqualTo("kairos.job-defaults.retry." + option);
                assertThat(ex.getValue()).isEqualTo(value);
                assertThat(ex.getMessage()).startsWith("'kairos.job-defaults.retry." + option + "': ").contains(valid);
            });
    }

    @Test
    void aRetryBackoffAboveTheDefaultMaximumRaisesTheMaximumAsTheFlatKeysDo() {
        KairosProperties properties = new KairosProperties();
        properties.getJobDefaults().getRetry().setMaxAttempts(3);
        properties.getJobDefaults().getRetry().setBackoff(Duration.ofMinutes(20));
        SchedulerBuilder builder = Scheduler.builder();
        SchedulerBuilderConfigurer.configure(builder, properties);
        assertThat(builder.build().jobDefaults().retry())
            .isEqualTo(RetryPolicy.parse(RetryPolicy.NONE, Map.of("max-attempts", "3", "backoff", "20m")))
            .isEqualTo(RetryPolicy.maxAttempts(3).withBackoff(Duration.ofMinutes(20), Duration.ofMinutes(20)));
    }
}
