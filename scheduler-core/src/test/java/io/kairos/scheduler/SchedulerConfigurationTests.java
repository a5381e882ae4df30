package io.kairos.scheduler;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobExecutorFactory;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.executor.VirtualThreadJobExecutor;
import io.kairos.scheduler.config.Durations;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configuration by builder, by {@code configure(...)} and by flat {@code kairos.*} keys, with their errors.
 */
class SchedulerConfigurationTests extends SchedulerTestSupport {

    @Test
    void defaults() {
        Scheduler plain = Scheduler.builder().build();
        assertThat(plain.jobDefaults()).isEqualTo(new JobDefaults(null, true, 1, null));
        assertThat(plain.timezone()).isEqualTo(ZoneId.systemDefault());
        assertThat(plain.schedulerId()).contains("-" + ProcessHandle.current().pid() + "-");
        assertThat(plain.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        plain.start();
        try {
            assertThat(plain.executors().get("default")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                    (e) -> assertThat(e.maxWorkers()).isEqualTo(10));
            assertThat(plain.jobStores().get("default")).isInstanceOf(MemoryJobStore.class);
            assertThat(plain.state()).isEqualTo(SchedulerState.RUNNING);
        }
        finally {
            plain.shutdown();
        }
    }

    @Test
    void flatKairosKeysAsTheSeedsUseThem() {
        build((b) -> b.properties(Map.of(
                "kairos.timezone", "Asia/Shanghai",
                "kairos.scheduler-id", "node-1",
                "kairos.job-defaults.coalesce", "false",
                "kairos.job-defaults.max-instances", "3",
                "kairos.job-defaults.misfire-grace-time", "30s",
                "kairos.executors.default.type", "thread-pool",
                "kairos.executors.default.max-workers", "20",
                "kairos.executors.inline.type", "direct",
                "kairos.jobstores.default.type", "memory",
                "kairos.start-paused", "true")));
        assertThat(this.scheduler.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(this.scheduler.schedulerId()).isEqualTo("node-1");
        assertThat(this.scheduler.jobDefaults()).isEqualTo(new JobDefaults(Duration.ofSeconds(30), false, 3, null));
        assertThat(this.scheduler.executors().get("default")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                (e) -> assertThat(e.maxWorkers()).isEqualTo(20));
        assertThat(this.scheduler.executors().get("default").freeSlots()).as("20 workers and the default queue of 16 x 20")
                .isEqualTo(20 + 320);
        assertThat(this.scheduler.executors().get("inline")).isInstanceOf(DirectJobExecutor.class);
        this.scheduler.start();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.PAUSED);
        Job job = this.scheduler.addJob(JobRequest.of("record").executor("inline").trigger(new EveryTrigger(T0, Duration.ofMinutes(1))));
        assertThat(job.maxInstances()).isEqualTo(3);
        assertThat(job.coalesce()).isFalse();
        assertThat(job.misfireGraceTime()).contains(Duration.ofSeconds(30));
    }

    @Test
    void nestedMapsAndSnakeCaseKeysAreAccepted() {
        build((b) -> b.properties(Map.of("kairos", Map.of("job_defaults", Map.of("max_instances", 4, "misfire_grace_time", "none"),
                "executors", Map.of("default", Map.of("type", "thread_pool", "max_workers", 2))))));
        assertThat(this.scheduler.jobDefaults().maxInstances()).isEqualTo(4);
        assertThat(this.scheduler.jobDefaults().misfireGraceTime()).isNull();
        assertThat(this.scheduler.executors().get("default")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                (e) -> assertThat(e.maxWorkers()).isEqualTo(2));
    }

    @Test
    void configureBeforeStartOnly() {
        build();
        this.scheduler.configure(Map.of("kairos.job-defaults.max-instances", "5", "kairos.timezone", "UTC"));
        assertThat(this.scheduler.jobDefaults().maxInstances()).isEqualTo(5);
        this.scheduler.start();
        assertThatThrownBy(() -> this.scheduler.configure(Map.of("kairos.timezone", "UTC")))
                .isInstanceOf(SchedulerAlreadyRunningException.class);
    }

    @Test
    void typesAreMatchedWithoutCaseDashesOrUnderscoresAsInTheSpringModule() {
        Scheduler configured = Scheduler.builder().properties(Map.of(
                "kairos.executors.a.type", "threadpool",
                "kairos.executors.b.type", "THREAD_POOL",
                "kairos.executors.c.type", "Thread-Pool",
                "kairos.jobstores.s.type", "MEMORY")).build();
        assertThat(configured.executors()).containsOnlyKeys("a", "b", "c")
                .allSatisfy((alias, executor) -> assertThat(executor).isInstanceOf(ThreadPoolJobExecutor.class));
        assertThat(configured.jobStores()).containsKey("s");
    }

    @Test
    void theShutdownTimeoutHasTheKeyOfTheSpringModule() {
        assertThat(Scheduler.builder().properties(Map.of("kairos.shutdown.timeout", "5s")).build().shutdownTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(Scheduler.builder().properties(Map.of("kairos", Map.of("shutdown", Map.of("timeout", "7")))).build()
                .shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.shutdown-timeout", "5s")))
                .hasMessageContaining("unknown configuration key 'kairos.shutdown-timeout'")
                .hasMessageContaining("kairos.shutdown.timeout");
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.job-defaults.max-instance", "3")))
                .hasMessageContaining("unknown configuration key 'kairos.job-defaults.max-instance'");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("apscheduler.timezone", "UTC")))
                .hasMessageContaining("'apscheduler.timezone'").hasMessageContaining("kairos.");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.executors.processpool.type", "process-pol")))
                .hasMessageContaining("'kairos.executors.processpool.type': unknown type 'process-pol'")
                .hasMessageContaining("[direct, process-pool, thread-pool, virtual-thread]");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.executors.x.max-workers", "3")))
                .hasMessageContaining("'kairos.executors.x.type' is required");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.executors.x.type", "thread-pool", "kairos.executors.x.workers", "3")))
                .hasMessageContaining("unknown option 'kairos.executors.x.workers'").hasMessageContaining("max-workers");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.executors.x.type", "thread-pool", "kairos.executors.x.max-workers", "0")))
                .hasMessageContaining("'kairos.executors.x.max-workers': value '0'");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.executors.x.type", "thread-pool", "kairos.executors.x.queue-capacity", "-1")))
                .hasMessageContaining("'kairos.executors.x.queue-capacity': value '-1' must be a whole number of at least 0");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.default.type", "jdbc")))
                .hasMessageContaining("unknown type 'jdbc'").hasMessageContaining("jobStoreFactory");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.job-defaults.coalesce", "maybe")))
                .hasMessageContaining("'kairos.job-defaults.coalesce': value 'maybe' is not a boolean");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.job-defaults.misfire-grace-time", "soon")))
                .hasMessageContaining("'kairos.job-defaults.misfire-grace-time': value 'soon' is not a duration");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.timezone", "Mars/Olympus")))
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void registeredFactoriesPlugInNewTypes() {
        JobExecutorFactory custom = new JobExecutorFactory() {
            @Override
            public String type() {
                return "process-pool";
            }

            @Override
            public JobExecutor create(ComponentOptions options) {
                options.requireOnly(Set.of("max-workers"));
                return new ThreadPoolJobExecutor(options.positiveInt("max-workers", 1));
            }
        };
        Scheduler configured = Scheduler.builder().executorFactory(custom)
                .properties(Map.of("kairos.executors.processpool.type", "process-pool", "kairos.executors.processpool.max-workers", "5"))
                .build();
        assertThat(configured.executors().get("processpool")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                (e) -> assertThat(e.maxWorkers()).isEqualTo(5));
    }

    @Test
    void durationsInTheFormsConfigurationUses() {
        assertThat(Durations.parse("k", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("k", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("k", "PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("k", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("k", "1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> Durations.parse("k", "-1s")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Durations.parse("k", "5 parsecs")).hasMessageContaining("'k': value '5 parsecs' is not a duration");
    }

    @Test
    void virtualThreadsNeedJava21() {
        if (Runtime.version().feature() >= 21) {
            assertThat(new VirtualThreadJobExecutor().freeSlots()).isEqualTo(Integer.MAX_VALUE);
        }
        else {
            assertThatThrownBy(VirtualThreadJobExecutor::new).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'virtual-thread' needs Java 21").hasMessageContaining("Java " + Runtime.version().feature());
            assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.executors.v.type", "virtual-thread")))
                    .hasMessageContaining("virtual-thread");
        }
    }

    @Test
    void startCreatesTheDefaultMemoryStoreWhenMissing() {
        Scheduler configured = Scheduler.builder().clock(this.clock).build();
        configured.addJobStore("x", new MemoryJobStore());
        configured.start();
        try {
            assertThat(configured.jobStores()).containsKeys("x", "default");
        }
        finally {
            configured.shutdown();
        }
    }
}
