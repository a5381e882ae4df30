package io.kairos.scheduler.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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

    /**
     * Groups leases by owner, for stores that keep a lease's owner and expiry per job (the JDBC store does it in its
     * query). A job found in only one of the maps (a lease changing while they were read) is left out.
     *
     * @param owners job id to lease owner
     * @param expiries job id to lease expiry
     * @return one holder per owner, sorted by owner; a new list
     */
    public static List<LeaseHolder> tally(Map<String, String> owners, Map<String, Instant> expiries) {
        Map<String, LeaseHolder> byOwner = new TreeMap<>();
        owners.forEach((jobId, owner) -> {
            Instant expiry = expiries.get(jobId);
            if (expiry != null) {
                byOwner.merge(owner, new LeaseHolder(owner, 1, expiry, expiry), (a, b) -> new LeaseHolder(owner,
                        a.jobsHeld() + 1, min(a.earliestExpiry(), expiry), max(a.latestExpiry(), expiry)));
            }
        });
        return new ArrayList<>(byOwner.values());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
