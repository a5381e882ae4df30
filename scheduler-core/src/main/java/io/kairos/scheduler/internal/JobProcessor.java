package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the main loop (DESIGN.md "The main loop"): extend leases of held jobs ({@link LeaseKeeper}), acquire
 * due jobs from each store (at most the executors' free slots, queues included), fire the due ones
 * ({@link RunSubmitter}: expand, coalesce, drop misfired run times, enforce max instances, submit), release jobs
 * whose last run ended, then publish the pass's events and say when to wake. Only the loop thread calls
 * {@link #runPass}; {@link #jobChanged} and {@link #storeCleared} may be called from any thread.
 *
 * <p>A job stays leased (held) while it has runs in flight; its lease is extended every third of the lease
 * time and it is released when its last run ends, so a one-shot job is deleted only after it ran.
 */
public final class JobProcessor {

    private static final Logger logger = LoggerFactory.getLogger(JobProcessor.class);

    /** The most jobs acquired from one store in one pass (fewer when the executors have fewer free slots). */
    private static final int BATCH = 256;

    private static final Duration IDLE_GUARD = Duration.ofMillis(100);

    private final LoopContext context;

    private final HeldJobs held = new HeldJobs();

    private final RunSubmitter submitter;

    private final LeaseKeeper leases;

    /**
     * Creates the processor.
     *
     * @param context what the loop works with
     */
    public JobProcessor(LoopContext context) {
        this.context = context;
        this.submitter = new RunSubmitter(context, new RunOutcomes(context));
        this.leases = new LeaseKeeper(context, this.held);
    }

    /**
     * Runs one pass.
     *
     * @param paused whether the scheduler is paused: then nothing is acquired or submitted, only released
     * @return when the loop should run the next pass at the latest (scheduler clock), or {@code null} to wait for
     *     a wake-up; a store failure is signalled through {@link PassResult#storeFailed()}
     */
    public PassResult runPass(boolean paused) {
        InstantSource clock = this.context.clock();
        Instant now = clock.instant();
        List<SchedulerEvent> events = new ArrayList<>();
        boolean failed = this.leases.extend(now, events);
        boolean worked = false;
        Set<String> moreDue = Set.of();
        // changes made before this pass reads the stores apply to the copies held so far; only those made while it
        // acquires (drained again below) may concern a copy it just read
        this.held.markChangedStale();
        if (!paused && !failed) {
            // after a failed lease extension the store is struggling: back off rather than acquire jobs whose
            // leases may have lapsed while we still hold them
            int before = this.held.size();
            moreDue = new HashSet<>();
            failed |= acquire(now, events, moreDue);
            worked = this.held.size() != before;
        }
        this.held.markChangedStale();
        Map<String, List<HeldJob>> releases = new LinkedHashMap<>();
        for (HeldJob job : this.held.all()) {
            if (!paused && job.mayFire(now) && job.nextRunTime != null && !job.nextRunTime.isAfter(now)) {
                try {
                    this.submitter.fire(job, now, events);
                }
                catch (VirtualMachineError ex) {
                    throw ex;
                }
                catch (Throwable ex) {
                    // also an Error from a user trigger (e.g. AssertionError): it must not end the loop thread
                    failed |= markBroken(job, ex, events);
                }
                worked = true;
            }
            if (job.inFlight.get() == 0) {
                releases.computeIfAbsent(job.storeAlias, (a) -> new ArrayList<>()).add(job);
            }
        }
        failed |= this.leases.release(releases, events);
        NextWake next = nextWake(now, paused, moreDue, events);
        failed |= next.failed();
        this.context.events().publishAll(events);
        Instant wake = next.at();
        // After a store failure an overdue wake stays overdue, so that the loop waits its back-off instead
        if (!worked && !failed && wake != null && !wake.isAfter(now)) {
            wake = now.plus(IDLE_GUARD);
        }
        return new PassResult(wake, failed);
    }

    /**
     * The outcome of a pass.
     *
     * @param wakeAt the latest time for the next pass, or {@code null}
     * @param storeFailed whether a store call failed (the loop backs off)
     */
    public record PassResult(Instant wakeAt, boolean storeFailed) {
    }

    private record NextWake(Instant at, boolean failed) {
    }

    /**
     * Marks a held job as changed by the API: no further runs start from the held copy; it is released when its
     * runs end (the store keeps the API's change, as the version moved on). Callable from any thread.
     *
     * @param storeAlias the job's store
     * @param jobId the job's id
     * @param version the job's version in the store after the change; {@link Long#MAX_VALUE} when it was removed
     */
    public void jobChanged(String storeAlias, String jobId, long version) {
        this.held.changed(storeAlias, jobId, version);
    }

    /**
     * Marks every held job of a store as changed (all jobs removed). Callable from any thread.
     *
     * @param storeAlias the store
     */
    public void storeCleared(String storeAlias) {
        this.held.cleared(storeAlias);
    }

    /**
     * Releases every held job without runs in flight; called at shutdown after the executors stopped.
     */
    public void releaseIdle() {
        Map<String, List<HeldJob>> releases = new LinkedHashMap<>();
        for (HeldJob job : this.held.all()) {
            if (job.inFlight.get() == 0) {
                releases.computeIfAbsent(job.storeAlias, (a) -> new ArrayList<>()).add(job);
            }
        }
        List<SchedulerEvent> events = new ArrayList<>();
        this.leases.release(releases, events);
        this.context.events().publishAll(events);
    }

    /**
     * The number of runs in flight of a job held by this scheduler.
     *
     * @param storeAlias the store
     * @param jobId the job id
     * @return zero or more
     */
    public int runsInFlight(String storeAlias, String jobId) {
        HeldJob job = this.held.get(storeAlias, jobId);
        return job == null ? 0 : job.inFlight.get();
    }

    /**
     * Acquires due jobs from the stores, at most the executors' free slots (which include their queues) in all and
     * {@link #BATCH} per store. A store that filled its limit may have more due jobs: its alias goes to
     * {@code moreDue}, and while slots are still free the loop runs the next pass at once instead of asking that
     * store for its next run time (when no slot is free, the next pass comes when an executor runs low).
     */
    private boolean acquire(Instant now, List<SchedulerEvent> events, Set<String> moreDue) {
        boolean failed = false;
        int budget = this.context.components().freeSlots();
        for (Map.Entry<String, JobStore> entry : this.context.components().stores().entrySet()) {
            int limit = Math.min(BATCH, budget);
            if (limit <= 0) {
                break;
            }
            LeaseKeeper.LeaseTimes lease = this.leases.leaseFrom(now);
            List<StoredJob> jobs;
            try {
                jobs = entry.getValue().acquireDueJobs(this.context.schedulerId(), now, limit, lease.until());
            }
            catch (RuntimeException ex) {
                storeFailed(entry.getKey(), ex, events);
                failed = true;
                continue;
            }
            budget -= jobs.size();
            if (jobs.size() >= limit) {
                moreDue.add(entry.getKey());
            }
            for (StoredJob job : jobs) {
                failed |= accept(entry.getKey(), entry.getValue(), job, lease, events);
            }
        }
        return failed;
    }

    private boolean accept(String alias, JobStore store, StoredJob job, LeaseKeeper.LeaseTimes lease, List<SchedulerEvent> events) {
        String reason;
        try {
            Task task = this.context.tasks().resolve(job.id(), job.task());
            if (this.context.components().executor(job.executor()).isPresent()) {
                HeldJob previous = this.held.get(alias, job.id());
                if (previous != null && !previous.stale && previous.job.equals(job)) {
                    // re-acquired after our own lease lapsed (e.g. the store was down while a release was due), and
                    // nobody changed the job meanwhile: our held copy knows which run times already ran; the
                    // store's copy does not, and firing from it would run them again. Equal, not just the same
                    // version: a job removed and added again elsewhere starts again at version 1
                    previous.leased(lease);
                    return false;
                }
                // re-acquired after our own lease lapsed: keep counting the runs still in flight
                HeldJob fresh = new HeldJob(alias, job, task, lease,
                        previous != null ? previous.inFlight : new java.util.concurrent.atomic.AtomicInteger());
                this.held.put(fresh);
                return false;
            }
            reason = "No executor by the alias of '" + job.executor() + "'; known executors: "
                    + this.context.components().executors().keySet();
        }
        catch (RuntimeException ex) {
            reason = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        }
        boolean marked;
        try {
            marked = store.markBroken(this.context.schedulerId(), job.id(), job.version(), reason);
            // drops the lease when the job changed meanwhile (then it was not marked: the change wins)
            store.releaseJobs(this.context.schedulerId(), List.of(new JobRelease(job.id(), job.version(), null, null, false)));
        }
        catch (RuntimeException ex) {
            storeFailed(alias, ex, events);
            return true;
        }
        brokenOrChanged(job.id(), alias, reason, marked, null, events);
        return false;
    }

    /**
     * A held job whose trigger threw (e.g. a combining trigger that found no common fire time) is marked broken
     * and kept; its lease is dropped when its runs end (the version moved on, so the release writes nothing).
     */
    private boolean markBroken(HeldJob held, Throwable cause, List<SchedulerEvent> events) {
        String reason = "trigger " + held.job.trigger() + " failed: " + cause.getMessage();
        held.stale = true;
        boolean marked;
        try {
            marked = this.context.components().stores().get(held.storeAlias).markBroken(this.context.schedulerId(),
                    held.job.id(), held.job.version(), reason);
        }
        catch (RuntimeException ex) {
            storeFailed(held.storeAlias, ex, events);
            return true;
        }
        brokenOrChanged(held.job.id(), held.storeAlias, reason, marked, cause, events);
        return false;
    }

    /**
     * Reports a job the loop found unable to run: marked broken (error log and {@code JobBroken}), or left alone
     * because the API changed it since it was acquired (the change may have fixed it).
     */
    private void brokenOrChanged(String jobId, String alias, String reason, boolean marked, Throwable cause, List<SchedulerEvent> events) {
        if (!marked) {
            logger.warn("Job '{}' in job store '{}' cannot run ({}), but it was changed meanwhile and is left as changed", jobId, alias, reason);
            return;
        }
        logger.error("Job '{}' in job store '{}' cannot run and is marked broken: {}", jobId, alias, reason, cause);
        events.add(new JobBroken(this.context.clock().instant(), jobId, alias, reason));
    }

    private NextWake nextWake(Instant now, boolean paused, Set<String> moreDue, List<SchedulerEvent> events) {
        Instant next = null;
        boolean failed = false;
        if (!paused && this.context.components().freeSlots() > 0) {
            for (Map.Entry<String, JobStore> entry : this.context.components().stores().entrySet()) {
                if (moreDue.contains(entry.getKey())) {
                    next = now;
                    continue;
                }
                try {
                    next = earlier(next, entry.getValue().nextRunTime().orElse(null));
                }
                catch (RuntimeException ex) {
                    storeFailed(entry.getKey(), ex, events);
                    failed = true;
                }
            }
        }
        for (HeldJob job : this.held.all()) {
            if (!paused && !job.stale) {
                next = earlier(next, job.nextRunTime);
            }
            next = earlier(next, job.extendAt);
        }
        if (this.context.components().anyShared()) {
            next = earlier(next, now.plus(this.context.pollInterval()));
        }
        return new NextWake(next, failed);
    }

    private void storeFailed(String alias, RuntimeException ex, List<SchedulerEvent> events) {
        storeFailed(this.context, alias, ex, events);
    }

    /**
     * Logs a store failure and adds its {@code JobStoreFailed} event; the loop then backs off.
     *
     * @param context the loop's context (clock)
     * @param alias the store
     * @param ex what it threw
     * @param events the pass's events
     */
    static void storeFailed(LoopContext context, String alias, RuntimeException ex, List<SchedulerEvent> events) {
        logger.warn("Job store '{}' failed; the loop backs off and retries", alias, ex);
        events.add(new JobStoreFailed(context.clock().instant(), alias, ex));
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
