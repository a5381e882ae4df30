package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobOrder;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.LeaseArguments;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;



/**
 * Keeps jobs in the heap of this JVM (APScheduler's {@code MemoryJobStore}, alias {@code memory}). Jobs are held
 * as objects, never encoded, so a job may run an unnamed lambda here and nowhere else.
 *
 * <p>It follows the {@link JobStore} contract exactly as the shared stores do (leases, versioned conditional
 * release, broken jobs kept), so a scheduler behaves the same on every store; but it cannot be shared between
 * processes ({@link #isShared()} is {@code false}). Unlike APScheduler 3's memory store, {@link #shutdown()} keeps
 * the jobs: a stopped and restarted scheduler finds them again.
 *
 * <p>Costs: adding, updating, removing, acquiring or releasing one job is O(log n); {@link #nextRunTime()} is O(1);
 * {@link #getAllJobs()} is O(n log n). Each job costs about 48 bytes on top of the {@link StoredJob} itself (a
 * 32-byte entry, a slot in the id table and one in a heap), so a million pending jobs fit in a default heap. A
 * pending one-shot job with a generated id, a date trigger, two numeric arguments and the default settings retains
 * about 265 bytes in all (benchmark W2): the 48-byte job, its 64-byte id, the trigger and its instant (48), the
 * arguments (32) and the store's share.
 *
 * <p>Thread-safe: one lock guards every operation.
 */
public class MemoryJobStore implements JobStore {

    private static final Comparator<StoredJob> BY_RUN_TIME = Comparator.comparing(StoredJob::nextRunTime);

    private final ReentrantLock lock = new ReentrantLock();

    private final JobTable jobs = new JobTable();

    /** Jobs nobody holds a lease on, by next run time. */
    private final RunTimeHeap unleased = new RunTimeHeap();

    /** Leased jobs, by the later of lease expiry and next run time: small, only what schedulers hold. */
    private final RunTimeHeap leased = new RunTimeHeap();

    private final FinishedMarkers finished = new FinishedMarkers();

    private volatile String alias = "memory";

    private volatile InstantSource clock = InstantSource.system();

    private final MemoryRunHistory history;

    /**
     * A store whose run history keeps at most {@value #DEFAULT_MAX_RUNS_PER_JOB} runs per job and
     * {@value #DEFAULT_MAX_RUNS} in total (the retention may keep fewer).
     */
    public MemoryJobStore() {
        this(DEFAULT_MAX_RUNS_PER_JOB, DEFAULT_MAX_RUNS);
    }

    /**
     * A store with other run history bounds.
     *
     * @param maxRunsPerJob the most run records kept per job, at least 1; older ones are dropped at write
     * @param maxRuns the most run records kept in total, at least 1; the oldest are dropped at write
     * @throws IllegalArgumentException when a bound is less than 1
     */
    public MemoryJobStore(int maxRunsPerJob, int maxRuns) {
        this.history = new MemoryRunHistory(maxRunsPerJob, maxRuns);
    }

    /** The default bound of the run history per job. */
    public static final int DEFAULT_MAX_RUNS_PER_JOB = 1000;

    /** The default bound of the run history in total. */
    public static final int DEFAULT_MAX_RUNS = 100_000;

    /**
     * The run history, in this JVM's heap and bounded (see the constructors); kept across restarts of the
     * scheduler like the jobs.
     *
     * @return the history
     */
    @Override
    public RunHistory runHistory() {
        return this.history;
    }

    /**
     * Records the store's alias (used in error messages). Jobs added before start are kept.
     *
     * @param context the scheduler's context, not {@code null}
     */
    @Override
    public void start(JobStoreContext context) {
        this.alias = Objects.requireNonNull(context, "context").alias();
        this.clock = context.clock();
    }

    /** Does nothing: jobs are kept for a later {@link #start}. */
    @Override
    public void shutdown() {
    }

    /** @return {@code false}: the jobs live in this JVM only */
    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public StoredJob addJob(StoredJob job, ConflictPolicy policy) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(policy, "policy");
        this.lock.lock();
        try {
            JobEntry entry = this.jobs.get(job.id());
            if (entry == null && policy == ConflictPolicy.KEEP_EXISTING) {
                Optional<StoredJob> marker = this.finished.get(job.id());
                if (marker.isPresent()) {
                    return marker.get();
                }
            }
            if (entry == null) {
                this.finished.remove(job.id());
                entry = new JobEntry(job.version() == 1 ? job : job.withVersion(1));
                this.jobs.add(entry);
                place(entry);
                return entry.job;
            }
            switch (policy) {
                case ERROR -> throw new ConflictingJobIdException(job.id(), "job store '" + this.alias + "'");
                case KEEP_EXISTING -> {
                    return entry.job;
                }
                default -> {
                    return write(entry, job);
                }
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public StoredJob updateJob(StoredJob job) {
        Objects.requireNonNull(job, "job");
        this.lock.lock();
        try {
            JobEntry entry = this.jobs.get(job.id());
            if (entry == null) {
                throw new JobLookupException(job.id());
            }
            return write(entry, job);
        }
        finally {
            this.lock.unlock();
        }
    }

    private void place(JobEntry entry) {
        (entry.lease == null ? this.unleased : this.leased).reposition(entry);
    }

    private @Nullable JobEntry earliest() {
        JobEntry free = this.unleased.peek();
        JobEntry held = this.leased.peek();
        if (free == null || held == null) {
            return free != null ? free : held;
        }
        return held.heapKey().isBefore(free.heapKey()) ? held : free;
    }

    // Replaces the job, keeping any lease; the version moves on.
    private StoredJob write(JobEntry entry, StoredJob job) {
        entry.job = job.withVersion(entry.job.version() + 1);
        place(entry);
        return entry.job;
    }

    /** {@inheritDoc} One conditional write under the store's lock. */
    @Override
    public boolean markBroken(String schedulerId, String jobId, long expectedVersion, String reason) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(reason, "reason");
        this.lock.lock();
        try {
            JobEntry entry = this.jobs.get(jobId);
            if (entry == null || entry.job.version() != expectedVersion) {
                return false;
            }
            if (schedulerId.equals(entry.leaseOwner())) {
                entry.dropLease();
            }
            write(entry, entry.job.asBroken(reason));
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public boolean removeJob(String jobId) {
        this.lock.lock();
        try {
            JobEntry entry = this.jobs.remove(jobId);
            if (entry == null) {
                return this.finished.remove(jobId);
            }
            RunTimeHeap.detach(entry);
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public void removeAllJobs() {
        this.lock.lock();
        try {
            this.jobs.clear();
            this.finished.clear();
            this.unleased.clear();
            this.leased.clear();
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public Optional<StoredJob> lookupJob(String jobId) {
        this.lock.lock();
        try {
            JobEntry entry = this.jobs.get(jobId);
            return entry == null ? Optional.empty() : Optional.of(entry.job);
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public Optional<StoredJob> lookupFinished(String jobId) {
        this.lock.lock();
        try {
            return this.finished.get(jobId);
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public int removeFinishedMarkers(Instant finishedBefore) {
        this.lock.lock();
        try {
            return this.finished.removeBefore(finishedBefore);
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public List<StoredJob> getAllJobs() {
        List<StoredJob> all = new ArrayList<>();
        this.lock.lock();
        try {
            this.jobs.forEach((entry) -> all.add(entry.job));
        }
        finally {
            this.lock.unlock();
        }
        return JobOrder.forListing(all);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One pass over the id table under the lock, keeping the {@code limit + 1} smallest ids after the cursor
     * ({@link JobOrder#firstAfter}): O(n log limit) time and O(limit) memory per page, and no per-job index, so that
     * the store's memory per job stays as it is.
     */
    @Override
    public StoredJobPage listJobs(JobQuery query) {
        List<StoredJob> rows = new ArrayList<>();
        this.lock.lock();
        try {
            JobOrder.firstAfter(this.jobs, (entry) -> entry.job.id(), query.cursor(), query.limit() + 1).forEach((e) -> rows.add(e.job));
        }
        finally {
            this.lock.unlock();
        }
        return StoredJobPage.of(rows, query);
    }

    /** {@inheritDoc} One pass over the id table under the lock: O(n) time, no job copied. */
    @Override
    public JobCounts countJobs() {
        long[] counts = new long[JobState.values().length];
        this.lock.lock();
        try {
            this.jobs.forEach((entry) -> counts[entry.job.state().ordinal()]++);
        }
        finally {
            this.lock.unlock();
        }
        return new JobCounts(counts[JobState.SCHEDULED.ordinal()], counts[JobState.PAUSED.ordinal()], counts[JobState.BROKEN.ordinal()]);
    }

    @Override
    public Optional<Instant> nextRunTime() {
        this.lock.lock();
        try {
            JobEntry first = earliest();
            return first == null ? Optional.empty() : Optional.of(first.heapKey());
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code limit < 1} or {@code leaseUntil} is not after {@code now}
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        LeaseArguments.check(now, limit, leaseUntil);
        List<JobEntry> acquired = new ArrayList<>(Math.min(limit, 1_024));
        this.lock.lock();
        try {
            while (acquired.size() < limit) {
                JobEntry first = earliest();
                if (first == null || first.heapKey().isAfter(now)) {
                    break;
                }
                RunTimeHeap.detach(first);
                acquired.add(first);
            }
            List<StoredJob> result = new ArrayList<>(acquired.size());
            JobEntry.Lease lease = new JobEntry.Lease(schedulerId, leaseUntil);
            for (JobEntry entry : acquired) {
                entry.lease = lease;
                place(entry);
                result.add(entry.job);
            }
            // heap order already, except a job whose expired lease made it acquirable later than its run time;
            // a stable sort keeps jobs due at the same instant in heap (insertion) order
            result.sort(BY_RUN_TIME);
            return result;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>O(log n) per job extended, under the store's lock.
     */
    @Override
    public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Set<String> lost = new LinkedHashSet<>();
        JobEntry.Lease lease = new JobEntry.Lease(schedulerId, leaseUntil);
        this.lock.lock();
        try {
            for (String jobId : jobIds) {
                JobEntry entry = this.jobs.get(jobId);
                if (entry != null && schedulerId.equals(entry.leaseOwner())) {
                    entry.lease = lease;
                    place(entry);
                }
                else {
                    lost.add(jobId);
                }
            }
        }
        finally {
            this.lock.unlock();
        }
        return lost;
    }

    @Override
    public Set<String> releaseJobs(String schedulerId, List<JobRelease> releases) {
        Set<String> retriesNotWritten = new HashSet<>();
        this.lock.lock();
        try {
            for (JobRelease release : releases) {
                JobEntry entry = this.jobs.get(release.jobId());
                boolean applies = entry != null && schedulerId.equals(entry.leaseOwner())
                        && entry.job.version() == release.acquiredVersion();
                if (!applies && release.setsRetry()) {
                    retriesNotWritten.add(release.jobId());
                }
                if (entry == null || !schedulerId.equals(entry.leaseOwner())) {
                    continue;
                }
                entry.dropLease();
                if (!applies) {
                    place(entry);
                }
                else if (release.remove()) {
                    this.jobs.remove(release.jobId());
                    RunTimeHeap.detach(entry);
                    if (release.keepMarker()) {
                        this.finished.put(entry.job, this.clock.instant());
                    }
                }
                else {
                    write(entry, release.applyTo(entry.job));
                }
            }
        }
        finally {
            this.lock.unlock();
        }
        return retriesNotWritten;
    }
}
