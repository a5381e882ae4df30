package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobDefaults;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import io.kairos.scheduler.boot.annotation.ScheduledJob;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KairosAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class));

    @Test
    void defaultsGiveARunningSchedulerWithAMemoryStoreAndAThreadPool() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(Scheduler.class).hasSingleBean(JobScheduler.class);
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(scheduler.jobStores()).containsOnlyKeys("default");
            assertThat(scheduler.jobStores().get("default")).isInstanceOf(MemoryJobStore.class);
            assertThat(scheduler.executors()).containsOnlyKeys("default");
            assertThat(scheduler.jobDefaults()).isEqualTo(JobDefaults.DEFAULTS);
            assertThat(context.getBean(JobScheduler.class).engine()).isSameAs(scheduler);
        });
    }

    @Test
    void seedConfigurationIsExpressible() {
        this.runner
            .withPropertyValues("kairos.timezone=Asia/Shanghai", "kairos.job-defaults.coalesce=false",
                    "kairos.job-defaults.max-instances=3", "kairos.job-defaults.misfire-grace-time=30",
                    "kairos.executors.default.type=threadpool", "kairos.executors.default.max-workers=20",
                    "kairos.executors.processpool.type=processpool", "kairos.executors.processpool.max-workers=5",
                    "kairos.jobstores.default.type=memory", "kairos.jobstores.cache.type=memory")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
                assertThat(scheduler.jobDefaults())
                    .isEqualTo(new JobDefaults(Duration.ofSeconds(30), false, 3, null));
                assertThat(scheduler.executors()).containsOnlyKeys("default", "processpool");
                assertThat(scheduler.executors().get("processpool").getClass().getSimpleName())
                    .isEqualTo("ProcessPoolJobExecutor");
                assertThat(scheduler.executors().get("default")).isInstanceOf(ThreadPoolJobExecutor.class);
                assertThat(scheduler.jobStores()).containsOnlyKeys("default", "cache");
            });
    }

    @Test
    void retryDefaultsReachTheEngineAndABadOneFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("kairos.job-defaults.retry.max-attempts=3", "kairos.job-defaults.retry.backoff=5",
                "kairos.job-defaults.retry.multiplier=3", "kairos.job-defaults.retry.max-backoff=2m",
                "kairos.job-defaults.retry.jitter=0", "kairos.job-defaults.retry.retry-on=java.io.IOException",
                "kairos.job-defaults.retry.no-retry-on[0]=java.io.FileNotFoundException")
            .run((context) -> assertThat(context.getBean(Scheduler.class).jobDefaults().retry())
                .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(5), 3, Duration.ofMinutes(2), 0, List.of("java.io.IOException"),
                        List.of("java.io.FileNotFoundException"))));
        this.runner.withPropertyValues("kairos.job-defaults.retry.jitter=1.5").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("kairos.job-defaults.retry.jitter")
                .hasStackTraceContaining("1.5").hasStackTraceContaining("a fraction from 0 to 1");
        });
    }

    @Test
    void aRetryOnClassThatDoesNotLoadOrIsNotAThrowableFailsStartUpNamingThePropertyAndTheName() {
        this.runner.withPropertyValues("kairos.job-defaults.retry.max-attempts=3",
                "kairos.job-defaults.retry.retry-on[0]=com.nope.NoSuchException").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("kairos.job-defaults.retry.retry-on", "com.nope.NoSuchException",
                    "is not found with the application's class loader");
        });
        this.runner.withPropertyValues("kairos.job-defaults.retry.max-attempts=3",
                "kairos.job-defaults.retry.no-retry-on=java.lang.String").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("kairos.job-defaults.retry.no-retry-on", "java.lang.String",
                    "is not a Throwable");
        });
    }

    @Test
    void schedulerIdAndShutdownTimeoutReachTheEngine() {
        this.runner.withPropertyValues("kairos.scheduler-id=node-1", "kairos.shutdown.timeout=5")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.schedulerId()).isEqualTo("node-1");
                assertThat(scheduler.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
            });
    }

    @Test
    void startPausedLeavesTheSchedulerPaused() {
        this.runner.withPropertyValues("kairos.start-paused=true")
            .run((context) -> assertThat(context.getBean(JobScheduler.class).state()).isEqualTo(SchedulerState.PAUSED));
    }

    @Test
    void autoStartupFalseLeavesTheSchedulerStopped() {
        this.runner.withPropertyValues("kairos.auto-startup=false")
            .run((context) -> assertThat(context.getBean(JobScheduler.class).state()).isEqualTo(SchedulerState.STOPPED));
    }

    @Test
    void closingTheContextShutsTheSchedulerDown() {
        Scheduler[] captured = new Scheduler[1];
        this.runner.run((context) -> captured[0] = context.getBean(Scheduler.class));
        assertThat(captured[0].state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void userDefinedSchedulerAndFacadeWin() {
        this.runner.withUserConfiguration(OwnScheduler.class).run((context) -> {
            assertThat(context).hasSingleBean(Scheduler.class).hasSingleBean(JobScheduler.class);
            assertThat(context.getBean(Scheduler.class)).isSameAs(context.getBean("ownScheduler"));
            assertThat(context.getBean(JobScheduler.class)).isSameAs(context.getBean("ownJobScheduler"));
        });
    }

    @Test
    void customizersApplyAfterProperties() {
        this.runner.withPropertyValues("kairos.scheduler-id=from-properties")
            .withBean(SchedulerCustomizer.class, () -> (builder) -> builder.schedulerId("from-customizer"))
            .run((context) -> assertThat(context.getBean(Scheduler.class).schedulerId()).isEqualTo("from-customizer"));
    }

    @Test
    void unknownExecutorTypeFailsBindingListingTheValidValues() {
        this.runner.withPropertyValues("kairos.executors.default.type=gevent").run((context) -> {
            assertThat(context).getFailure().hasStackTraceContaining(BindException.class.getName());
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("kairos.executors.default.type", "gevent");
            assertThat(analysis.getAction()).contains("THREAD_POOL", "VIRTUAL_THREAD", "PROCESS_POOL");
        });
    }

    @Test
    void anEmptyValueOfAValidPropertyIsReportedAsEmptyWithWhatIsValidNotAsMisspelled() {
        this.runner.withPropertyValues("kairos.job-defaults.retry.max-attempts=", "kairos.job-defaults.misfire-grace-time=")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("an empty value", "Property: kairos.job-defaults.retry.max-attempts",
                        "Reason: empty value; a whole number is valid", "Property: kairos.job-defaults.misfire-grace-time",
                        "Reason: empty value; a duration such as 30s")
                    .doesNotContain("does not know", "no such Kairos property");
                assertThat(analysis.getAction()).contains("kairos.job-defaults.retry.max-attempts: give a whole number, or remove it")
                    .doesNotContain("->", "misspelled");
            });
        this.runner.withPropertyValues("kairos.jobstores.default.initialize-schema=",
                "kairos.job-defaults.max-instance=3").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: kairos.jobstores.default.initialize-schema",
                    "Reason: empty value; one of always, embedded, never is valid", "Kairos does not know this property",
                    "Property: kairos.job-defaults.max-instance");
            assertThat(analysis.getAction()).contains("kairos.job-defaults.max-instance -> kairos.job-defaults.max-instances")
                .doesNotContain("initialize-schema ->");
        });
    }

    @Test
    void aMisspelledPropertyFailsStartUpNamingTheNearestValidOne() {
        this.runner.withPropertyValues("kairos.job-defaults.max-instance=3").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: kairos.job-defaults.max-instance", "Value: 3");
            assertThat(analysis.getAction())
                .contains("kairos.job-defaults.max-instance -> kairos.job-defaults.max-instances");
        });
        this.runner.withPropertyValues("kairos.executors.reports.type=thread-pool", "kairos.executors.reports.table-name=jobs")
            .run((context) -> assertThat(analyze(context.getStartupFailure()).getAction())
                .contains("kairos.executors.reports.table-name -> kairos.jobstores.reports.table-name"));
        this.runner.withPropertyValues("kairos.jobstores.default.tabel-name=jobs", "kairos.shutdown-timeout=5s")
            .run((context) -> assertThat(analyze(context.getStartupFailure()).getAction())
                .contains("kairos.jobstores.default.tabel-name -> kairos.jobstores.default.table-name",
                        "kairos.shutdown-timeout -> kairos.shutdown.timeout"));
    }

    @Test
    void everyDocumentedPropertyBindsAndTypeNamesMatchTheEngine() {
        this.runner.withPropertyValues("kairos.timezone=UTC", "kairos.scheduler-id=n1", "kairos.start-paused=true",
                "kairos.auto-startup=false", "kairos.lease-time=30s", "kairos.poll-interval=5s",
                "kairos.finished-job-retention=7d", "kairos.job-defaults.coalesce=false", "kairos.job-defaults.max-instances=3",
                "kairos.job-defaults.misfire-grace-time=30", "kairos.job-defaults.jitter=0",
                "kairos.jobstores.default.type=memory", "kairos.executors.default.type=threadpool",
                "kairos.executors.default.max-workers=20", "kairos.executors.default.queue-capacity=5",
                "kairos.executors.p.type=process-pool", "kairos.executors.p.jvm-arguments[0]=-Xmx64m",
                "kairos.executors.p.timeout=10s", "kairos.executors.p.task-timeouts.purge=1m",
                "kairos.shutdown.wait=true", "kairos.shutdown.timeout=30s")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void finishedJobRetentionIsInDaysWithoutAUnitAndMustBePositive() {
        this.runner.withPropertyValues("kairos.finished-job-retention=7", "kairos.auto-startup=false")
            .run((context) -> assertThat(context.getBean(KairosProperties.class).getFinishedJobRetention())
                .isEqualTo(Duration.ofDays(7)));
        this.runner.withPropertyValues("kairos.finished-job-retention=0")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kairos.finished-job-retention"));
    }

    @Test
    void aZeroMisfireGraceTimeIsRejectedOnceNamingThePropertyAsForFlatKeys() {
        this.runner.withPropertyValues("kairos.job-defaults.misfire-grace-time=0")
            .run((context) -> {
                assertThat(context).getFailure().rootCause().isInstanceOfSatisfying(InvalidConfigurationException.class,
                        (ex) -> assertThat(ex.getKey()).isEqualTo("kairos.job-defaults.misfire-grace-time"));
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Property: kairos.job-defaults.misfire-grace-time",
                        "Value: PT0S", "Reason: is not positive");
                assertThat(analysis.getAction()).contains("property 'kairos.job-defaults.misfire-grace-time'",
                        "Valid: a duration longer than zero");
            });
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.job-defaults.misfire-grace-time", "0")))
            .isInstanceOfSatisfying(InvalidConfigurationException.class,
                    (ex) -> assertThat(ex.getKey()).isEqualTo("kairos.job-defaults.misfire-grace-time"));
    }

    @Test
    void optionOfAnotherStoreTypeIsRejectedNamingTheProperty() {
        this.runner.withPropertyValues("kairos.jobstores.default.type=memory", "kairos.jobstores.default.table-name=jobs")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.default.table-name")
                .hasMessageContaining("applies only to type jdbc, and this one is of type memory"));
    }

    @Test
    void maxInstancesBelowOneIsRejected() {
        this.runner.withPropertyValues("kairos.job-defaults.max-instances=0")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kairos.job-defaults.max-instances"));
    }

    @Test
    void redisStoreWithoutLettuceFailsNamingTheStore() {
        this.runner.withClassLoader(new FilteredClassLoader(RedisClient.class))
            .withPropertyValues("kairos.jobstores.cache.type=redis")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.cache.type")
                .hasMessageContaining("Lettuce"));
    }

    @Test
    void redisStoreWithoutRedisConnectionFailsNamingTheStore() {
        this.runner.withPropertyValues("kairos.jobstores.cache.type=redis")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.cache.type")
                .hasMessageContaining("spring.data.redis"));
    }

    @Test
    void redisClientIsOnlyCreatedWithRedisConnectionDetails() {
        this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
            .run((context) -> assertThat(context).hasSingleBean(RedisClient.class));
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisClient.class));
    }

    @Test
    void applicationsRedisClientOfAnyNameIsUsed() {
        RedisClient own = RedisClient.create("redis://127.0.0.1:1");
        try {
            this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withBean("shopRedis", RedisClient.class, () -> own)
                .run((context) -> assertThat(context).getBeans(RedisClient.class).containsOnlyKeys("shopRedis"));
        }
        finally {
            own.shutdown();
        }
    }

    @Test
    void redisClientRejectsCommandsWhileReconnecting() {
        // queued commands would each wait for the store's command timeout during an outage
        this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
            .run((context) -> assertThat(context.getBean(RedisClient.class).getOptions()
                .getDisconnectedBehavior()).isEqualTo(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS));
    }

    @Test
    void storeTimeoutAppliesToJdbcAndRedisStoresOnly() {
        this.runner.withPropertyValues("kairos.jobstores.default.timeout=5s")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.default.timeout")
                .hasMessageContaining("jdbc and redis"));
        this.runner.withPropertyValues("kairos.jobstores.cache.type=redis", "kairos.jobstores.cache.timeout=0s")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.cache.timeout"));
    }

    @Test
    void declaredJobIsStoredWithTheDeclaredNameMarker() {
        this.runner.withUserConfiguration(DeclaredJobs.class).run((context) -> {
            Job job = context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow();
            assertThat(job.name()).isEqualTo("@reports.refresh");
            assertThat(job.task()).isEqualTo("reports.refresh");
            assertThat(job.trigger().toSpec()).containsEntry("type", "interval");
            assertThat(job.maxInstances()).isEqualTo(2);
            assertThat(job.nextRunTime()).isPresent();
        });
    }

    @Test
    void declaredJobNamingAnUnknownStoreFailsListingTheValidOnes() {
        this.runner.withUserConfiguration(UnknownStoreJob.class).run((context) -> assertThat(context).getFailure()
            .rootCause()
            .isInstanceOf(ScheduledJobDeclarationException.class)
            .hasMessageContaining("attribute 'jobstore' (value 'nowhere')")
            .hasMessageContaining("Valid values: default"));
    }

    @Test
    void everyCronFormAndDateAreAccepted() {
        this.runner.withBean("forms", CronForms.class).run((context) -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            assertThat(scheduler.getJobs()).extracting(Job::id)
                .containsExactlyInAnyOrder("forms.run", "forms.run#1", "forms.run#2", "forms.run#3", "forms.run#4");
            assertThat(scheduler.getJobs()).allSatisfy((job) -> assertThat(job.nextRunTime()).isPresent());
        });
    }

    @Test
    void invalidCronFailsNamingMethodAttributeAndValidRange() {
        this.runner.withBean("badCron", BadCron.class).run((context) -> assertThat(context).getFailure()
            .rootCause()
            .hasMessageContaining("25"));
        this.runner.withBean("badCron", BadCron.class).run((context) -> assertThat(context).getFailure()
            .hasStackTraceContaining(ScheduledJobDeclarationException.class.getName())
            .hasStackTraceContaining("BadCron.run() (bean 'badCron')")
            .hasStackTraceContaining("attribute 'cron'"));
    }

    @Test
    void engineEventsArePublishedAsApplicationEvents() {
        this.runner.withUserConfiguration(DeclaredJobs.class, EventCollector.class).run((context) -> {
            List<Object> events = context.getBean(EventCollector.class).events;
            assertThat(events).anySatisfy((event) -> assertThat(event).isInstanceOfSatisfying(JobAdded.class,
                    (added) -> assertThat(added.jobId()).isEqualTo("reports.refresh")));
        });
    }

    /** Runs the failure analyzers as Spring Boot does: loaded from spring.factories, sorted, first answer wins. */
    private static FailureAnalysis analyze(Throwable failure) {
        return FailureAnalyses.analyze(failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnScheduler {

        @Bean
        Scheduler ownScheduler() {
            return Scheduler.builder().build();
        }

        @Bean
        JobScheduler ownJobScheduler(Scheduler ownScheduler) {
            return new JobScheduler(ownScheduler);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DeclaredJobs {

        @Bean
        Reports reports() {
            return new Reports();
        }
    }

    static class Reports {

        @ScheduledJob(interval = "1h", maxInstances = "2")
        public void refresh() {
        }
    }

    public static class CronForms {

        @ScheduledJob(cron = "30 5 * * mon-fri")
        @ScheduledJob(cron = "0 */5 * * * *")
        @ScheduledJob(cron = "@daily")
        @ScheduledJob(month = "6-8,11-12", day = "3rd fri", hour = "0-3")
        @ScheduledJob(date = "2100-11-06 16:30:05")
        public void run() {
        }
    }

    public static class BadCron {

        @ScheduledJob(cron = "0 25 * * *")
        public void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnknownStoreJob {

        @Bean
        Misplaced misplaced() {
            return new Misplaced();
        }
    }

    static class Misplaced {

        @ScheduledJob(interval = "1h", jobstore = "nowhere")
        public void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EventCollector {

        final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener(JobAdded.class)
        void onJobAdded(JobAdded event) {
            this.events.add(event);
        }
    }
}
