package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.RetryPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;


/**
 * The settings of a {@link StoredJob} that most jobs share (executor, store, misfire grace time, coalescing,
 * instance limit, jitter, timeout, retry policy, finished marker): an immutable value that {@link #of} interns,
 * so the jobs added with the same settings hold one instance instead of a copy each. Thread-safe.
 */
final class JobPolicies {

    /** Interned instances, at most {@link #MAX_INTERNED}; past that, new values are used without being kept. */
    private static final ConcurrentHashMap<JobPolicies, JobPolicies> INTERNED = new ConcurrentHashMap<>();

    private static final int MAX_INTERNED = 4096;

    /** The instance handed out last: jobs are mostly added in runs with the same settings. */
    private static volatile @Nullable JobPolicies last;

    final String executor;

    final String jobstore;

    final @Nullable Duration misfireGraceTime;

    final boolean coalesce;

    final int maxInstances;

    final @Nullable Duration jitter;

    final @Nullable Duration timeout;

    final RetryPolicy retry;

    final boolean keepsFinishedMarker;

    private final int hash;

    private JobPolicies(String executor, String jobstore, @Nullable Duration misfireGraceTime, boolean coalesce,
            int maxInstances, @Nullable Duration jitter, @Nullable Duration timeout, RetryPolicy retry,
            boolean keepsFinishedMarker) {
        this.executor = executor;
        this.jobstore = jobstore;
        this.misfireGraceTime = misfireGraceTime;
        this.coalesce = coalesce;
        this.maxInstances = maxInstances;
        this.jitter = jitter;
        this.timeout = timeout;
        this.retry = retry;
        this.keepsFinishedMarker = keepsFinishedMarker;
        this.hash = Objects.hash(executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, timeout, retry,
                keepsFinishedMarker);
    }

    /**
     * Checks a job's settings and returns the shared instance with them.
     *
     * @throws NullPointerException when {@code executor} or {@code jobstore} is {@code null}
     * @throws IllegalArgumentException when {@code maxInstances < 1} or {@code timeout} is zero or negative
     */
    static JobPolicies checked(String id, String executor, String jobstore, @Nullable Duration misfireGraceTime,
            boolean coalesce, int maxInstances, @Nullable Duration jitter, @Nullable Duration timeout, boolean keepsFinishedMarker,
            @Nullable RetryPolicy retry) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(jobstore, "jobstore");
        if (maxInstances < 1) {
            throw new IllegalArgumentException("max_instances must be at least 1, got " + maxInstances);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("job '" + id + "': timeout must be positive (or null for none), got " + timeout);
        }
        return of(executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, timeout,
                retry == null ? RetryPolicy.NONE : retry, keepsFinishedMarker);
    }

    /**
     * The shared instance with these settings (a new one when the intern table is full).
     *
     * @throws NullPointerException when {@code executor}, {@code jobstore} or {@code retry} is {@code null}
     */
    static JobPolicies of(String executor, String jobstore, @Nullable Duration misfireGraceTime, boolean coalesce,
            int maxInstances, @Nullable Duration jitter, @Nullable Duration timeout, RetryPolicy retry,
            boolean keepsFinishedMarker) {
        JobPolicies recent = last;
        if (recent != null && recent.is(executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, timeout,
                retry, keepsFinishedMarker)) {
            return recent;
        }
        JobPolicies fresh = new JobPolicies(Objects.requireNonNull(executor, "executor"),
                Objects.requireNonNull(jobstore, "jobstore"), misfireGraceTime, coalesce, maxInstances, jitter, timeout,
                Objects.requireNonNull(retry, "retry"), keepsFinishedMarker);
        JobPolicies shared = INTERNED.get(fresh);
        if (shared == null) {
            shared = INTERNED.size() >= MAX_INTERNED ? fresh : Objects.requireNonNullElse(INTERNED.putIfAbsent(fresh, fresh), fresh);
        }
        last = shared;
        return shared;
    }

    private boolean is(String executor, String jobstore, @Nullable Duration misfireGraceTime, boolean coalesce,
            int maxInstances, @Nullable Duration jitter, @Nullable Duration timeout, RetryPolicy retry,
            boolean keepsFinishedMarker) {
        return this.coalesce == coalesce && this.maxInstances == maxInstances
                && this.keepsFinishedMarker == keepsFinishedMarker && (this.executor == executor || this.executor.equals(executor))
                && (this.jobstore == jobstore || this.jobstore.equals(jobstore)) && Objects.equals(this.misfireGraceTime, misfireGraceTime)
                && Objects.equals(this.jitter, jitter) && Objects.equals(this.timeout, timeout)
                && (this.retry == retry || this.retry.equals(retry));
    }

    /** This value with another finished-marker setting. */
    JobPolicies withKeepsFinishedMarker(boolean keeps) {
        return keeps == this.keepsFinishedMarker ? this : of(this.executor, this.jobstore, this.misfireGraceTime,
                this.coalesce, this.maxInstances, this.jitter, this.timeout, this.retry, keeps);
    }

    /** This value with another retry policy. */
    JobPolicies withRetry(RetryPolicy policy) {
        return policy.equals(this.retry) ? this : of(this.executor, this.jobstore, this.misfireGraceTime, this.coalesce,
                this.maxInstances, this.jitter, this.timeout, policy, this.keepsFinishedMarker);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof JobPolicies that && this.hash == that.hash
                && is(that.executor, that.jobstore, that.misfireGraceTime, that.coalesce, that.maxInstances, that.jitter,
                        that.timeout, that.retry, that.keepsFinishedMarker);
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    /** For tests: whether an instance is in the intern table. */
    static boolean isInterned(JobPolicies policies) {
        return INTERNED.get(policies) == policies;
    }
}
