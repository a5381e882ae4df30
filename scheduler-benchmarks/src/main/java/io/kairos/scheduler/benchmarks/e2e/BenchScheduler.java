package io.kairos.scheduler.benchmarks.e2e;

/**
 * The one adapter every peer implements, so that all peers are driven by the same measuring code
 * ({@link MemoryWorkloads}, {@link StoreWorkloads}). An adapter owns one scheduler (or {@code instances}
 * schedulers sharing a store) configured as {@code peer-benchmark.md} prescribes, and any tables or keys it
 * needs (prefix {@code bench_}); {@link #close()} stops everything and drops them.
 *
 * <p>Jobs are identified by an int id (0 .. n-1) and carry their due instant; the job body calls
 * {@link Probe#ran(int, long)} and nothing else. Not thread-safe: the harness calls it from one thread.
 */
public interface BenchScheduler extends AutoCloseable {

    /** @return a one-line description of the configuration (goes to the "variant" column) */
    String variant();

    /**
     * Starts the scheduler(s): from now on due jobs run.
     *
     * @throws Exception when the peer fails to start
     */
    void start() throws Exception;

    /**
     * Schedules one one-shot job, one call of the peer's usual single-job API. May be called before or after
     * {@link #start()}; after it (lateness workloads), store peers add the job through a separate producer
     * instance that does not run jobs, so the running instance learns of it the way another instance would.
     *
     * @param id the job id, 0 .. n-1
     * @param dueEpochMillis when it is due, epoch milliseconds
     * @throws Exception when the peer refuses
     */
    void schedule(int id, long dueEpochMillis) throws Exception;

    /**
     * Loads ids {@code 0 .. count-1}, all due at {@code dueEpochMillis}, before {@link #start()}, with the peer's
     * bulk API where it has one (informative only; peers' bulk APIs differ).
     *
     * @param count how many
     * @param dueEpochMillis when they are due, epoch milliseconds
     * @throws Exception when the peer refuses
     */
    default void load(int count, long dueEpochMillis) throws Exception {
        for (int i = 0; i < count; i++) {
            schedule(i, dueEpochMillis);
        }
    }

    /**
     * Stops the scheduler(s) without waiting for queued jobs, and drops what the adapter created.
     *
     * @throws Exception when stopping fails
     */
    @Override
    void close() throws Exception;
}
