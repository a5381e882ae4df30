package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.AllowedPackages;
import io.kairos.scheduler.task.TaskRegistry;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process-pool executor's configuration and add-time checks; starts no JVM. */
class ProcessPoolJobExecutorTests {

    @Test
    void flatConfigurationCreatesAProcessPoolExecutorWithItsOptions() {
        ProcessPoolJobExecutor executor = (ProcessPoolJobExecutor) new ProcessPoolJobExecutorFactory().create(new ComponentOptions(
                "kairos.executors.processpool", "processpool", Map.of("max_workers", "3",
                        "jvm-arguments", " -Xmx64m   -XX:+UseSerialGC ", "timeout", "30s", "start-timeout", "2m",
                        "task-timeouts", "com.acme.Reports::monthly=30m, com.acme.Purge_Job=5")));

        ProcessPoolOptions options = executor.options();
        assertThat(options.maxWorkers()).isEqualTo(3);
        assertThat(options.jvmArguments()).containsExactly("-Xmx64m", "-XX:+UseSerialGC");
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.startTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.taskTimeouts()).containsExactly(Map.entry("com.acme.Reports::monthly", Duration.ofMinutes(30)),
                Map.entry("com.acme.Purge_Job", Duration.ofSeconds(5)));
        assertThat(options.timeoutFor("com.acme.Reports::monthly")).isEqualTo(Duration.ofMinutes(30));
        assertThat(options.timeoutFor("com.acme.Other::job")).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.classPath()).isEqualTo(System.getProperty("java.class.path"));
        assertThat(executor.freeSlots()).isEqualTo(3);
    }

    @Test
    void theJobsTimeoutWinsOverTheTaskTimeoutWhichWinsOverTheExecutorTimeout() {
        ProcessPoolJobExecutor executor = new ProcessPoolJobExecutor(ProcessPoolOptions.defaults().withTimeout(Duration.ofMinutes(1))
                .withTaskTimeout("com.acme.Reports::monthly", Duration.ofMinutes(30)));

        assertThat(executor.timeoutOf(job("com.acme.Reports::monthly", Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(executor.timeoutOf(job("com.acme.Reports::monthly", null))).isEqualTo(Duration.ofMinutes(30));
        assertThat(executor.timeoutOf(job("com.acme.Other::job", null))).isEqualTo(Duration.ofMinutes(1));
        assertThat(new ProcessPoolJobExecutor().timeoutOf(job("com.acme.Other::job", null))).isNull();
        assertThatCode(() -> executor.checkJob(job("com.acme.Other::job", Duration.ofSeconds(2)))).doesNotThrowAnyException();
    }

    private static StoredJob job(String task, Duration timeout) {
        Instant at = Instant.parse("2026-11-24T10:30:00Z");
        return new StoredJob("j", "j", task, List.of(), Map.of(), Triggers.date(at.atZone(ZoneOffset.UTC)), "processpool", "default",
                null, true, 1, null, at, at, JobState.SCHEDULED, null, 0, timeout);
    }

    @Test
    void theDefaultsAreFiveWorkersAndNoTimeout() {
        ProcessPoolOptions options = ProcessPoolOptions.defaults();

        assertThat(options.maxWorkers()).isEqualTo(5);
        assertThat(options.timeout()).isNull();
        assertThat(options.jvmArguments()).isEmpty();
        assertThat(WorkerCommand.of(options, AllowedPackages.NONE))
                .endsWith("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());
    }

    @Test
    void workersAreGivenTheAllowedTaskPackagesAsTheirArguments() {
        assertThat(WorkerCommand.of(ProcessPoolOptions.defaults(), AllowedPackages.of(List.of("com.acme", "io.kairos.sample"))))
                .endsWith(WorkerMain.class.getName(), "com.acme", "io.kairos.sample");
    }

    @Test
    void theTypeIsFoundByTheSchedulersFlatConfiguration() {
        assertThatCode(() -> Scheduler.builder().properties(Map.of(
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.max-workers", "5")).build()).doesNotThrowAnyException();
    }

    @Test
    void badOptionsNameTheKeyAndTheValue() {
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of(
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.max-workers", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kairos.executors.processpool.max-workers").hasMessageContaining("'0'");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of(
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.workers", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kairos.executors.processpool.workers").hasMessageContaining("max-workers");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of(
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.task-timeouts", "com.acme.Jobs::purge")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kairos.executors.processpool.task-timeouts").hasMessageContaining("'com.acme.Jobs::purge'");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of(
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.timeout", "0s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kairos.executors.processpool.timeout");
        assertThatThrownBy(() -> ProcessPoolOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout").hasMessageContaining("PT0S");
    }

    @Test
    void portableTasksAreAcceptedAndOthersRejectedWithWhatToDoInstead() {
        ProcessPoolJobExecutor executor = new ProcessPoolJobExecutor(ProcessPoolOptions.defaults());
        TaskRegistry registry = new TaskRegistry().allowPackages(PoolTestTasks.class.getPackageName());
        registry.registerServiceLoaderProviders();
        registry.register("inline", () -> { });

        assertThatCode(() -> executor.checkTask(registry.resolve(Tasks.ref(PoolTestTasks.class, "noop"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> executor.checkTask(registry.resolve("provided.ping"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> executor.checkTask(registry.resolve("inline")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task 'inline' cannot run in executor (type process-pool)")
                .hasMessageContaining("a public static method (\"com.acme.Jobs::purge\")")
                .hasMessageContaining("Use a thread-pool executor for it");
    }

    @Test
    void aSpringBootExecutableJarStartsWorkersThroughItsLauncher(@TempDir Path dir) throws Exception {
        Path bootJar = dir.resolve("app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bootJar), manifest)) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/"));
        }
        Path plainJar = dir.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plainJar), new Manifest())) {
            out.putNextEntry(new JarEntry("a/"));
        }

        assertThat(WorkerCommand.of(ProcessPoolOptions.defaults().withClassPath(bootJar.toString()), AllowedPackages.NONE))
                .endsWith("-Dloader.main=" + WorkerMain.class.getName(), "-cp", bootJar.toString(), WorkerCommand.BOOT_LAUNCHER);
        assertThat(WorkerCommand.of(ProcessPoolOptions.defaults().withClassPath(plainJar.toString()), AllowedPackages.NONE))
                .endsWith("-cp", plainJar.toString(), WorkerMain.class.getName());
    }

    @Test
    void exitStatusesAreExplained() {
        assertThat(ExitStatus.describe(WorkerMain.EXIT_OUT_OF_MEMORY)).isEqualTo("ran out of memory (OutOfMemoryError)");
        assertThat(ExitStatus.describe(137)).isEqualTo("was killed by signal 9 (SIGKILL)");
        assertThat(ExitStatus.describe(3)).startsWith("exited with status 3");
    }

    @Test
    void protocolMessagesRoundTripAndStrayLinesAreRecognised() {
        String request = WorkerProtocol.write(new WorkerProtocol.RunRequest(7, "a.B::c", List.of(1, "x"), Map.of("k", true)));
        assertThat(WorkerProtocol.readRequest(request))
                .isEqualTo(new WorkerProtocol.RunRequest(7, "a.B::c", List.of(1, "x"), Map.of("k", true)));

        String error = WorkerProtocol.write(WorkerProtocol.WorkerMessage.error(7, new IllegalStateException("no")));
        assertThat(error).contains("\"class\":\"java.lang.IllegalStateException\"");
        WorkerProtocol.WorkerMessage read = WorkerProtocol.readMessage(error);
        assertThat(read.run()).isEqualTo(7L);
        assertThat(read.error().message()).isEqualTo("no");
        assertThat(read.error().stackTrace()).startsWith("java.lang.IllegalStateException: no");

        assertThat(WorkerProtocol.readMessage("hello from a library")).isNull();
        assertThat(WorkerProtocol.readMessage("{\"unrelated\":1}")).isNull();
    }
}
