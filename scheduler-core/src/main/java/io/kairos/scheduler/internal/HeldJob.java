package io.kairos.scheduler.internal;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;


/**
 * A job this scheduler holds a lease on: acquired, possibly with runs in flight, not yet released (or a job whose
 * lease it lost, kept until its runs end). Mutated by the loop thread only, except {@link #inFlight}, the pending
 * retry and the abandoned run time (worker threads) and {@link #stale} (API threads).
 */
final class HeldJob {

    private static final VarHandle RETRY;

    static {
        try {
            RETRY = MethodHandles.lookup().findVarHandle(HeldJob.class, "retry", PendingRetry.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final String storeAlias;

    final StoredJob job;

    final Task task;

    final AtomicInteger inFlight;

    volatile boolean stale;

    /**
     * Whether another instance took the job over while this one held it (its lease lapsed): runs of this copy that
     * end afterwards are recorded as {@link io.kairos.scheduler.history.RunOutcome#ABANDONED}. Written by the loop,
     * read by worker threads.
     */
    volatile boolean takenOver;

    @Nullable Instant nextRunTime;

    @Nullable Instant nextFireTime;

    /**
     * The earliest run time of runs the executor accepted but never started (it shut down): the job's next run
     * time goes back to it when the job is released. Written by executor threads before their run's in-flight
     * count drops, read by the loop after it saw that count at zero.
     */
    private volatile @Nullable Instant abandoned;

    /**
     * When the lease is due for extension: a third of the lease time after it was taken or last extended;
     * {@code null} once the lease is lost ({@link #leaseLost()}), as there is nothing left to extend.
     */
    @Nullable Instant extendAt;

    /**
     * When the lease lapses unless extended (scheduler clock): no run starts from this copy at or after it, as
     * another instance may have taken the job over (e.g. while the extensions failed during a store outage that
     * only this instance sees).
     */
    Instant leaseUntil;

    /**
     * The retry waiting to run, or {@code null}: the acquired job's, or one a failed attempt of this copy scheduled.
     * Its regular run time is filled in when the job is released. Written by worker threads (a failed attempt) before
     * their run's in-flight count drops, and by the loop (the retry was submitted, or could not be); every write is one
     * atomic exchange or compare-and-set, so a retry a worker sets while the loop takes or puts back another is not lost.
     */
    private volatile @Nullable PendingRetry retry;

    /** Its position in {@link HeldJobs}'s list of held jobs while held, else -1; loop thread only. */
    int slot = -1;

    HeldJob(String storeAlias, StoredJob job, Task task, LeaseKeeper.LeaseTimes lease, AtomicInteger inFlight) {
        this.inFlight = inFlight;
        this.storeAlias = storeAlias;
        this.job = job;
        this.task = task;
        this.retry = job.pendingRetry();
        if (this.retry != null) {
            // the stored next run time is the earlier of the retry and the regular run time: fire each at its own
            this.nextRunTime = this.retry.regularRunTime();
            this.nextFireTime = this.nextRunTime == null ? null : FireTimes.fireTimeOf(job);
        }
        else {
            this.nextRunTime = job.nextRunTime();
            this.nextFireTime = FireTimes.fireTimeOf(job);
        }
        leased(lease);
    }

    /**
     * The retry waiting to run.
     *
     * @return the retry, or {@code null}
     */
    @Nullable PendingRetry retry() {
        return this.retry;
    }

    /**
     * Sets the retry waiting to run, in place of the one pending.
     *
     * @param next the new retry, not {@code null}
     * @return the retry it replaces, or {@code null}
     */
    @Nullable PendingRetry retry(PendingRetry next) {
        return (PendingRetry) RETRY.getAndSet(this, next);
    }

    /**
     * Takes the pending retry for submission, unless another replaced it since it was read.
     *
     * @param expected the retry read with {@link #retry()}
     * @return whether it was still pending (it no longer is)
     */
    boolean takeRetry(PendingRetry expected) {
        return RETRY.compareAndSet(this, expected, null);
    }

    /**
     * Puts back a retry that was taken but could not be submitted, unless a newer one is pending meanwhile.
     *
     * @param retry the retry taken
     * @return whether it is pending again; {@code false} when a newer retry replaced it
     */
    boolean restoreRetry(PendingRetry retry) {
        return RETRY.compareAndSet(this, null, retry);
    }

    /**
     * Records that the lease was taken or extended.
     *
     * @param lease when it lapses unless extended, and when to extend it again
     */
    void leased(LeaseKeeper.LeaseTimes lease) {
        this.extendAt = lease.extendAt();
        this.leaseUntil = lease.until();
    }

    /**
     * Whether a run may start from this copy now: not stale, and the lease has not lapsed.
     *
     * @param now the scheduler clock's time
     * @return whether the copy may fire
     */
    boolean mayFire(Instant now) {
        return !this.stale && now.isBefore(this.leaseUntil);
    }

    /**
     * Records that the store no longer holds this scheduler's lease on the job (another scheduler took it over,
     * or the job is gone): the job is {@link #stale}, so no run starts from this copy any more, and its lease is
     * not extended again. Its release, once its runs ended, writes nothing: it is conditional on the lease.
     */
    void leaseLost() {
        this.stale = true;
        this.extendAt = null;
    }

    /**
     * Whether the trigger is finished: the job is deleted when released.
     *
     * @return whether the trigger is finished: the job is deleted when released
     */
    boolean finished() {
        return releaseRunTime() == null && retry() == null;
    }

    /**
     * Records run times that were accepted but never started.
     *
     * @param runTime the earliest of them
     */
    synchronized void abandon(Instant runTime) {
        Instant current = this.abandoned;
        if (current == null || runTime.isBefore(current)) {
            this.abandoned = runTime;
        }
    }

    /**
     * The next run time to write when the job is released: its next run time, or an earlier run time that was
     * abandoned.
     *
     * @return the run time, or {@code null} when the trigger is finished and nothing was abandoned
     */
    @Nullable Instant releaseRunTime() {
        Instant restored = this.abandoned;
        if (restored == null) {
            return this.nextRunTime;
        }
        return this.nextRunTime == null || restored.isBefore(this.nextRunTime) ? restored : this.nextRunTime;
    }

    /**
     * The fire time behind {@link #releaseRunTime()}: an abandoned run time stands for its own fire time (exact
     * for jobs without jitter).
     *
     * @return the fire time, or {@code null}
     */
    @Nullable Instant releaseFireTime() {
        Instant runTime = releaseRunTime();
        return runTime == this.nextRunTime ? this.nextFireTime : runTime;
    }
}
