package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's lease work on held jobs: extends leases a third of the lease time after they were taken or last
 * extended, and releases jobs whose runs ended (writing the next run time, or deleting a finished job; a job that
 * changed meanwhile only loses its lease). One store call per store each. A lease the store says was lost (it
 * lapsed and another instance took the job over) stops the held copy from starting runs. Loop thread only.
 */
final class LeaseKeeper {

    private static final Logger logger = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LoopContext context;

    private final HeldJobs held;

    /** A third of the lease time: how long after taking or extending a lease it is extended again. */
    private final Duration leaseThird;

    LeaseKeeper(LoopContext context, HeldJobs held) {
        this.context = context;
        this.held = held;
        this.leaseThird = context.leaseTime().dividedBy(3);
    }

    /**
     * When a lease taken or extended at {@code now} lapses, and when it is due for extension.
     *
     * @param until the expiry: {@code now} plus the lease time
     * @param extendAt {@code now} plus a third of the lease time
     */
    record LeaseTimes(Instant until, Instant extendAt) {
    }

    /**
     * The times of a lease taken or extended now.
     *
     * @param now the scheduler clock's time
     * @return its expiry and next extension
     */
    LeaseTimes leaseFrom(Instant now) {
        return new LeaseTimes(now.plus(this.context.leaseTime()), now.plus(this.leaseThird));
    }

    /**
     * Releases jobs, per store; a store that fails keeps its jobs held (retried by a later pass).
     *
     * @param releases the jobs to release by store alias
     * @param events the pass's events
     * @return whether a store failed
     */
    boolean release(Map<String, List<HeldJob>> releases, List<SchedulerEvent> events) {
        boolean failed = false;
        for (Map.Entry<String, List<HeldJob>> entry : releases.entrySet()) {
            JobStore store = this.context.components().stores().get(entry.getKey());
            if (store == null) {
                entry.getValue().forEach(this.held::remove);
                continue;
            }
            List<JobRelease> writes = new ArrayList<>();
            for (HeldJob job : entry.getValue()) {
                writes.add(job.finished() ? JobRelease.finished(job.job)
                        : JobRelease.reschedule(job.job, job.releaseRunTime(), job.releaseFireTime()));
            }
            try {
                store.releaseJobs(this.context.schedulerId(), writes);
            }
            catch (RuntimeException ex) {
                JobProcessor.storeFailed(this.context, entry.getKey(), ex, events);
                failed = true;
                continue;
            }
            for (HeldJob job : entry.getValue()) {
                this.held.remove(job);
                if (job.finished() && !job.stale) {
                    // a stale job's id may be bound to the task of a job re-added under the same id: keep it
                    this.context.tasks().unbind(job.job.id());
                    if (this.context.events().wants(JobRemoved.class)) {
                        events.add(new JobRemoved(this.context.clock().instant(), job.job.id(), job.storeAlias));
                    }
                }
            }
        }
        return failed;
    }

    /**
     * Extends the leases that are due for it, one store call per store. A job whose lease the store says this
     * scheduler lost is {@linkplain HeldJob#leaseLost() marked}: no run starts from the held copy any more.
     *
     * @param now the scheduler clock's time
     * @param events the pass's events
     * @return whether a store failed
     */
    boolean extend(Instant now, List<SchedulerEvent> events) {
        Map<String, List<HeldJob>> due = new LinkedHashMap<>();
        for (HeldJob job : this.held.all()) {
            if (job.extendAt != null && !now.isBefore(job.extendAt)) {
                due.computeIfAbsent(job.storeAlias, (a) -> new ArrayList<>()).add(job);
            }
        }
        boolean failed = false;
        LeaseTimes lease = leaseFrom(now);
        for (Map.Entry<String, List<HeldJob>> entry : due.entrySet()) {
            JobStore store = this.context.components().stores().get(entry.getKey());
            if (store == null) {
                // the store was removed from this scheduler: nobody extends these leases any more
                logger.warn("Job store '{}' was removed while {} of its jobs still run here; no further runs of them start",
                        entry.getKey(), entry.getValue().size());
                entry.getValue().forEach(HeldJob::leaseLost);
                continue;
            }
            Set<String> lost;
            try {
                lost = store.extendLeases(this.context.schedulerId(), entry.getValue().stream().map((j) -> j.job.id()).toList(), lease.until());
            }
            catch (RuntimeException ex) {
                JobProcessor.storeFailed(this.context, entry.getKey(), ex, events);
                failed = true;
                continue;
            }
            for (HeldJob job : entry.getValue()) {
                if (lost.contains(job.job.id())) {
                    lost(job);
                }
                else {
                    job.leased(lease);
                }
            }
        }
        return failed;
    }

    // A copy already stale (changed or removed through this scheduler's API) starts no runs anyway: its lease most
    // likely went with the API's change (a removed job), which is no news worth a warning.
    private static void lost(HeldJob job) {
        if (job.stale) {
            logger.debug("Lease on job '{}' in job store '{}' is no longer held; the job was changed here meanwhile", job.job.id(),
                    job.storeAlias);
        }
        else {
            logger.warn("Lease on job '{}' in job store '{}' was lost (it expired and another instance took the job over, or the job "
                    + "was removed); another instance may run the job now, so this one starts no further runs of it", job.job.id(),
                    job.storeAlias);
        }
        job.leaseLost();
    }
}
