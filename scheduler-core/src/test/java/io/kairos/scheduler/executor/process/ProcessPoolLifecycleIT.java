package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.task.AllowedPackages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Starting and stopping: a bad worker configuration fails the scheduler's start; shutting a pool down, with and
 * without waiting, ends runs as documented and leaves no worker process; a worker exits when its stdin closes.
 */
class ProcessPoolLifecycleIT {

    private static final String TASKS = PoolTestTasks.class.getName() + "::";

    private static final AllowedPackages PACKAGES = AllowedPackages.of(List.of(PoolTestTasks.class.getPackageName()));

    private static ProcessPool newPool() {
        return new ProcessPool(ProcessPoolOptions.defaults().withMaxWorkers(2)
                .withJvmArguments(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1")), PACKAGES);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    void shutdownWithWaitLetsRunningJobsFinishAndLeavesNoWorker() throws Exception {
        ProcessPool pool = newPool();
        pool.prestart();
        Set<Long> workers = pool.workerPids();
        assertThat(workers).hasSize(2);
        assertThat(childPids()).containsAll(workers);
        CompletableFuture<Object> slow = pool.submit(TASKS + "sleep", List.of(1_000), Map.of(), null);
        CompletableFuture<Object> pid = pool.submit(TASKS + "pid", List.of(), Map.of(), null);

        pool.shutdown(true);

        assertThat(slow).isCompletedWithValue(null);
        assertThat(pid.get()).isIn(workers.stream().map(Long::intValue).toList());
        assertThat(childPids()).doesNotContainAnyElementsOf(workers);
        assertThat(pool.workerPids()).isEmpty();
        assertThat(catchThrowable(() -> pool.submit(TASKS + "noop", List.of(), Map.of(), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
    }

    @Test
    void shutdownWithoutWaitKillsRunningJobsAndLeavesNoWorker() throws Exception {
        ProcessPool pool = newPool();
        CompletableFuture<Object> running = pool.submit(TASKS + "sleep", List.of(600_000), Map.of(), null);
        await().atMost(Duration.ofMinutes(1)).until(() -> pool.workerPids().size() == 1);
        Set<Long> workers = pool.workerPids();

        pool.shutdown(false);

        Throwable failure = catchThrowable(() -> running.get(1, TimeUnit.MINUTES));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(WorkerDiedException.class)
                .hasMessageContaining("was stopped by the pool's shutdown");
        assertThat(childPids()).doesNotContainAnyElementsOf(workers);
    }

    @Test
    void aWorkerExitsWhenItsStdinClosesEvenInTheMiddleOfAJob() throws Exception {
        Process worker = new ProcessBuilder(WorkerCommand.of(ProcessPoolOptions.defaults()
                .withJvmArguments(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1")), PACKAGES)).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    worker.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("{\"ready\":" + worker.pid() + "}");
            worker.getOutputStream().write(WorkerProtocol.write(new WorkerProtocol.RunRequest(1, TASKS + "sleep",
                    List.of(600_000), Map.of())).concat("\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            worker.getOutputStream().flush();

            worker.getOutputStream().close();

            assertThat(worker.waitFor(1, TimeUnit.MINUTES)).as("worker exited after its stdin closed").isTrue();
            assertThat(worker.exitValue()).isZero();
        } finally {
            worker.destroyForcibly();
        }
    }

    @Test
    void aBadJvmArgumentFailsTheSchedulersStartNamingTheOption() {
        Scheduler scheduler = Scheduler.builder().properties(Map.of(
                "kairos.executors.processpool.type", "process-pool",
                "kairos.executors.processpool.jvm-arguments", "-Xmx32")).build();

        Throwable failure = catchThrowable(scheduler::start);

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("executor 'processpool' (type process-pool) cannot start a worker JVM")
                .hasMessageContaining("kairos.executors.processpool.jvm-arguments [-Xmx32]")
                .hasMessageContaining("while starting; exit status 1")
                .hasMessageContaining("Error occurred during initialization of VM");
        assertThat(childPids()).isEmpty();
    }
}
