package io.kairos.scheduler.history;

import java.time.Instant;
import java.util.List;

/**
 * The run history of one job store (SPI): the store keeps the {@link RunRecord}s of its jobs next to the jobs, so
 * every scheduler sharing the store sees the same history. Obtained from {@link io.kairos.scheduler.store.JobStore#runHistory()}
 * once the store is started.
 *
 * <p>The scheduler writes records in batches from a background thread, never from its loop, and calls
 * {@link #removeExpiredRuns} from a background thread too. Implementations are thread-safe: several threads and
 * several schedulers write and read concurrently. Every method may throw
 * {@link io.kairos.scheduler.store.JobStoreException} when the backend fails.
 */
public interface RunHistory {

    /**
     * The history of a store that keeps none: records nothing, finds nothing.
     *
     * @return the shared instance
     */
    static RunHistory none() {
        return NoRunHistory.INSTANCE;
    }

    /**
     * Whether this history keeps records. {@link #none()} does not; the scheduler then reports that the store
     * keeps no history instead of writing to it.
     *
     * @return {@code true} for a real history
     */
    default boolean isRecording() {
        return true;
    }

    /**
     * Appends records, in one round trip where the backend allows. A record whose run id is already stored is
     * not stored twice. The store may drop a job's oldest records beyond the retention's per-job bound at once
     * (the capped Redis lists do); everything else is left to {@link #removeExpiredRuns}.
     *
     * @param runs the records, not {@code null}; may be empty (then no call is made)
     */
    void record(List<RunRecord> runs);

    /**
     * Reads one page of records, newest first ({@link RunOrder#NEWEST_FIRST}).
     *
     * @param query the filters, the page size and where the page starts; not {@code null}
     * @return at most {@code query.limit()} records that {@linkplain RunQuery#matches match} the query, newest
     *     first; never {@code null}
     */
    List<RunRecord> findRuns(RunQuery query);

    /**
     * Removes records beyond the retention: those that finished before {@code now - maxAge}, and each job's
     * records beyond its newest {@code maxRunsPerJob}. Removes at most about {@code batchSize} records per call,
     * so a backlog is worked off in bounded steps; the caller repeats while the result is {@code batchSize} or
     * more. A shared store lets one scheduler at a time do this work (a short store-side lease owned by
     * {@code schedulerId}) and returns 0 to the others.
     *
     * @param schedulerId the caller, not {@code null}
     * @param retention what to keep, not {@code null}
     * @param now the scheduler clock's current time, not {@code null}
     * @param batchSize the most records to remove in this call, at least 1
     * @return how many records were removed
     */
    int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize);

    /**
     * Checks, when the scheduler starts the store with history enabled, that this history can keep runs under
     * {@code retention}. The default accepts every retention; a backend whose reads grow with the runs kept per job
     * (the ZooKeeper store reads a job's run names in one reply) refuses a bound it cannot serve.
     *
     * @param retention the configured retention, not {@code null}
     * @throws io.kairos.scheduler.config.InvalidConfigurationException naming the key, the value and the valid range
     *     when this history cannot keep that many runs
     */
    default void checkRetention(RunRetention retention) {
    }
}
