package io.kairos.scheduler.history;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /** The most job ids one {@link #lastRuns} call takes (a listing page is at most this many jobs). */
    int MAX_JOB_IDS = 1000;

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
     * The newest run of each of some jobs ({@link RunOrder#NEWEST_FIRST}: latest {@code finishedAt}, then greatest
     * run id), for listings that show each job's last run. A job without runs (never ran, unknown id, or its runs
     * removed by the retention) has no entry. The default reads each job with {@link #findRuns} (limit 1), one read
     * per distinct id; the stores override it with one batched read where the backend has one.
     *
     * @param jobIds the job ids, not {@code null}, no {@code null} element; at most {@value #MAX_JOB_IDS}; duplicates
     *     are read once
     * @return job id to its newest run, only for jobs with runs; never {@code null}
     * @throws IllegalArgumentException naming {@code jobIds} when it holds more than {@value #MAX_JOB_IDS} ids
     * @throws NullPointerException naming {@code jobIds} when it or one of its elements is {@code null}
     */
    default Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        Map<String, RunRecord> newest = new HashMap<>();
        for (String jobId : checkJobIds(jobIds)) {
            List<RunRecord> runs = findRuns(RunQuery.ofJob(jobId).withLimit(1));
            if (!runs.isEmpty()) {
                newest.put(jobId, runs.get(0));
            }
        }
        return newest;
    }

    /**
     * Checks the argument of {@link #lastRuns} (for implementations).
     *
     * @param jobIds the ids as given
     * @return the distinct ids, in their first order
     * @throws IllegalArgumentException naming {@code jobIds}, its size and the bound when it holds more than
     *     {@value #MAX_JOB_IDS} ids
     * @throws NullPointerException naming {@code jobIds} when it or one of its elements is {@code null}
     */
    static List<String> checkJobIds(Collection<String> jobIds) {
        Objects.requireNonNull(jobIds, "jobIds");
        if (jobIds.size() > MAX_JOB_IDS) {
            throw new IllegalArgumentException("jobIds holds " + jobIds.size() + " ids; at most " + MAX_JOB_IDS
                    + " per call (RunHistory.MAX_JOB_IDS): split the ids into batches");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String jobId : jobIds) {
            distinct.add(Objects.requireNonNull(jobId, "jobIds holds a null id"));
        }
        return List.copyOf(distinct);
    }

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
