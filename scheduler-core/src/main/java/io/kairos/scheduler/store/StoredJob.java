package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * One job as a job store holds it: an immutable value, safe to share between threads. It behaves as a record of
 * the components below (accessors, {@code equals}, {@code hashCode} and {@code toString} over all of them) but is laid
 * out compactly: the settings most jobs share (executor, store, misfire grace time, coalescing, instance limit,
 * jitter, timeout, retry policy, finished marker) are one interned object, and the components that are mostly
 * empty (keyword arguments, a fire time other than the run time, a broken reason, a pending retry, a broken or finished
 * state) are one object (with the settings) only when one is set; a job is 48 bytes with compressed references when they are all
 * empty.
 *
 * <p>{@code nextRunTime} is when the job is next due, jitter included; it is the indexed, queried value.
 * {@code nextFireTime} is the trigger's un-jittered fire time it came from, handed back to the trigger as
 * the previous fire time. Both are {@code null} exactly when the job is paused, broken or a finished marker.
 *
 * @param id the job id, unique within its store; non-blank, at most 191 characters
 * @param name a human-readable name, never {@code null} (defaults to the task name)
 * @param task the task name the task registry resolves, e.g. {@code orderService.cancelUnpaidOrder} or
 *     {@code com.acme.Jobs::purge}; never {@code null}
 * @param args positional arguments, JSON-compatible values (String, Number, Boolean, null, List, Map);
 *     never {@code null}; held as an {@link ImmutableArgs} copy (a copy made once: the copies of a job share
 *     it)
 * @param kwargs named arguments matched to the task's parameter names, JSON-compatible values; never
 *     {@code null}; held as an {@link ImmutableArgs} copy, iteration order kept
 * @param trigger the trigger; {@code null} only for a {@link JobState#BROKEN} job whose trigger could not be read
 * @param executor the alias of the executor that runs the job, never {@code null}
 * @param jobstore the alias of the store that holds the job, never {@code null}
 * @param misfireGraceTime how late a run may start and still run; {@code null} means no limit
 * @param coalesce whether several due run times are folded into one run
 * @param maxInstances the most runs of this job that may be in flight at once, across every scheduler
 *     sharing the store; at least 1
 * @param jitter the largest random delay added to each fire time; {@code null} means the trigger's own
 * @param nextRunTime when the job is next due (jitter included), or {@code null} when paused or broken
 * @param nextFireTime the un-jittered trigger fire time behind {@code nextRunTime}, or {@code null}
 * @param state the job's state
 * @param brokenReason why the job is broken; {@code null} unless {@code state} is {@link JobState#BROKEN}
 * @param version the store's optimistic-lock version; a store increments it on every write
 * @param timeout the longest one run of the job may take once started, or {@code null} for none (the
 *     executor's own limits apply); positive when set. The {@code process-pool}, {@code thread-pool} and
 *     {@code virtual-thread} executors enforce it (see {@link io.kairos.scheduler.executor.JobExecutor#checkJob});
 *     not an APScheduler 3.x option
 * @param keepsFinishedMarker whether the job leaves a {@link JobState#FINISHED} marker when its trigger finishes
 *     instead of being deleted: {@code true} for ids the caller chose (an explicit id, a declared job), {@code false}
 *     for generated ids
 * @param retry how failed attempts are retried; {@code null} is read as {@link RetryPolicy#NONE} (no retry), so the
 *     accessor never returns {@code null}
 * @param pendingRetry the retry of a failed attempt waiting to run, or {@code null}; only a {@link JobState#SCHEDULED}
 *     job has one, and then {@code nextRunTime} is its {@link PendingRetry#nextRunTime()} while {@code nextFireTime}
 *     stays the trigger's fire time behind {@link PendingRetry#regularRunTime()}
 */
public final class StoredJob {

    private final String id;
    private final String name;
    private final String task;
    private final List<Object> args;
    private final @Nullable Trigger trigger;
    private final @Nullable Instant nextRunTime;
    /**
     * The shared {@link JobPolicies} when the mostly empty components are empty and the state follows from the next
     * run time (scheduled with one, paused without), else a {@link JobExtras} holding them and the policies.
     */
    private final Object shape;
    private final long version;

    /**
     * Checks the invariants listed on the components.
     *
     * @throws NullPointerException when a component that may not be {@code null} is
     * @throws IllegalArgumentException when {@code maxInstances < 1}, the next run time disagrees with
     *     the state, {@code timeout} is zero or negative, or a job that is not scheduled has a pending retry
     */
    public StoredJob(String id, String name, String task, List<Object> args, Map<String, Object> kwargs,
            @Nullable Trigger trigger, String executor, String jobstore, @Nullable Duration misfireGraceTime, boolean coalesce,
            int maxInstances, @Nullable Duration jitter, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime, JobState state,
            @Nullable String brokenReason, long version, @Nullable Duration timeout, boolean keepsFinishedMarker, @Nullable RetryPolicy retry,
            @Nullable PendingRetry pendingRetry) {
        this(Objects.requireNonNull(id, "id"), name, task, ImmutableArgs.copyOf(args), trigger, nextRunTime,
                JobPolicies.checked(id, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, timeout, keepsFinishedMarker, retry),
                ImmutableArgs.copyOf(kwargs), nextFireTime, brokenReason, pendingRetry, version, state);
    }

    // every copy comes through here: checks the invariants that tie the state to the other components
    private StoredJob(String id, String name, String task, List<Object> args, @Nullable Trigger trigger,
            @Nullable Instant nextRunTime, JobPolicies policies, Map<String, Object> kwargs, @Nullable Instant nextFireTime,
            @Nullable String brokenReason, @Nullable PendingRetry pendingRetry, long version, JobState state) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.task = Objects.requireNonNull(task, "task");
        this.args = args;
        Objects.requireNonNull(state, "state");
        if ((nextRunTime == null) != (state != JobState.SCHEDULED)) {
            throw new IllegalArgumentException("job '" + id + "': next run time " + nextRunTime + " disagrees with state " + state);
        }
        if (trigger == null && state != JobState.BROKEN) {
            throw new IllegalArgumentException("job '" + id + "': only a broken job may lack a trigger");
        }
        if (pendingRetry != null && state != JobState.SCHEDULED) {
            throw new IllegalArgumentException("job '" + id + "': only a scheduled job may have a pending retry, state " + state);
        }
        this.trigger = trigger;
        this.nextRunTime = nextRunTime;
        this.shape = JobExtras.shape(policies, kwargs, nextRunTime, nextFireTime, brokenReason, pendingRetry, state);
        this.version = version;
    }

    // a copy with another version
    private StoredJob(StoredJob job, long version) {
        this.id = job.id;
        this.name = job.name;
        this.task = job.task;
        this.args = job.args;
        this.trigger = job.trigger;
        this.nextRunTime = job.nextRunTime;
        this.shape = job.shape;
        this.version = version;
    }

    private JobPolicies policies() {
        return this.shape instanceof JobExtras extras ? extras.policies : (JobPolicies) this.shape;
    }

    private @Nullable JobExtras extras() {
        return this.shape instanceof JobExtras extras ? extras : null;
    }

    /**
     * A job without retries, as before retries existed.
     *
     * @see #StoredJob(String, String, String, List, Map, Trigger, String, String, Duration, boolean, int, Duration,
     *     Instant, Instant, JobState, String, long, Duration, boolean, RetryPolicy, PendingRetry)
     */
    public StoredJob(String id, String name, String task, List<Object> args, Map<String, Object> kwargs,
            @Nullable Trigger trigger, String executor, String jobstore, @Nullable Duration misfireGraceTime,
            boolean coalesce, int maxInstances, @Nullable Duration jitter, @Nullable Instant nextRunTime,
            @Nullable Instant nextFireTime, JobState state, @Nullable String brokenReason, long version,
            @Nullable Duration timeout, boolean keepsFinishedMarker) {
        this(id, name, task, args, kwargs, trigger, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, nextRunTime,
                nextFireTime, state, brokenReason, version, timeout, keepsFinishedMarker, RetryPolicy.NONE, null);
    }

    /**
     * A job that leaves no finished marker (as before markers existed: a generated id).
     *
     * @see #StoredJob(String, String, String, List, Map, Trigger, String, String, Duration, boolean, int, Duration,
     *     Instant, Instant, JobState, String, long, Duration, boolean, RetryPolicy, PendingRetry)
     */
    public StoredJob(String id, String name, String task, List<Object> args, Map<String, Object> kwargs,
            @Nullable Trigger trigger, String executor, String jobstore, @Nullable Duration misfireGraceTime,
            boolean coalesce, int maxInstances, @Nullable Duration jitter, @Nullable Instant nextRunTime,
            @Nullable Instant nextFireTime, JobState state, @Nullable String brokenReason, long version,
            @Nullable Duration timeout) {
        this(id, name, task, args, kwargs, trigger, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, nextRunTime,
                nextFireTime, state, brokenReason, version, timeout, false);
    }

    // a copy with another schedule, state, broken reason and pending retry; the rest kept
    private StoredJob copy(@Nullable Instant runTime, @Nullable Instant fireTime, JobState newState,
            @Nullable String brokenReason, @Nullable PendingRetry retry) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.trigger, runTime, policies(), kwargs(), fireTime,
                brokenReason, retry, this.version, newState);
    }

    /**
     * A copy with a new next run time and fire time; the state follows ({@code null} → paused). A pending retry is kept
     * while the job stays scheduled and dropped when it is paused.
     *
     * @param nextRunTime the new next run time (jitter included), or {@code null} to pause
     * @param nextFireTime the un-jittered fire time, or {@code null} to pause
     * @return the copy (same version; the store sets the version when it writes)
     */
    public StoredJob withNextRunTime(@Nullable Instant nextRunTime, @Nullable Instant nextFireTime) {
        return copy(nextRunTime, nextRunTime == null ? null : nextFireTime, nextRunTime == null ? JobState.PAUSED : JobState.SCHEDULED,
                null, nextRunTime == null ? null : pendingRetry());
    }

    /**
     * A copy with another version.
     *
     * @param version the version the store wrote
     * @return the copy
     */
    public StoredJob withVersion(long version) {
        return new StoredJob(this, version);
    }

    /**
     * A broken copy: paused, with the reason.
     *
     * @param reason why the job cannot be loaded or run, never {@code null}
     * @return the copy
     */
    public StoredJob asBroken(String reason) {
        return copy(null, null, JobState.BROKEN, Objects.requireNonNull(reason, "reason"), null);
    }

    /**
     * A finished marker of this job ({@link JobState#FINISHED}): no next run time, the definition kept.
     *
     * @return the copy
     */
    public StoredJob asFinished() {
        return copy(null, null, JobState.FINISHED, null, null);
    }

    /**
     * A copy that does or does not leave a finished marker.
     *
     * @param keeps whether it leaves one
     * @return the copy
     */
    public StoredJob withKeepsFinishedMarker(boolean keeps) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.trigger, this.nextRunTime,
                policies().withKeepsFinishedMarker(keeps), kwargs(), nextFireTime(), brokenReason(), pendingRetry(), this.version,
                state());
    }

    /**
     * A copy with a new next run time, fire time and pending retry, as given (the state follows the run time).
     *
     * @param runTime the new next run time, or {@code null} to pause (then {@code retry} must be {@code null})
     * @param fireTime the un-jittered fire time behind the regular run time, or {@code null}
     * @param retry the pending retry, or {@code null}
     * @return the copy
     */
    public StoredJob withSchedule(@Nullable Instant runTime, @Nullable Instant fireTime, @Nullable PendingRetry retry) {
        return copy(runTime, runTime == null ? null : fireTime, runTime == null ? JobState.PAUSED : JobState.SCHEDULED, null, retry);
    }

    /**
     * A copy with another retry policy (the pending retry, if any, is kept).
     *
     * @param policy the policy; {@code null} for none
     * @return the copy
     */
    public StoredJob withRetry(@Nullable RetryPolicy policy) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.trigger, this.nextRunTime,
                policies().withRetry(policy == null ? RetryPolicy.NONE : policy), kwargs(), nextFireTime(), brokenReason(),
                pendingRetry(), this.version, state());
    }

    /**
     * A copy with another pending retry; the next run time follows: the retry's {@link PendingRetry#nextRunTime()}
     * with one, the regular run time the dropped retry kept without one (the current next run time when there was
     * none).
     *
     * @param retry the new pending retry, or {@code null} for none
     * @return the copy
     * @throws IllegalArgumentException when the job is not scheduled and {@code retry} is not {@code null}
     */
    public StoredJob withPendingRetry(@Nullable PendingRetry retry) {
        PendingRetry current = pendingRetry();
        Instant next;
        if (retry != null) {
            next = retry.nextRunTime();
        }
        else {
            next = current != null ? current.regularRunTime() : this.nextRunTime;
        }
        JobState oldState = state();
        JobState newState = oldState == JobState.SCHEDULED && next == null ? JobState.PAUSED : oldState;
        return copy(next, next == null ? null : nextFireTime(), newState, brokenReason(), retry);
    }

    /** @return the id */
    public String id() { return this.id; }

    /** @return the name */
    public String name() { return this.name; }

    /** @return the task name */
    public String task() { return this.task; }

    /** @return the positional arguments */
    public List<Object> args() { return this.args; }

    /** @return the named arguments */
    public Map<String, Object> kwargs() { return this.shape instanceof JobExtras extras ? extras.kwargs : ImmutableArgs.emptyMap(); }

    /** @return the trigger */
    public @Nullable Trigger trigger() { return this.trigger; }

    /** @return the executor alias */
    public String executor() { return policies().executor; }

    /** @return the store alias */
    public String jobstore() { return policies().jobstore; }

    /** @return the misfire grace time */
    public @Nullable Duration misfireGraceTime() { return policies().misfireGraceTime; }

    /** @return whether due run times are coalesced */
    public boolean coalesce() { return policies().coalesce; }

    /** @return the most runs in flight at once */
    public int maxInstances() { return policies().maxInstances; }

    /** @return the jitter */
    public @Nullable Duration jitter() { return policies().jitter; }

    /** @return the next run time */
    public @Nullable Instant nextRunTime() { return this.nextRunTime; }

    /** @return the un-jittered fire time behind the next run time */
    public @Nullable Instant nextFireTime() { return JobExtras.fireTime(extras(), this.nextRunTime); }

    /** @return the state */
    public JobState state() { return JobExtras.state(extras(), this.nextRunTime); }

    /** @return why the job is broken */
    public @Nullable String brokenReason() { return this.shape instanceof JobExtras extras ? extras.brokenReason : null; }

    /** @return the store's version */
    public long version() { return this.version; }

    /** @return the timeout */
    public @Nullable Duration timeout() { return policies().timeout; }

    /** @return whether the job leaves a finished marker */
    public boolean keepsFinishedMarker() { return policies().keepsFinishedMarker; }

    /** @return the retry policy, never {@code null} */
    public RetryPolicy retry() { return policies().retry; }

    /** @return the pending retry */
    public @Nullable PendingRetry pendingRetry() { return this.shape instanceof JobExtras extras ? extras.pendingRetry : null; }

    /** Equal when every component is, as for a record. */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return other instanceof StoredJob that && this.version == that.version && state() == that.state()
                && this.id.equals(that.id) && this.name.equals(that.name) && this.task.equals(that.task)
                && this.args.equals(that.args) && Objects.equals(this.trigger, that.trigger)
                && Objects.equals(this.nextRunTime, that.nextRunTime) && policies().equals(that.policies())
                && kwargs().equals(that.kwargs()) && Objects.equals(nextFireTime(), that.nextFireTime())
                && Objects.equals(brokenReason(), that.brokenReason()) && Objects.equals(pendingRetry(), that.pendingRetry());
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.id, this.name, this.task, this.args, kwargs(), this.trigger, policies(), this.nextRunTime,
                nextFireTime(), state(), brokenReason(), this.version, pendingRetry());
    }

    /** The components, as a record writes them: {@code StoredJob[id=…, name=…, …]}. */
    @Override
    public String toString() {
        return "StoredJob[id=" + this.id + ", name=" + this.name + ", task=" + this.task + ", args=" + this.args
                + ", kwargs=" + kwargs() + ", trigger=" + this.trigger + ", executor=" + executor() + ", jobstore=" + jobstore()
                + ", misfireGraceTime=" + misfireGraceTime() + ", coalesce=" + coalesce() + ", maxInstances=" + maxInstances()
                + ", jitter=" + jitter() + ", nextRunTime=" + this.nextRunTime + ", nextFireTime=" + nextFireTime()
                + ", state=" + state() + ", brokenReason=" + brokenReason() + ", version=" + this.version
                + ", timeout=" + timeout() + ", keepsFinishedMarker=" + keepsFinishedMarker() + ", retry=" + retry()
                + ", pendingRetry=" + pendingRetry() + "]";
    }
}
