package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.PendingRetry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * The components of a {@link StoredJob} that are mostly empty (keyword arguments, a fire time other than the run time, a
 * broken reason, a pending retry), kept in an object only when one of them is set. Immutable.
 */
final class JobExtras {

    final Map<String, Object> kwargs;

    /** Whether the fire time is the run time (then {@link #nextFireTime} is {@code null}). */
    final boolean fireTimeIsRunTime;

    final @Nullable Instant nextFireTime;

    final @Nullable String brokenReason;

    final @Nullable PendingRetry pendingRetry;

    private JobExtras(Map<String, Object> kwargs, boolean fireTimeIsRunTime, @Nullable Instant nextFireTime,
            @Nullable String brokenReason, @Nullable PendingRetry pendingRetry) {
        this.kwargs = kwargs;
        this.fireTimeIsRunTime = fireTimeIsRunTime;
        this.nextFireTime = nextFireTime;
        this.brokenReason = brokenReason;
        this.pendingRetry = pendingRetry;
    }

    /** The extras of these components, or {@code null} when they are all empty and the fire time is the run time. */
    static @Nullable JobExtras of(Map<String, Object> kwargs, @Nullable Instant runTime, @Nullable Instant fireTime,
            @Nullable String brokenReason, @Nullable PendingRetry pendingRetry) {
        boolean same = Objects.equals(runTime, fireTime);
        if (same && kwargs.isEmpty() && brokenReason == null && pendingRetry == null) {
            return null;
        }
        return new JobExtras(kwargs, same, same ? null : fireTime, brokenReason, pendingRetry);
    }
}
