package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of a store loop (DESIGN.md "The main loop") over its one job store: extend leases of held jobs
 * ({@link LeaseKeeper}), acquire due jobs (at most the executors' free slots, queues included, reserved through
 * {@link ExecutorSlots} so that loops of other stores do not take the same slots), fire the due ones
 * ({@link RunSubmitter}: expand, coalesce, drop misfired run times, enforce max instances, submit), release jobs
 * whose last run ended, then publish the pass's events and say when to wake. After a failed store call the pass
 * makes no further call to the store ({@link Pass}). Only the store's loop thread calls {@link #runPass};
 * {@link #jobChanged}, {@link #storeCleared} and {@link #runsInFlight} may be called from any thread.
 *
 * <p>A job stays leased (held) while it has runs in flight; its lease is extended every third of the lease
 * time and it is released when its last run ends, so a one-shot job is deleted only after it ran.
 */
final class JobProcessor {

    private static final Logger logger = LoggerFactory.getLogger(JobProcessor.class);

    /** The most jobs acquired in one pass (fewer when the executors have fewer free slots). */
    private static final int BATCH = 256;

    private static final Duration IDLE_GUARD = Duration.ofMillis(100);

    private final LoopContext context;

    private final String alias;

    private final JobStore store;

    private final LoopSignal signal;

    private final ExecutorSlots slots;

    private final HeldJobs held = new HeldJobs();

    private final RunSubmitter submitter;

    private final LeaseKeeper leases;

    private final StoreHousekeeping housekeeping;

    /**
     * Creates the processor of one store.
     *
     * @param context what the loops share
     * @param alias the store's alias
     * @param store the store
     * @param signal the store loop's signal (woken when a run ends)
     * @param slots the executors' slots, shared by the loops
     */
    JobProcessor(LoopContext context, String alias, JobStore store, LoopSignal signal, ExecutorSlots slots) {
        this.context = context;
        this.alias = alias;
        this.store = store;
        this.signal = signal;
        this.slots = slots;
        this.submitter = new RunSubmitter(context, new RunOutcomes(context, signal, slots));
        this.leases = new LeaseKeeper(context, alias, store, this.held);
        this.housekeeping = new StoreHousekeeping(context, alias, store);
    }

    /**
     * Runs one pass.
     *
     * @param paused whether the scheduler is paused: then nothing is acquired or submitted, only released
     * @param probe whether to ask the store for its next run time when the pass would make no store call otherwise
     *     (the store is down, and the loop must learn when it is back also while paused)
     * @return when to run the next pass at the latest, how the store calls went, and what the pass learned of the
     *     store's next run time
     */
    PassResult runPass(boolean paused, boolean probe) {
        Pass pass = new Pass(this.context.clock());
        Instant now = pass.now;
        this.leases.extend(pass);
        boolean worked = false;
        boolean moreDue = false;
        Instant learned = null;
        boolean learnedAny = false;
        int reserved = 0;
        // changes made before this pass reads the store apply to the copies held so far; only those made while it
        // acquires (drained again below) may concern a copy it just read
        this.held.markChangedStale();
        // after a failed lease extension the store is struggling: back off rather than acquire jobs whose leases may
        // have lapsed while we still hold them
        if (!paused && pass.storeUsable()) {
            reserved = this.slots.reserve(BATCH);
            if (reserved > 0) {
                int before = this.held.size();
                List<StoredJob> jobs = acquire(pass, reserved);
                if (jobs != null) {
                    worked = this.held.size() != before;
                    moreDue = jobs.size() >= reserved;
                    // a full batch: jobs due no earlier than its last one are still waiting in the store
                    learned = moreDue ? jobs.get(jobs.size() - 1).nextRunTime() : null;
                    learnedAny = true;
                }
            }
        }
        this.held.markChangedStale();
        List<HeldJob> releases = new ArrayList<>(this.held.size());
        try {
            worked |= fireDue(pass, paused, releases);
        }
        finally {
            this.slots.release(reserved);
        }
        if (!releases.isEmpty()) {
            this.leases.release(releases, pass);
        }
        Instant wake = null;
        boolean waitingForSlots = false;
        if (!paused && pass.storeUsable()) {
            if (this.slots.available() <= 0) {
                // the executors are full (maybe with other stores' runs): wake when slots free up
                this.slots.wakeWhenFree(this.signal);
                waitingForSlots = true;
            }
            else if (moreDue) {
                wake = now;
            }
            else {
                try {
                    wake = this.store.nextRunTime().orElse(null);
                    pass.reached();
                    learned = wake;
                    learnedAny = true;
                    if (wake != null && !wake.isAfter(now) && this.store.isShared()) {
                        // due, yet the batch did not fill: jobs of executors this instance lacks (left to the
                        // instances that have them) or just taken by another one. Look again after the poll
                        // interval or at a wake-up, not at once
                        wake = null;
                    }
                }
                catch (RuntimeException ex) {
                    pass.failed(this.alias, ex);
                }
            }
        }
        this.housekeeping.run(pass);
        if (probe && !pass.storeReached() && pass.storeUsable()) {
            try {
                this.store.nextRunTime();
                pass.reached();
            }
            catch (RuntimeException ex) {
                pass.failed(this.alias, ex);
            }
        }
        wake = earlier(wake, heldWake(paused));
        if (this.store.isShared()) {
            wake = earlier(wake, now.plus(this.context.pollInterval()));
        }
        this.context.events().publishAll(pass.events);
        // after a store failure an overdue wake stays overdue, so that the loop waits its back-off instead
        if (!worked && pass.storeUsable() && wake != null && !wake.isAfter(now)) {
            wake = now.plus(IDLE_GUARD);
        }
        return new PassResult(wake, pass.failure(), pass.storeReached(), learnedAny, learned, paused || waitingForSlots);
    }

    /**
     * Fires the held jobs that are due and their retries that are due, and collects the held jobs without runs in
     * flight for release. Its own method, so that the loop over the held jobs is compiled apart from the rest of the
     * pass.
     *
     * @return whether a run time was submitted, missed or skipped, or a job marked broken
     */
    private boolean fireDue(Pass pass, boolean paused, List<HeldJob> releases) {
        Instant now = pass.now;
        boolean worked = false;
        for (HeldJob job : this.held.all()) {
            if (!paused && job.mayFire(now) && job.nextRunTime != null && !job.nextRunTime.isAfter(now)) {
                try {
                    this.submitter.fire(job, now, pass.events);
                }
                catch (VirtualMachineError ex) {
                    throw ex;
                }
                catch (Throwable ex) {
                    // also an Error from a user trigger (e.g. AssertionError): it must not end the loop thread
                    markBroken(job, ex, pass);
                }
                worked = true;
            }
            if (!paused && job.mayFire(now) && this.submitter.retryIfDue(job, now, pass.events)) {
                worked = true;
            }
            if (job.inFlight.get() == 0) {
                releases.add(job);
            }
        }
        return worked;
    }

    /**
     * The outcome of a pass.
     *
     * @param wakeAt the latest time for the next pass (scheduler clock), or {@code null} to wait for a wake-up
     * @param failure the first store failure of the pass, or {@code null} (then the loop backs off)
     * @param storeReached whether a store call returned normally
     * @param learnedNextRunTime whether the pass learned the store's earliest next run time of a job not yet acquired
     * @param nextRunTime that time, when learned; {@code null} when none is scheduled
     * @param deaf whether an added job cannot end the wait early: the scheduler is paused (a resume signals the
     *     loop) or the executors are full (freed slots signal it)
     */
    record PassResult(@Nullable Instant wakeAt, @Nullable RuntimeException failure, boolean storeReached, boolean learnedNextRunTime,
            @Nullable Instant nextRunTime, boolean deaf) {
    }

    /**
     * Marks a held job as changed by the API: no further runs start from the held copy; it is released when its
     * runs end (the store keeps the API's change, as the version moved on). Callable from any thread.
     *
     * @param jobId the job's id
     * @param version the job's version in the store after the change; {@link Long#MAX_VALUE} when it was removed
     */
    void jobChanged(String jobId, long version) {
        this.held.changed(this.alias, jobId, version);
    }

    /**
     * Marks every held job as changed (all jobs removed). Callable from any thread.
     */
    void storeCleared() {
        this.held.cleared(this.alias);
    }

    /**
     * Releases every held job without runs in flight; called at shutdown after the executors stopped, once the
     * loop thread ended.
     */
    void releaseIdle() {
        List<HeldJob> idle = new ArrayList<>();
        for (HeldJob job : this.held.all()) {
            if (job.inFlight.get() == 0) {
                idle.add(job);
            }
        }
        if (idle.isEmpty()) {
            return;
        }
        Pass pass = new Pass(this.context.clock());
        this.leases.release(idle, pass);
        if (pass.failure() != null) {
            logger.warn("Job store '{}' failed while releasing {} jobs at shutdown; their leases lapse after the lease time: {}",
                    this.alias, idle.size(), StoreHealth.message(pass.failure()));
        }
        this.context.events().publishAll(pass.events);
    }

    /**
     * The number of runs in flight of a job held by this scheduler. Callable from any thread.
     *
     * @param jobId the job id
     * @return zero or more
     */
    int runsInFlight(String jobId) {
        HeldJob job = this.held.get(this.alias, jobId);
        return job == null ? 0 : job.inFlight.get();
    }

    /**
     * Acquires due jobs, at most {@code limit} (the slots reserved for them). A batch that filled its limit may
     * leave more due jobs in the store: while slots are still free the loop runs the next pass at once instead of
     * asking the store for its next run time (when no slot is free, the next pass comes when slots free up).
     *
     * @return the jobs acquired, earliest first; {@code null} when the store failed
     */
    private @Nullable List<StoredJob> acquire(Pass pass, int limit) {
        LeaseKeeper.LeaseTimes lease = this.leases.leaseFrom(pass.now);
        List<StoredJob> jobs;
        try {
            // a shared store's jobs may be for executors (worker groups) that other instances have
            jobs = this.store.isShared()
                    ? this.store.acquireDueJobs(this.context.schedulerId(), pass.now, limit, lease.until(), executorAliases())
                    : this.store.acquireDueJobs(this.context.schedulerId(), pass.now, limit, lease.until());
            pass.reached();
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
            return null;
        }
        List<StoredJob> readable = new ArrayList<>(jobs.size());
        for (StoredJob job : jobs) {
            if (job.state() == JobState.BROKEN) {
                // unreadable: the store marked it broken (and leased it not) in the same call
                brokenOrChanged(job.id(), Objects.requireNonNullElse(job.brokenReason(), "unreadable"), true, null, pass);
                continue;
            }
            if (accept(job, lease, pass)) {
                readable.add(job);
            }
        }
        return readable;
    }

    /**
     * Holds an acquired job, or marks it broken when it cannot run here (its task does not resolve, its stored
     * arguments do not bind to the task, or its executor is missing from a store nobody shares); {@code false} when it
     * was given back instead (a shared store's job of an executor this scheduler lacks), so that it does not count as
     * acquired.
     */
    private boolean accept(StoredJob job, LeaseKeeper.LeaseTimes lease, Pass pass) {
        String reason;
        try {
            Task task = this.context.tasks().resolve(job.id(), job.task());
            if (this.context.components().executor(job.executor()).isPresent()) {
                HeldJob previous = this.held.get(this.alias, job.id());
                // checked before firing: arguments that no longer bind would fail every run
                String misfit = StoredArguments.misfit(job, task);
                if (misfit == null) {
                    hold(job, task, lease, previous);
                    return true;
                }
                if (previous != null) {
                    // runs of our older copy may be in flight: no further run starts from it
                    previous.leaseLost();
                }
                reason = misfit;
            }
            else if (this.store.isShared()) {
                giveBack(job, pass);
                return false;
            }
            else {
                reason = "No executor by the alias of '" + job.executor() + "'; known executors: "
                        + this.context.components().executors().keySet();
            }
        }
        catch (RuntimeException ex) {
            reason = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        }
        return markUnrunnable(job, reason, pass);
    }

    /** Holds an acquired job that can run here, or keeps holding our own copy of it when nobody changed it. */
    private void hold(StoredJob job, Task task, LeaseKeeper.LeaseTimes lease, @Nullable HeldJob previous) {
        if (previous != null && !previous.stale && previous.job.equals(job)) {
            // re-acquired after our own lease lapsed (e.g. the store was down while a release was due), and
            // nobody changed the job meanwhile: our held copy knows which run times already ran; the
            // store's copy does not, and firing from it would run them again. Equal, not just the same
            // version: a job removed and added again elsewhere starts again at version 1
            previous.leased(lease);
            return;
        }
        // re-acquired after our own lease lapsed: keep counting the runs still in flight
        this.held.put(new HeldJob(this.alias, job, task, lease, previous != null ? previous.inFlight : new AtomicInteger()));
    }

    /**
     * Marks an acquired job broken that cannot run here (its task is unknown or not allowed, its stored arguments do
     * not fit the task, its executor is missing) and drops its lease; {@code true}, as it counts as acquired.
     */
    private boolean markUnrunnable(StoredJob job, String reason, Pass pass) {
        if (!pass.storeUsable()) {
            // its lease lapses; it is marked when acquired again
            return true;
        }
        boolean marked;
        try {
            marked = this.store.markBroken(this.context.schedulerId(), job.id(), job.version(), reason);
            // drops the lease when the job changed meanwhile (then it was not marked: the change wins)
            this.store.releaseJobs(this.context.schedulerId(), List.of(new JobRelease(job.id(), job.version(), null, null, false)));
            pass.reached();
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
            return true;
        }
        brokenOrChanged(job.id(), reason, marked, null, pass);
        return true;
    }

    /**
     * Gives back, unchanged and unbroken, a job of a shared store whose executor this scheduler lacks (a store that
     * does not filter by executor returned it): an instance that has the executor runs it.
     */
    private void giveBack(StoredJob job, Pass pass) {
        if (!pass.storeUsable()) {
            return;
        }
        try {
            this.store.releaseJobs(this.context.schedulerId(),
                    List.of(new JobRelease(job.id(), job.version(), job.nextRunTime(), job.nextFireTime(), false)));
            pass.reached();
            logger.debug("Job '{}' of job store '{}' needs executor '{}', which this scheduler lacks; left for another instance",
                    job.id(), this.alias, job.executor());
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
        }
    }

    private Set<String> executorAliases() {
        return StoreHousekeeping.executorAliases(this.context);
    }

    /**
     * The jobs of this loop's store that wait for an executor this scheduler lacks, as last counted (see
     * {@link StoreHousekeeping#waitingForExecutor()}). Callable from any thread; makes no store call.
     *
     * @return executor alias to number of jobs
     */
    Map<String, Integer> waitingForExecutor() {
        return this.housekeeping.waitingForExecutor();
    }

    /**
     * A held job whose trigger threw (e.g. a combining trigger that found no common fire time) is marked broken
     * and kept; its lease is dropped when its runs end (the version moved on, so the release writes nothing).
     */
    private void markBroken(HeldJob held, Throwable cause, Pass pass) {
        String reason = "trigger " + held.job.trigger() + " failed: " + cause.getMessage();
        held.stale = true;
        if (!pass.storeUsable()) {
            // released unmarked; marked when acquired again and its trigger throws again
            return;
        }
        boolean marked;
        try {
            marked = this.store.markBroken(this.context.schedulerId(), held.job.id(), held.job.version(), reason);
            pass.reached();
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
            return;
        }
        brokenOrChanged(held.job.id(), reason, marked, cause, pass);
    }

    /**
     * Reports a job the loop found unable to run: marked broken (error log and {@code JobBroken}), or left alone
     * because the API changed it since it was acquired (the change may have fixed it).
     */
    private void brokenOrChanged(String jobId, String reason, boolean marked, @Nullable Throwable cause, Pass pass) {
        if (!marked) {
            logger.warn("Job '{}' in job store '{}' cannot run ({}), but it was changed meanwhile and is left as changed", jobId,
                    this.alias, reason);
            return;
        }
        logger.error("Job '{}' in job store '{}' cannot run and is marked broken: {}", jobId, this.alias, reason, cause);
        pass.events.add(new JobBroken(this.context.clock().instant(), jobId, this.alias, reason));
    }

    /** The earliest time a held job needs the loop: its next run time (unless paused or stale) or lease extension. */
    private @Nullable Instant heldWake(boolean paused) {
        Instant next = null;
        for (HeldJob job : this.held.all()) {
            if (!paused && !job.stale) {
                next = earlier(next, job.nextRunTime);
                PendingRetry retry = job.retry();
                // a retry held back by max instances waits for a run to end (which signals the loop)
                if (retry != null && job.inFlight.get() < job.job.maxInstances()) {
                    next = earlier(next, retry.at());
                }
            }
            next = earlier(next, job.extendAt);
        }
        return next;
    }

    private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
