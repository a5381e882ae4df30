package io.kairos.scheduler.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Checks the arguments of {@link JobStore#acquireDueJobs} and {@link JobStore#extendLeases}, for store
 * implementations, so every store refuses the same bad input with the same message.
 */
public final class LeaseArguments {

    private LeaseArguments() {
    }

    /**
     * Checks an acquisition's arguments.
     *
     * @param now the scheduler clock's current time
     * @param limit the most jobs to acquire
     * @param leaseUntil when the lease expires
     * @throws NullPointerException when {@code now} or {@code leaseUntil} is {@code null}
     * @throws IllegalArgumentException when {@code limit < 1}, or {@code leaseUntil} is not after {@code now}
     *     (such a lease would be expired at once and the job acquirable again)
     */
    public static void check(Instant now, int limit, Instant leaseUntil) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil (" + leaseUntil + ") must be after now (" + now + ")");
        }
    }

    /**
     * Checks a lease extension's arguments and says whether there is anything to extend.
     *
     * @param schedulerId the lease owner
     * @param jobIds the ids whose leases to extend
     * @param leaseUntil the new expiry
     * @return {@code false} when {@code jobIds} is empty: the store answers an empty set and makes no call
     * @throws NullPointerException when an argument is {@code null}
     */
    public static boolean checkExtension(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(jobIds, "jobIds");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return !jobIds.isEmpty();
    }
}
