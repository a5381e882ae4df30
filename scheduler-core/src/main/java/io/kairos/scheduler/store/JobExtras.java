package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.PendingRetry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * The components of a {@link StoredJob} that are mostly empty (keyword arguments, a fire time other than the run time, a
 * broken reason, a pending retry, a state other than the one the next run time implies), kept in an object with the
 * job's {@link JobPolicies} only when one of them is set. Immutable.
 */
final class JobExtras {

    final JobPolicies policies;

    /** The state when there is no next run time (with one, the job is scheduled). */
    final JobState state;

    final Map<String, Object> kwargs;

    /** Whether the fire time is the run time (then {@link #nextFireTime} is {@code null}). */
    final boolean fireTimeIsRunTime;

    final @Nullable Instant nextFireTime;

    final @Nullable String brokenReason;

    final @Nullable PendingRetry pendingRetry;

    private JobExtras(JobPolicies policies, JobState state, Map<String, Object> kwargs, boolean fireTimeIsRunTime,
            @Nullable Instant nextFireTime, @Nullable String brokenReason, @Nullable PendingRetry pendingRetry) {
        this.policies = policies;
        this.state = state;
        this.kwargs = kwargs;
        this.fireTimeIsRunTime = fireTimeIsRunTime;
        this.nextFireTime = nextFireTime;
        this.brokenReason = brokenReason;
        this.pendingRetry = pendingRetry;
    }

    /**
     * What a job holds for these components: the policies alone when the others are empty, the fire time is the run
     * time and the state follows from the run time (scheduled with one, paused without); otherwise extras.
     */
    static Object shape(JobPolicies policies, Map<String, Object> kwargs, @Nullable Instant runTime,
            @Nullable Instant fireTime, @Nullable String brokenReason, @Nullable PendingRetry pendingRetry, JobState state) {
        boolean same = Objects.equals(runTime, fireTime);
        if (same && kwargs.isEmpty() && brokenReason == null && pendingRetry == null
                && (runTime != null || state == JobState.PAUSED)) {
            return policies;
        }
        return new JobExtras(policies, state, kwargs, same, same ? null : fireTime, brokenReason, pendingRetry);
    }

    /** The state of a job with these extras (or none) and this next run time. */
    static JobState state(@Nullable JobExtras extras, @Nullable Instant runTime) {
        return runTime != null ? JobState.SCHEDULED : extras == null ? JobState.PAUSED : extras.state;
    }

    /** The fire time of a job with these extras (or none) and this next run time. */
    static @Nullable Instant fireTime(@Nullable JobExtras extras, @Nullable Instant runTime) {
        return extras == null || extras.fireTimeIsRunTime ? runTime : extras.nextFireTime;
    }
}
