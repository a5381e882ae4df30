package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job this scheduler holds a lease on: acquired, possibly with runs in flight, not yet released. Mutated by
 * the loop thread only, except {@link #inFlight} (worker threads) and {@link #stale} (API threads).
 */
final class HeldJob {

    final String storeAlias;

    final StoredJob job;

    final Task task;

    final AtomicInteger inFlight;

    volatile boolean stale;

    Instant nextRunTime;

    Instant nextFireTime;

    /** When the lease is due for extension: a third of the lease time after it was taken or last extended. */
    Instant extendAt;

    HeldJob(String storeAlias, StoredJob job, Task task, Instant extendAt, AtomicInteger inFlight) {
        this.inFlight = inFlight;
        this.storeAlias = storeAlias;
        this.job = job;
        this.task = task;
        this.nextRunTime = job.nextRunTime();
        this.nextFireTime = FireTimes.fireTimeOf(job);
        this.extendAt = extendAt;
    }

    /**
     * Whether the trigger is finished: the job is deleted when released.
     *
     * @return whether the trigger is finished: the job is deleted when released
     */
    boolean finished() {
        return this.nextRunTime == null;
    }
}
