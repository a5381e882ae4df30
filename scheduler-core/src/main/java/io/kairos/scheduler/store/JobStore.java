package io.kairos.scheduler.store;

import io.kairos.scheduler.history.RunHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds jobs indexed by next run time: the store SPI (memory, JDBC, Redis).
 *
 * <p>The contract is written for several schedulers sharing one store. A scheduler
 * {@linkplain #acquireDueJobs acquires} due jobs under a <em>lease</em> (owner = its scheduler id, expiry =
 * {@code leaseUntil}); while a job is leased no other scheduler acquires it. The lease is held for as long as
 * the job has runs in flight and is {@linkplain #extendLeases extended} meanwhile; it is given up by
 * {@link #releaseJobs}, which writes the new next run time or deletes a finished job. A lease that expires
 * (its owner died) makes the job acquirable again: a run is therefore at least once when an instance dies
 * and exactly once otherwise. An owner that was merely slow (a long pause, a store outage) learns from
 * {@link #extendLeases} which of its leases were taken over meanwhile, and runs those jobs no more. Because only
 * the lease holder runs a job, {@code max_instances} holds across the cluster.
 *
 * <p>A job that cannot be read is never deleted: the store marks it {@link JobState#BROKEN} with the reason,
 * leaves it out of acquisition, and still returns it from {@link #getAllJobs()}, {@link #listJobs} and
 * {@link #lookupJob}.
 *
 * <p>Implementations are thread-safe. Every method may throw {@link JobStoreException} when the backend
 * fails; the scheduler then backs off and retries.
 */
public interface JobStore {

    /**
     * Starts the store: connects, creates its schema when configured to, subscribes to remote wake-ups.
     *
     * @param context the scheduler's alias for this store, its id, clock, codec and wake-up callback
     */
    void start(JobStoreContext context);

    /**
     * Stops the store: unsubscribes and closes what it opened (never what it was given, such as a
     * {@code DataSource}). Jobs are kept (unlike APScheduler 3's memory store, which clears itself).
     */
    void shutdown();

    /**
     * Whether several schedulers (processes) can share this store. The memory store cannot.
     *
     * @return {@code true} for JDBC and Redis stores
     */
    boolean isShared();

    /**
     * Adds a job.
     *
     * <p>A {@link JobState#FINISHED} marker with the id counts as taken only under
     * {@link ConflictPolicy#KEEP_EXISTING}, which then returns the marker and adds nothing ("add unless it exists or
     * already ran"); {@link ConflictPolicy#ERROR} and {@link ConflictPolicy#REPLACE} replace the marker.
     *
     * @param job the job; its version is ignored, the stored job gets version 1 (or the replaced one's + 1)
     * @param policy what to do when the id is taken
     * @return the job as stored now: the new one, or the existing one (a job, or a finished marker) under
     *     {@link ConflictPolicy#KEEP_EXISTING}
     * @throws ConflictingJobIdException when a job (not a marker) has the id and the policy is
     *     {@link ConflictPolicy#ERROR}
     */
    StoredJob addJob(StoredJob job, ConflictPolicy policy);

    /**
     * Looks up the {@link JobState#FINISHED} marker a job left when its trigger finished
     * ({@link JobRelease#keepMarker()}).
     *
     * <p>The default finds none: a store that keeps no markers deletes finished jobs (then a job added again with
     * its id runs again).
     *
     * @param jobId the id, not {@code null}
     * @return the marker (state {@code FINISHED}, with the finished job's definition and trigger), or empty
     * @throws JobStoreException when the backend fails
     */
    default Optional<StoredJob> lookupFinished(String jobId) {
        return Optional.empty();
    }

    /**
     * Removes the {@link JobState#FINISHED} markers that were written before an instant (the retention the
     * scheduler applies; it calls this now and then from its loop). The default removes nothing.
     *
     * @param finishedBefore markers finished strictly before this instant (the store's clock) are removed
     * @return how many were removed
     * @throws JobStoreException when the backend fails
     */
    default int removeFinishedMarkers(Instant finishedBefore) {
        return 0;
    }

    /**
     * Adds jobs under one conflict policy, as {@link #addJob} does for each, with one outcome per job. The
     * built-in shared stores write the whole list as one atomic write (one JDBC transaction, one Redis script call)
     * and send at most one wake-up; the scheduler writes through {@link #addJobBatches}, whose default calls this with
     * at most {@link #ADD_BATCH_SIZE} jobs.
     *
     * <p>Each job succeeds or fails on its own: a taken id under {@link ConflictPolicy#ERROR}, or a job the codec
     * cannot write, is an outcome with a failure, and the other jobs are still written. A backend failure is
     * thrown instead. {@link JobState#FINISHED} markers are treated as by {@link #addJob}: under
     * {@link ConflictPolicy#KEEP_EXISTING} the marker is kept (the outcome holds it), under
     * {@link ConflictPolicy#ERROR} and {@link ConflictPolicy#REPLACE} the job replaces it.
     *
     * <p>The default adds the jobs one by one with {@link #addJob} (under {@link ConflictPolicy#KEEP_EXISTING} after
     * {@link #lookupJob} and {@link #lookupFinished} found nothing), so it is not atomic: when the backend fails
     * part-way, the jobs written so far stay, their outcomes say so, and the job that failed and every later one are
     * outcomes with that {@link JobStoreException} (not attempted).
     *
     * @param jobs the jobs, each id at most once; their versions are ignored; not {@code null}
     * @param policy what to do when an id is taken; not {@code null}
     * @return one outcome per job, in the order of {@code jobs}
     * @throws IllegalArgumentException when an id is given twice
     * @throws JobStoreException when the backend fails (not thrown by the default, see above); then none of the jobs
     *     were written by the built-in stores
     */
    default List<JobAddOutcome> addJobs(List<StoredJob> jobs, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        JobAddOutcome.requireDistinctIds(jobs);
        List<JobAddOutcome> outcomes = new ArrayList<>(jobs.size());
        JobStoreException down = null;
        for (StoredJob job : jobs) {
            if (down != null) {
                outcomes.add(JobAddOutcome.failed(down));
                continue;
            }
            try {
                if (policy == ConflictPolicy.KEEP_EXISTING) {
                    Optional<StoredJob> existing = lookupJob(job.id()).or(() -> lookupFinished(job.id()));
                    if (existing.isPresent()) {
                        outcomes.add(JobAddOutcome.kept(existing.get()));
                        continue;
                    }
                }
                StoredJob stored = addJob(job, policy);
                boolean kept = policy == ConflictPolicy.KEEP_EXISTING && !stored.equals(job.withVersion(stored.version()));
                outcomes.add(kept ? JobAddOutcome.kept(stored) : JobAddOutcome.added(stored));
            }
            catch (JobStoreException ex) {
                down = ex;
                outcomes.add(JobAddOutcome.failed(ex));
            }
            catch (ConflictingJobIdException | IllegalArgumentException ex) {
                outcomes.add(JobAddOutcome.failed(ex));
            }
        }
        return outcomes;
    }

    /** The most jobs the scheduler passes to one {@link #addJobs} call, and in one batch of {@link #addJobBatches}. */
    int ADD_BATCH_SIZE = 1000;

    /**
     * Adds batches of jobs under one conflict policy, each batch as {@link #addJobs(List, ConflictPolicy)} adds it:
     * the scheduler's {@code addJobs} calls this once per store and policy, with batches of at most
     * {@link #ADD_BATCH_SIZE} jobs.
     *
     * <p>The store takes the batches with {@link JobAddBatches#next()} and reports each one's outcomes with
     * {@link JobAddBatches#written}, in order. A backend failure is reported, not thrown: every job of the batch gets
     * an outcome failed with the {@link JobStoreException}. After a batch failed so (or came back with an outcome
     * failed with a {@link JobStoreException}, as the default {@link #addJobs} reports a failure part-way), the store
     * takes no further batch; the batches it had already taken are still reported. Any other exception thrown by a
     * batch's write fails that batch only.
     *
     * <p>The default writes one batch after another with {@link #addJobs(List, ConflictPolicy)}, taking the next batch
     * only after the previous one was reported, so at most one batch is taken and not reported. A store may instead
     * send a batch before the reply to the previous one came back (the Redis store keeps a few
     * {@code put.lua} calls in flight); a batch whose reply is lost (a timeout, a dropped connection) may then have
     * been written or not, and is reported failed, as a single {@link #addJobs} call that times out is.
     *
     * @param batches the batches, not {@code null}
     * @param policy what to do when an id is taken; not {@code null}
     * @throws NullPointerException when an argument is {@code null}
     */
    default void addJobBatches(JobAddBatches batches, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        for (List<StoredJob> batch = batches.next(); batch != null; batch = batches.next()) {
            List<JobAddOutcome> outcomes;
            try {
                outcomes = addJobs(batch, policy);
            }
            catch (RuntimeException ex) {
                outcomes = JobAddOutcome.allFailed(batch.size(), ex);
            }
            batches.written(outcomes);
            if (JobAddOutcome.storeFailure(outcomes) != null) {
                return;
            }
        }
    }

    /**
     * Replaces a job's definition and next run time (modify, reschedule, pause, resume, mark broken).
     * A lease on it is kept; the version moves on, so the lease holder's {@link #releaseJobs} will not
     * overwrite this change.
     *
     * @param job the new state of the job, matched by id
     * @return the job as stored, with its new version
     * @throws JobLookupException when no job has that id
     */
    StoredJob updateJob(StoredJob job);

    /**
     * Marks a job broken — it keeps its definition, loses its next run time, is never acquired, and is listed
     * with the reason — unless it changed since the caller read it: the loop calls this when a job's trigger
     * throws, and an API change made meanwhile (a fixed trigger, say) must win. The built-in stores drop the
     * caller's lease on the job, if any, in the same write; shared stores may shorten a long reason (the JDBC
     * store keeps 4,000 characters).
     *
     * <p>The default reads the job and then updates it ({@link #updateJob}, which keeps a lease), which is not
     * atomic; the built-in stores override it with one conditional write. The loop releases the job afterwards
     * either way, so a lease kept by the default does not outlive the call's pass.
     *
     * @param schedulerId the caller, whose lease on the job is dropped; not {@code null}
     * @param jobId the job's id; not {@code null}
     * @param expectedVersion the version the caller read
     * @param reason why the job is broken, shown to users; not {@code null}
     * @return {@code true} when the job was marked; {@code false} when it is gone or its version moved on
     * @throws NullPointerException when an argument is {@code null}
     * @throws JobStoreException when the backend fails
     */
    default boolean markBroken(String schedulerId, String jobId, long expectedVersion, String reason) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(reason, "reason");
        Optional<StoredJob> current = lookupJob(jobId);
        if (current.isEmpty() || current.get().version() != expectedVersion) {
            return false;
        }
        updateJob(current.get().asBroken(reason));
        return true;
    }

    /**
     * Removes a job, or the {@link JobState#FINISHED} marker with the id.
     *
     * @param jobId the id
     * @return {@code true} when a job or marker was removed, {@code false} when there was none
     */
    boolean removeJob(String jobId);

    /**
     * Removes every job, broken ones and finished markers included.
     */
    void removeAllJobs();

    /**
     * Looks a job up; a {@link JobState#FINISHED} marker is not a job (see {@link #lookupFinished}).
     *
     * @param jobId the id
     * @return the job (possibly broken), or empty
     */
    Optional<StoredJob> lookupJob(String jobId);

    /**
     * Every job: scheduled ones sorted by next run time (then id), then paused and broken ones sorted by id.
     * {@link JobState#FINISHED} markers are left out.
     *
     * @return a new list
     */
    List<StoredJob> getAllJobs();

    /**
     * One page of this store's jobs in id order ({@link String#compareTo} for the memory store, the database's
     * ordering of the id column elsewhere, the same from page to page), filtered by the query.
     *
     * <p>The contract, for every table size: a call reads at most {@code query.limit() + 1} rows after the cursor
     * (the extra one tells whether a next page follows), applies the filters to the first {@code limit} of them, and
     * returns those that pass — so a page may hold fewer jobs than the limit, even none, and still have a
     * {@link StoredJobPage#next()}; callers read on until it is {@code null}. The cursor is the id of the last row
     * the page read, so a job present for the whole listing comes exactly once, a job added after the cursor passed
     * its id does not come, and one removed before it was reached does not come. {@link JobState#FINISHED} markers
     * are read (they count towards the limit) but never returned.
     *
     * <p>The built-in stores read by id: JDBC {@code WHERE id > ? ORDER BY id LIMIT ?} on the primary key, MongoDB a
     * range query on {@code _id}, Redis {@code ZRANGEBYLEX} on an index of ids, the memory store a scan of its id
     * table that keeps the {@code limit + 1} smallest ids after the cursor (no per-job index: O(n log limit) time,
     * O(limit) memory), ZooKeeper the children of the jobs node (names only: a whole-list read per page, the jobs'
     * data read for at most {@code limit + 1} of them).
     *
     * <p>The default, for stores written before listing was paged, reads {@link #getAllJobs()} and cuts the page
     * from it: correct, but its work grows with the store.
     *
     * @param query the filters, limit and cursor (this store's {@link StoredJobPage#next()} of the previous page, or
     *     {@code null}), not {@code null}; its {@code jobstore}, when set, is compared with each job's alias
     * @return the page
     * @throws IllegalArgumentException naming {@code cursor} when this store cannot read the cursor
     * @throws JobStoreException when the backend fails
     */
    default StoredJobPage listJobs(JobQuery query) {
        List<StoredJob> rows = getAllJobs().stream()
                .filter((job) -> query.cursor() == null || job.id().compareTo(query.cursor()) > 0)
                .sorted(Comparator.comparing(StoredJob::id))
                .limit(query.limit() + 1L)
                .toList();
        return StoredJobPage.of(rows, query);
    }

    /**
     * How many of this store's jobs are in each state now, without reading the jobs themselves: for overviews
     * (the dashboard asks every few seconds per open page), where loading 100,000 jobs to count them would cost
     * far more than the answer is worth. {@link JobState#FINISHED} markers are not counted.
     *
     * <p>The count is a snapshot of the store at one moment when the backend offers one (one SQL statement, one
     * Redis script, one MongoDB aggregation) and is stale as soon as it is read. It reports each job's
     * <em>stored</em> state: a job whose stored form cannot be read counts under the state it was stored with until
     * the store marks it broken (acquisition does, and some stores' listings), though listings show it broken at
     * once; a state the store does not know counts as broken, as a listing shows it.
     *
     * <p>The shared built-in stores answer with one call to the backend: JDBC {@code SELECT state, COUNT(*) ...
     * GROUP BY state} (a scan of the table on the server; no job is sent), Redis the sizes of its keys ({@code HLEN},
     * {@code ZCARD}: O(1), one script call), MongoDB one {@code $group} aggregation by {@code state} (a collection scan
     * on the server); the memory store makes one pass over its jobs under its lock. The default, for the ZooKeeper
     * store and stores written before counting existed, reads the listing ({@link #listJobs}) a page of
     * {@value JobQuery#MAX_LIMIT} at a time: memory stays bounded, the work grows with the store, and it is no
     * snapshot (a job changed between pages may count in its old or new state, or not at all).
     *
     * @return the counts, never {@code null}
     * @throws JobStoreException when the backend fails
     */
    default JobCounts countJobs() {
        JobCounts counts = JobCounts.NONE;
        JobQuery query = JobQuery.all().withLimit(JobQuery.MAX_LIMIT);
        for (StoredJobPage page = listJobs(query); ; page = listJobs(query.after(page.next()))) {
            for (StoredJob job : page.jobs()) {
                counts = counts.plus(job.state(), 1);
            }
            if (page.next() == null) {
                return counts;
            }
        }
    }

    /**
     * The earliest instant at which {@link #acquireDueJobs} could return a job: the earliest next run time
     * of an unleased scheduled job, or the lease expiry of a leased due one (whichever is earlier).
     *
     * @return the instant, or empty when no job is scheduled
     */
    Optional<Instant> nextRunTime();

    /**
     * Acquires up to {@code limit} due jobs under a lease: scheduled jobs with {@code nextRunTime <= now}
     * that are unleased or whose lease has expired, earliest first. A due job that cannot be read (malformed JSON,
     * an unknown trigger type, a newer format) is not leased: it is marked broken in the same call and returned
     * after the readable ones with state {@link JobState#BROKEN} and the reason (naming its id), so that the
     * scheduler publishes {@link io.kairos.scheduler.event.JobBroken} for it; it counts towards {@code limit}.
     * One round trip per batch for shared stores.
     *
     * @param schedulerId the lease owner
     * @param now the scheduler clock's current time
     * @param limit the most jobs to return, at least 1
     * @param leaseUntil when the lease expires unless extended
     * @return the acquired jobs, earliest next run time first (jobs due at the same instant in any order), each
     *     with the version it has in the store; then the jobs marked broken by this call, if any
     */
    List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil);

    /**
     * As {@link #acquireDueJobs(String, Instant, int, Instant)}, taking only jobs whose executor alias is one of
     * {@code executors}: an executor alias is a worker group, and an instance takes only the jobs it can run. Jobs
     * of other executors stay where they are, unleased and scheduled, for the instances that have them (never
     * broken). Jobs marked broken by this call (unreadable) are returned whatever their executor.
     *
     * <p>The default ignores the filter and calls the four-argument method (a store written before filters
     * existed); the scheduler then gives a job whose executor it lacks back unchanged. The built-in shared stores
     * (JDBC, Redis, ZooKeeper) filter in their due query. The scheduler calls this method for shared stores only.
     *
     * @param schedulerId the lease owner
     * @param now the scheduler clock's current time
     * @param limit the most jobs to return, at least 1
     * @param leaseUntil when the lease expires unless extended
     * @param executors the executor aliases this scheduler has, not empty
     * @return as {@link #acquireDueJobs(String, Instant, int, Instant)}
     */
    default List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        return acquireDueJobs(schedulerId, now, limit, leaseUntil);
    }

    /**
     * Counts the scheduled, unleased (or lease expired) jobs due at or before {@code dueBefore} whose executor
     * alias is <em>not</em> one of {@code executors}, by alias: jobs that wait for an instance with that executor.
     * The scheduler asks this now and then (once a minute) with a time some lease times back, to report jobs no
     * running instance takes (health, actuator). Bounded: a store may look at only the earliest thousand or so due
     * jobs, so counts are lower bounds.
     *
     * <p>The default reports nothing.
     *
     * @param dueBefore jobs due at or before this instant count
     * @param executors the executor aliases this scheduler has
     * @return executor alias to number of jobs, only aliases with at least one job; a new map
     * @throws JobStoreException when the backend fails
     */
    default Map<String, Integer> countDueWithoutExecutor(Instant dueBefore, Set<String> executors) {
        return new TreeMap<>();
    }

    /**
     * Extends the leases this scheduler still holds on jobs, and says which it no longer holds.
     *
     * <p>A lease is held while the job exists and its lease owner is {@code schedulerId}, even past its expiry:
     * as long as no other scheduler acquired the job, nobody else ran it, so extending the lease is safe. A lease is
     * lost when the job was removed, or when another scheduler acquired it after the lease expired (after a long
     * pause or an outage longer than the lease time), whether that scheduler still holds it or has released it
     * since. A lost lease is not extended, and the caller must start no further runs from its copy of the job:
     * another scheduler may be running it now. Runs it already started are not undone.
     *
     * <p>The whole batch is one call to the backend (one statement on PostgreSQL, one script call on Redis, one
     * transaction of a JDBC batch elsewhere); an empty collection makes no call. Thread-safe, like every method of
     * a store.
     *
     * @param schedulerId the lease owner, not {@code null}
     * @param jobIds the ids of jobs the caller acquired, not {@code null}; an id given twice counts once
     * @param leaseUntil the new expiry (scheduler clock), not {@code null}; stores keep it at their precision
     *     (milliseconds for the shared ones)
     * @return the ids among {@code jobIds} whose leases this scheduler no longer holds (not leased, leased by
     *     another scheduler, or the job is gone), none extended; empty when every lease was extended; never
     *     {@code null}, a set the caller may keep and change
     * @throws JobStoreException when the backend fails; then it is unknown which leases were extended (the
     *     scheduler keeps its jobs and retries after a back-off)
     */
    Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil);

    /**
     * Gives up leases, writing each job's new next run time or deleting finished jobs (or turning them into
     * {@link JobState#FINISHED} markers, stamped with the store's clock, when {@link JobRelease#keepMarker()}), in one
     * batch.
     * Each write is conditional on the lease still being this scheduler's and the version being
     * {@link JobRelease#acquiredVersion()}; when the version moved on, only the lease is dropped.
     *
     * <p>Answers which new pending retries it did not write: the ids of the releases (not removals) whose
     * {@linkplain JobRelease#retryChange() retry change} sets a pending retry and whose conditional write did not
     * apply (another scheduler removed, paused or changed the job, or took it over). Each store tells this from its
     * own conditional write, never from a second read, so the answer is exact: the scheduler records each such retry
     * as {@link io.kairos.scheduler.history.RunOutcome#CANCELLED}, and a retry that was written and later dropped by
     * a change is recorded by whoever makes the change; each dropped retry is recorded once. Thread-safe.
     *
     * @param schedulerId the lease owner, not {@code null}
     * @param releases what to write, one per job, not {@code null}; an empty list makes no call
     * @return the ids whose new pending retry was not written; empty when there were none (always for releases
     *     without a retry change); never {@code null}, a set the caller may keep and change
     * @throws JobStoreException when the backend fails (then it is unknown what was written)
     */
    Set<String> releaseJobs(String schedulerId, List<JobRelease> releases);

    /**
     * What this store knows of its server, for a health check: where the server is and how the client last found the
     * connection. Answered from memory without calling the server, so it never blocks and can be asked during an
     * outage (the scheduler's {@link JobStoreStatus} says whether the store's calls succeed). Thread-safe.
     *
     * <p>The default has no details: the memory store has no server, and the JDBC and Redis stores leave that to
     * the application's own {@code DataSource} and Redis health checks.
     *
     * @return details by name, values strings, numbers or booleans, in a stable order; empty when there are none;
     *     never {@code null}
     */
    default Map<String, Object> healthDetails() {
        return Map.of();
    }

    /**
     * The run history this store keeps for its jobs (called after {@link #start}). The built-in stores keep it
     * next to the jobs (the memory store in memory, JDBC in the {@code <table-name>_runs} table, Redis in capped
     * lists, MongoDB in the {@code <collection>_runs} collection, ZooKeeper in one znode per run under
     * {@code <root>/runs}), so every scheduler sharing the store sees the same history.
     *
     * <p>The default keeps none ({@link RunHistory#none()}): runs of this store's jobs are not recorded, and the
     * scheduler says so at start.
     *
     * @return the history, never {@code null}; the same object for the life of a start
     */
    default RunHistory runHistory() {
        return RunHistory.none();
    }

    /**
     * The instances that hold leases on this store's jobs now, for operators (the dashboard shows them): one entry
     * per lease owner, ordered by owner. Leases past their expiry count until another instance takes the job over.
     *
     * <p>The default reports none: a local store has no leases worth showing, and a store that cannot list them
     * cheaply may leave it so (the JDBC, Redis, ZooKeeper and MongoDB stores report them).
     *
     * @return the holders, never {@code null}; empty when none or not reported
     * @throws JobStoreException when the store fails
     */
    default List<LeaseHolder> leaseHolders() {
        return List.of();
    }
}
