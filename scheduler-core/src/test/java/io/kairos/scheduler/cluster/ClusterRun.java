package io.kairos.scheduler.cluster;

import io.kairos.scheduler.Scheduler;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a multi-JVM cluster test sets up and tears down: a job store of its own (tables or keys named with a suffix
 * unique to the run), a PostgreSQL runs table, a started seeder {@link Scheduler} in the test JVM that adds jobs and
 * reads them back, and the {@link ClusterNode} JVMs ({@link NodeProcesses}). {@link #close()} kills every node,
 * shuts the seeder down, closes the store, drops it and the runs table, each step even when one before failed. Not
 * thread-safe (one test thread).
 */
final class ClusterRun implements AutoCloseable {

    private final Map<String, String> store;

    private final RunsTable runs;

    private final ClusterStores.Handle handle;

    private final Scheduler seeder;

    private final NodeProcesses nodes = new NodeProcesses();

    private ClusterRun(Map<String, String> store, RunsTable runs, ClusterStores.Handle handle, Scheduler seeder) {
        this.store = store;
        this.runs = runs;
        this.handle = handle;
        this.seeder = seeder;
    }

    /**
     * A suffix for the names of one run's tables and keys.
     *
     * @return lower-case letters and digits, unique per run
     */
    static String uniqueSuffix() {
        return Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    /**
     * Creates the runs table and the store's schema, and starts the seeder (paused: it runs no job itself).
     *
     * @param store the store options of {@link ClusterStores}
     * @param runsTable the runs table's name
     * @return the run; close it
     */
    static ClusterRun open(Map<String, String> store, String runsTable) throws Exception {
        RunsTable runs = RunsTable.create(runsTable);
        ClusterStores.Handle handle;
        try {
            handle = ClusterStores.open(store, true);
        }
        catch (RuntimeException ex) {
            closeAll(ex, runs::close);
            throw ex;
        }
        Scheduler seeder = Scheduler.builder().schedulerId("seeder").timezone(ZoneOffset.UTC)
                .allowTaskPackages(ClusterJobs.class.getPackageName()).jobStore("default", handle.store()).build();
        ClusterRun run = new ClusterRun(store, runs, handle, seeder);
        try {
            seeder.start(true);
        }
        catch (RuntimeException ex) {
            closeAll(ex, run::close);
            throw ex;
        }
        return run;
    }

    /**
     * Starts nodes {@code node-0} to {@code node-<count-1>} on the store and the runs table, waits until every one is
     * ready (90 s at most), then lets them all go at once.
     *
     * @param count how many nodes
     * @param settings the nodes' other options ({@code lease-ms}, {@code poll-ms}, {@code workers}, {@code work-ms})
     */
    void startNodes(int count, Map<String, String> settings) throws Exception {
        Map<String, String> options = new HashMap<>(this.store);
        options.put("runs-table", this.runs.name());
        options.putAll(settings);
        for (int i = 0; i < count; i++) {
            this.nodes.start("node-" + i, options);
        }
        this.nodes.awaitReady(Duration.ofSeconds(90));
        this.nodes.go();
    }

    Scheduler seeder() {
        return this.seeder;
    }

    RunsTable runs() {
        return this.runs;
    }

    NodeProcesses nodes() {
        return this.nodes;
    }

    /** Fails when a {@link ClusterNode} JVM started by this test JVM is still alive. */
    static void assertNoNodeLeftRunning() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter((p) -> p.info().commandLine().orElse("").contains(ClusterNode.class.getName())))
                .as("node processes left running").isEmpty();
    }

    @Override
    public void close() throws Exception {
        closeAll(null, this.nodes::close, () -> this.seeder.shutdown(false), this.handle::close,
                () -> ClusterStores.drop(this.store), this.runs::close);
    }

    /** Runs every step; the first failure is thrown (added to {@code first} when given), the later ones suppressed. */
    private static void closeAll(@Nullable Throwable first, Step... steps) throws Exception {
        Exception failure = null;
        for (Step step : steps) {
            try {
                step.run();
            }
            catch (Exception ex) {
                if (first != null) {
                    first.addSuppressed(ex);
                }
                else if (failure == null) {
                    failure = ex;
                }
                else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @FunctionalInterface
    private interface Step {

        void run() throws Exception;
    }
}
