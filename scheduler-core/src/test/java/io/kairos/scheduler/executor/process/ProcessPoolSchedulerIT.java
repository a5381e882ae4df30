package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.event.JobEvent;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.task.Tasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The {@code process-pool} executor inside a scheduler configured from flat keys, as the seeds configure
 * {@code ProcessPoolExecutor(5)} beside the thread pool: each failure mode ends as a {@code JobFailed} event
 * with its reason, the scheduler and the pool carry on, and no worker outlives the scheduler.
 */
class ProcessPoolSchedulerIT {

    private static final Map<String, JobEvent> EVENTS = new ConcurrentHashMap<>();

    private static Scheduler scheduler;

    private static ProcessPoolJobExecutor executor;

    @BeforeAll
    static void startScheduler() {
        scheduler = Scheduler.builder().properties(Map.of(
                "kairos.tasks.allowed-packages", PoolTestTasks.class.getPackageName(),
                "kairos.executors.default.type", "thread-pool",
                "kairos.executors.default.max-workers", "20",
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.max_workers", "2",
                "kairos.executors.processpool.jvm-arguments", "-Xmx32m -XX:TieredStopAtLevel=1",
                "kairos.executors.processpool.timeout", "60s",
                "kairos.executors.processpool.task-timeouts", Tasks.ref(PoolTestTasks.class, "sleep") + "=3s")).build();
        scheduler.addListener(JobExecuted.class, event -> EVENTS.put(event.jobId(), event));
        scheduler.addListener(JobFailed.class, event -> EVENTS.put(event.jobId(), event));
        scheduler.start();
    }

    @AfterAll
    static void shutdownLeavesNoWorker() {
        assertThat(childPids()).as("workers before shutdown").isNotEmpty();
        scheduler.shutdown(true);
        assertThat(childPids()).as("worker processes left after shutdown").isEmpty();
    }

    private static JobEvent runNow(String id, String method, Object... args) {
        return runNow(request(id, method, args));
    }

    private static JobRequest request(String id, String method, Object... args) {
        return JobRequest.of(Tasks.ref(PoolTestTasks.class, method)).args(args).id(id).executor("processpool");
    }

    private static JobEvent runNow(JobRequest request) {
        String id = scheduler.addJob(request).id();
        await().atMost(Duration.ofMinutes(1)).until(() -> EVENTS.containsKey(id));
        return EVENTS.get(id);
    }

    private static JobFailed failed(JobEvent event) {
        assertThat(event).isInstanceOf(JobFailed.class);
        return (JobFailed) event;
    }

    @Test
    void runsAStaticMethodInAWorkerAndReportsItsResult() {
        JobEvent event = runNow("add", "add", 2, 3);

        assertThat(event).isInstanceOf(JobExecuted.class);
        Map<?, ?> result = (Map<?, ?>) ((JobExecuted) event).returnValue();
        assertThat(result.get("sum")).isEqualTo(5);
        assertThat(((Number) result.get("pid")).longValue()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aThrowingTaskIsJobFailedWithTheWorkersStackTrace() {
        JobFailed event = failed(runNow("throws", "fail", "boom"));

        assertThat(event.exception()).isInstanceOf(RemoteJobException.class)
                .hasMessage("java.lang.IllegalStateException: boom");
        assertThat(event.stackTrace()).startsWith("java.lang.IllegalStateException: boom")
                .contains("at " + PoolTestTasks.class.getName() + ".fail(")
                .contains("Caused by: java.lang.ArithmeticException: root cause");
    }

    @Test
    void systemExitIsJobFailedWithTheExitStatusAndTheNextJobRuns() {
        JobFailed event = failed(runNow("exits", "exit", 3));

        assertThat(event.exception()).isInstanceOf(WorkerDiedException.class);
        assertThat(((WorkerDiedException) event.exception()).exitStatus()).isEqualTo(3);
        assertThat(runNow("after-exit", "add", 1, 1)).isInstanceOf(JobExecuted.class);
    }

    @Test
    void outOfMemoryIsJobFailedWithTheReasonAndTheNextJobRuns() {
        JobFailed event = failed(runNow("oom", "exhaustMemory"));

        assertThat(event.exception()).isInstanceOf(WorkerDiedException.class)
                .hasMessageContaining("ran out of memory").hasMessageContaining("exit status " + WorkerMain.EXIT_OUT_OF_MEMORY);
        assertThat(runNow("after-oom", "add", 1, 1)).isInstanceOf(JobExecuted.class);
    }

    @Test
    void aJobPastItsTaskTimeoutIsJobFailedAndTheNextJobRuns() {
        JobFailed event = failed(runNow("hangs", "sleep", 600_000));

        assertThat(event.exception()).isInstanceOf(JobTimeoutException.class).hasMessageContaining("timeout of PT3S");
        assertThat(runNow("after-timeout", "add", 1, 1)).isInstanceOf(JobExecuted.class);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(childPids())
                .as("the pool keeps its size").hasSize(2).doesNotContain(((JobTimeoutException) event.exception()).pid()));
    }

    @Test
    void aJobPastItsOwnTimeoutIsJobFailedAheadOfTheTaskTimeoutAndTheNextJobRuns() {
        JobFailed event = failed(runNow(request("hangs-own-timeout", "sleep", 30_000).timeout(Duration.ofSeconds(2))));

        assertThat(event.exception()).isInstanceOf(JobTimeoutException.class).hasMessageContaining("timeout of PT2S");
        assertThat(runNow("after-own-timeout", "add", 2, 2)).isInstanceOf(JobExecuted.class);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    void aTaskThatCannotRunInAWorkerIsRejectedWhenTheJobIsAdded() {
        Throwable failure = catchThrowable(() -> scheduler.addJob(
                JobRequest.of(Tasks.anonymous(() -> { })).executor("processpool")));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot run in executor 'processpool' (type process-pool)")
                .hasMessageContaining("Use a thread-pool executor for it")
                .hasMessageContaining("\"com.acme.Jobs::purge\"");
    }
}
