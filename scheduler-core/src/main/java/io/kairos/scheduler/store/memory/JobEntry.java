package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;

/**
 * One job in a {@link MemoryJobStore}: the job, its lease, and its slot in the {@link RunTimeHeap}.
 * Guarded by the store's lock.
 */
final class JobEntry {

    StoredJob job;

    String leaseOwner;

    Instant leaseUntil;

    int heapIndex = -1;

    JobEntry(StoredJob job) {
        this.job = job;
    }

    /**
     * When this job can next be acquired: its next run time, or, while leased, the later of that and the lease
     * expiry.
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
