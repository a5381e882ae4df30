package io.kairos.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * How a running scheduler last found one of its job stores, as kept by that store's loop: no store call is made to
 * answer it, so it answers at once also while the store hangs or is down (health checks read it). Immutable. All
 * instants are the scheduler clock's.
 *
 * <p>A store is {@linkplain #up() up} until one of the loop's calls to it fails (it threw, e.g. a
 * {@link JobStoreException} after a connection failure or a command/query timeout); it is down from then until a
 * call succeeds again.
 *
 * @param up whether the loop's last call to the store succeeded (also {@code true} before its first call)
 * @param downSince when the first of the failures that made the store down happened; {@code null} while up
 * @param lastError the message of the last failure while down (the exception's message, or its class name when it
 *     has none); {@code null} while up
 * @param lastSuccessfulPass when the loop last ended a pass over this store without a store failure; {@code null}
 *     before the first such pass
 * @param nextRunTime the earliest next run time among the store's jobs that this scheduler had not acquired yet, as
 *     the loop last learned it (from the store's {@link JobStore#nextRunTime()} or from a full batch of due jobs); a
 *     time before now means a job has been due since then and not picked up (executors busy, the scheduler paused, the
 *     store down); {@code null} when none was known to be scheduled
 */
public record JobStoreStatus(boolean up, @Nullable Instant downSince, @Nullable String lastError, @Nullable Instant lastSuccessfulPass, @Nullable Instant nextRunTime) {

    /** The status of a store before its loop made any call to it: up, nothing known yet. */
    public static final JobStoreStatus UNKNOWN = new JobStoreStatus(true, null, null, null, null);

    /**
     * How long the earliest known job not yet acquired has been overdue.
     *
     * @param now the scheduler clock's time, not {@code null}
     * @return {@code now} minus {@link #nextRunTime()} when that is before {@code now}, else empty
     */
    public Optional<Duration> overdue(Instant now) {
        if (this.nextRunTime == null || !this.nextRunTime.isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(this.nextRunTime, now));
    }
}
