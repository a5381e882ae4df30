package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;

/**
 * One job in a {@link MemoryJobStore}: the job, its lease, and its place in one of the store's
 * {@link RunTimeHeap}s (the key it is sorted by, its heap and slot). Guarded by the
 * store's lock.
 */
final class JobEntry {

    StoredJob job;

    String leaseOwner;

    Instant leaseUntil;

    /** {@link #acquirableAt()} as of the last time the entry was placed in a heap; {@code null} when in none. */
    Instant key;

    int heapIndex = -1;

    /** The heap the entry is in, or {@code null}. */
    RunTimeHeap heap;

    JobEntry(StoredJob job) {
        this.job = job;
    }

    /**
     * When the job can be acquired next: its next run time, or the end of its lease when that is later.
     *
     * @return the instant, or {@code null} when the job is paused or broken
     */
    Instant acquirableAt() {
        Instant nextRunTime = this.job.nextRunTime();
        if (nextRunTime == null || this.leaseOwner == null) {
            return nextRunTime;
        }
        return this.leaseUntil.isAfter(nextRunTime) ? this.leaseUntil : nextRunTime;
    }

    void dropLease() {
        this.leaseOwner = null;
        this.leaseUntil = null;
    }
}
