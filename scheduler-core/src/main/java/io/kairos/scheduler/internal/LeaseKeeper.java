package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store loop's lease work on its held jobs: extends leases a third of the lease time after they were taken or last
 * extended, and releases jobs whose runs ended (writing the next run time, or deleting a finished job; a job that
 * changed meanwhile only loses its lease). One store call each. A lease the store says was lost (it lapsed and
 * another instance took the job over) stops the held copy from starting runs. Loop thread only.
 */
final class LeaseKeeper {

    private static final Logger logger = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LoopContext context;

    private final String alias;

    private final JobStore store;

    private final HeldJobs held;

    /** A third of the lease time: how long after taking or extending a lease it is extended again. */
    private final Duration leaseThird;

    LeaseKeeper(LoopContext context, String alias, JobStore store, HeldJobs held) {
        this.context = context;
        this.alias = alias;
        this.store = store;
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
     * Releases jobs in one store call; when the call fails (or the pass may no longer call the store) the jobs stay
     * held, and a later pass retries.
     *
     * @param jobs the jobs to release, not empty
     * @param pass the pass
     */
    void release(List<HeldJob> jobs, Pass pass) {
        if (!pass.storeUsable()) {
            return;
        }
        List<JobRelease> writes = new ArrayList<>(jobs.size());
        for (HeldJob job : jobs) {
            writes.add(releaseOf(job));
        }
        Set<String> retriesNotWritten;
        try {
            retriesNotWritten = this.store.releaseJobsReportingRetries(this.context.schedulerId(), writes);
            pass.reached();
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
            return;
        }
        for (HeldJob job : jobs) {
            this.held.remove(job);
            PendingRetry retry = job.retry();
            if (retry != null && !retry.equals(job.job.pendingRetry()) && (job.stale || retriesNotWritten.contains(job.job.id()))) {
                // scheduled by an attempt of this copy, but the job changed meanwhile (here or, unknown to this
                // scheduler, on another instance): the store keeps the change, and the retry is not written
                RetryCancellations.record(this.context, job.job, job.storeAlias, retry, pass.now, droppedBecause(job, retry));
            }
            if (job.finished() && !job.stale) {
                // a stale job's id may be bound to the task of a job re-added under the same id: keep it
                this.context.tasks().unbind(job.job.id());
                if (this.context.events().wants(JobRemoved.class)) {
                    pass.events.add(new JobRemoved(this.context.clock().instant(), job.job.id(), job.storeAlias));
                }
            }
        }
    }

    private static String droppedBecause(HeldJob job, PendingRetry retry) {
        if (job.takenOver) {
            return "the lease on the job was lost";
        }
        String ran = " while attempt " + (retry.attempt() - 1) + " ran";
        return job.stale ? "the job was paused, removed or changed" + ran
                : "the job was removed, paused or changed by another instance, or its lease lapsed," + ran;
    }

    /**
     * What to write for a released job: deleted when its trigger is finished and no retry is pending; else its next
     * run time, the earlier of its regular run time and its pending retry, and, when the pending retry changed since
     * the job was acquired (scheduled, ran, or its regular run time moved), the job's definition with the new retry.
     */
    private static JobRelease releaseOf(HeldJob job) {
        if (job.finished()) {
            return JobRelease.finished(job.job);
        }
        Instant regular = job.releaseRunTime();
        Instant fire = job.releaseFireTime();
        PendingRetry retry = job.retry();
        if (retry != null) {
            retry = retry.withRegularRunTime(regular);
        }
        if (Objects.equals(retry, job.job.pendingRetry())) {
            return JobRelease.reschedule(job.job, retry != null ? retry.nextRunTime() : regular, fire);
        }
        return JobRelease.rescheduleWithRetry(job.job, retry != null ? retry.nextRunTime() : regular, fire, retry);
    }

    /**
     * Extends the leases that are due for it, in one store call. A job whose lease the store says this scheduler
     * lost is {@linkplain HeldJob#leaseLost() marked}: no run starts from the held copy any more.
     *
     * @param pass the pass
     */
    void extend(Pass pass) {
        List<HeldJob> due = null;
        for (HeldJob job : this.held.all()) {
            if (job.extendAt != null && !pass.now.isBefore(job.extendAt)) {
                if (due == null) {
                    due = new ArrayList<>();
                }
                due.add(job);
            }
        }
        if (due == null) {
            return;
        }
        LeaseTimes lease = leaseFrom(pass.now);
        Set<String> lost;
        try {
            lost = this.store.extendLeases(this.context.schedulerId(), due.stream().map((j) -> j.job.id()).toList(), lease.until());
            pass.reached();
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
            return;
        }
        for (HeldJob job : due) {
            if (lost.contains(job.job.id())) {
                lost(job);
            }
            else {
                job.leased(lease);
            }
        }
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
            job.takenOver = true;
        }
        job.leaseLost();
    }
}
