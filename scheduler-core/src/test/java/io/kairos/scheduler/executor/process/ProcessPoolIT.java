package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.task.AllowedPackages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The worker pool on its own, with real worker JVMs: one pool of 2 small workers for the whole class.
 * {@code System.exit} and out-of-memory deaths are covered through the scheduler in {@link ProcessPoolSchedulerIT}.
 */
class ProcessPoolIT {

    private static final String TASKS = PoolTestTasks.class.getName() + "::";

    private static ProcessPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ProcessPool(ProcessPoolOptions.defaults().withMaxWorkers(2).withJvmArguments(
                List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-Xshare:auto")),
                AllowedPackages.of(List.of(PoolTestTasks.class.getPackageName())));
    }

    @AfterAll
    static void stopPool() {
        pool.shutdown(false);
    }

    private static Object run(String task, Object... args) throws Exception {
        return run(task, null, args);
    }

    private static Object run(String task, Duration timeout, Object... args) throws Exception {
        CompletableFuture<Object> future = pool.submit(TASKS + task, List.of(args), Map.of(), timeout);
        try {
            return future.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void runsATaskAndReturnsItsResultDespiteOutputOnSystemOut() throws Exception {
        Object result = run("add", 2, 3);

        assertThat(result).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) result).get("sum")).isEqualTo(5);
        assertThat(((Number) ((Map<?, ?>) result).get("pid")).longValue()).isIn(pool.workerPids())
                .isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aThrowingTaskFailsWithTheWorkersStackTraceAndTheWorkerSurvives() throws Exception {
        long before = ((Number) run("pid")).longValue();
        Throwable failure = catchThrowable(() -> run("fail", "boom"));

        assertThat(failure).isInstanceOf(RemoteJobException.class)
                .hasMessage("java.lang.IllegalStateException: boom");
        RemoteJobException remote = (RemoteJobException) failure;
        assertThat(remote.remoteStackTrace()).contains("at " + PoolTestTasks.class.getName() + ".fail(")
                .contains("Caused by: java.lang.ArithmeticException: root cause");
        assertThat(pool.workerPids()).contains(before);
    }

    @Test
    void aRunPastItsTimeoutHasItsWorkerKilledAndReplaced() throws Exception {
        Throwable failure = catchThrowable(() -> run("sleep", Duration.ofMillis(500), 600_000));

        assertThat(failure).isInstanceOf(JobTimeoutException.class)
                .hasMessageContaining("exceeded the timeout of PT0.5S while running task " + TASKS + "sleep");
        long killed = ((JobTimeoutException) failure).pid();
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        Map<?, ?> after = (Map<?, ?>) run("add", 1, 1);
        assertThat(after.get("sum")).as("a run after the kill is served").isEqualTo(2);
        assertThat(((Number) after.get("pid")).longValue()).as("by another worker").isNotEqualTo(killed);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(pool.workerPids()).hasSize(2));
    }

    @Test
    void runsATaskRegisteredByAServiceLoaderProviderAndKwargs() throws Exception {
        Object pong = pool.submit("provided.ping", List.of(), Map.of(), null).get(2, TimeUnit.MINUTES);
        Object count = pool.submit("provided.count", List.of(1, 2), Map.of("x", 3), null).get(2, TimeUnit.MINUTES);

        assertThat(pong).isEqualTo("pong");
        assertThat(count).isEqualTo(3);
    }

    @Test
    void aResultThatCannotBeWrittenAsJsonFailsTheRunAndTheWorkerSurvives() throws Exception {
        long before = ((Number) run("pid")).longValue();
        Throwable failure = catchThrowable(() -> run("unwritable"));

        assertThat(failure).isInstanceOf(RemoteJobException.class)
                .hasMessageContaining("returned a " + PoolTestTasks.Unwritable.class.getName() + " that cannot be written as JSON");
        assertThat(pool.workerPids()).contains(before);
    }

    @Test
    void aTaskOutsideTheAllowedPackagesIsRefusedByTheWorker() throws Exception {
        java.nio.file.Path victim = java.nio.file.Files.createTempFile("kairos-worker-trust", ".txt");
        try {
            CompletableFuture<Object> future = pool.submit("java.nio.file.Files::delete", List.of(victim.toString()), Map.of(), null);
            Throwable failure = catchThrowable(() -> future.get(2, TimeUnit.MINUTES));

            assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RemoteJobException.class)
                    .hasMessageContaining("io.kairos.scheduler.task.TaskNotAllowedException")
                    .hasMessageContaining("class 'java.nio.file.Files' is outside the allowed task packages ["
                            + PoolTestTasks.class.getPackageName() + "]");
            assertThat(victim).exists();
        } finally {
            java.nio.file.Files.deleteIfExists(victim);
        }
    }

    @Test
    void anUnknownTaskFailsInTheWorker() {
        Throwable failure = catchThrowable(() -> run("noSuchMethod"));

        assertThat(failure).isInstanceOf(RemoteJobException.class)
                .hasMessageContaining("io.kairos.scheduler.task.UnknownTaskException");
    }
}
