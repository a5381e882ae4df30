package io.kairos.scheduler.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduler instance that holds leases on jobs of a shared store, as {@link JobStore#leaseHolders()} reports it.
 * Immutable.
 *
 * @param owner the holder's scheduler id, not {@code null}
 * @param jobsHeld how many jobs it holds a lease on, at least 1
 * @param earliestExpiry the soonest of its leases' expiries (UTC), not {@code null}; a lease past its expiry is
 *     still held until another instance takes the job over
 * @param latestExpiry the latest of its leases' expiries (UTC), not {@code null}
 */
public record LeaseHolder(String owner, int jobsHeld, Instant earliestExpiry, Instant latestExpiry) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when {@code jobsHeld} is less than 1
     */
    public LeaseHolder {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(earliestExpiry, "earliestExpiry");
        Objects.requireNonNull(latestExpiry, "latestExpiry");
        if (jobsHeld < 1) {
            throw new IllegalArgumentException("jobsHeld must be at least 1, was " + jobsHeld);
        }
    }
}
