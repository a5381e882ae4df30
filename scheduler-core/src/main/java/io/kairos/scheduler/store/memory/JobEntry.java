package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * One job in a {@link MemoryJobStore}: the job, its lease, and its place in one of the store's
 * {@link RunTimeHeap}s (the key it is sorted by, its heap and slot). Guarded by the
 * store's lock. 32 bytes with compressed references: the lease, which only the jobs in flight have, is one
 * reference to a {@link Lease} that the jobs leased together share.
 */
final class JobEntry {

    StoredJob job;

    /** The lease, or {@code null} when nobody holds one. */
    @Nullable Lease lease;

    /** {@link #acquirableAt()} as of the last time the entry was placed in a heap; {@code null} when in none. */
    @Nullable Instant key;

    /**
     * The entry's place in its {@link #heap}: a slot of the binary heap (0 or more), {@code -2 - slot} for a slot of
     * its {@link SortedRun}, or -1 when in no heap.
     */
    int heapIndex = -1;

    /** The heap the entry is in, or {@code null}. */
    @Nullable RunTimeHeap heap;

    JobEntry(StoredJob job) {
        this.job = job;
    }

    /**
     * When the job can be acquired next: its next run time, or the end of its lease when that is later.
     *
     * @return the instant, or {@code null} when the job is paused or broken
     */
    @Nullable Instant acquirableAt() {
        Instant nextRunTime = this.job.nextRunTime();
        Lease held = this.lease;
        if (nextRunTime == null || held == null) {
            return nextRunTime;
        }
        return held.until().isAfter(nextRunTime) ? held.until() : nextRunTime;
    }

    /** {@link #key} of an entry in a heap, where it is never {@code null}. */
    Instant heapKey() {
        return Objects.requireNonNull(this.key, "the entry is in no heap");
    }

    /** The lease holder, or {@code null}. */
    @Nullable String leaseOwner() {
        Lease held = this.lease;
        return held == null ? null : held.owner();
    }

    void dropLease() {
        this.lease = null;
    }

    /**
     * A scheduler's lease on jobs, until an instant; immutable, so the jobs of one acquisition share one.
     *
     * @param owner the scheduler id
     * @param until when the lease ends
     */
    record Lease(String owner, Instant until) {
    }
}
