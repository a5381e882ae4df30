package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * One job in a {@link MemoryJobStore}: the job, its lease, and its place in one of the store's
 * {@link RunTimeHeap}s (the key it is sorted by, its heap and slot). Guarded by the
 * store's lock.
 */
final class JobEntry {

    StoredJob job;

    @Nullable String leaseOwner;

    @Nullable Instant leaseUntil;

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
        Instant until = this.leaseUntil;
        if (nextRunTime == null || this.leaseOwner == null || until == null) {
            return nextRunTime;
        }
        return until.isAfter(nextRunTime) ? until : nextRunTime;
    }

    /** {@link #key} of an entry in a heap, where it is never {@code null}. */
    Instant heapKey() {
        return Objects.requireNonNull(this.key, "the entry is in no heap");
    }

    void dropLease() {
        this.leaseOwner = null;
        this.leaseUntil = null;
    }
}
