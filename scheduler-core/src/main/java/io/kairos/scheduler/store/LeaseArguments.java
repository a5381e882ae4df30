package io.kairos.scheduler.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Checks the arguments of {@link JobStore#acquireDueJobs}, for store implementations, so every store refuses
 * the same bad input with the same message.
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
}
