package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One job as a job store holds it: an immutable value, safe to share between threads.
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
public record StoredJob(String id, String name, String task, List<Object> args, Map<String, Object> kwargs,
        Trigger trigger, String executor, String jobstore, Duration misfireGraceTime, boolean coalesce,
        int maxInstances, Duration jitter, Instant nextRunTime, Instant nextFireTime, JobState state,
        String brokenReason, long version, Duration timeout, boolean keepsFinishedMarker, RetryPolicy retry,
        PendingRetry pendingRetry) {

    /**
     * Checks the invariants listed on the components.
     *
     * @throws NullPointerException when a component that may not be {@code null} is
     * @throws IllegalArgumentException when {@code maxInstances < 1}, the next run time disagrees with
     *     the state, {@code timeout} is zero or negative, or a job that is not scheduled has a pending retry
     */
    public StoredJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        args = ImmutableArgs.copyOf(args);
        kwargs = ImmutableArgs.copyOf(kwargs);
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(jobstore, "jobstore");
        Objects.requireNonNull(state, "state");
        if (maxInstances < 1) {
            throw new IllegalArgumentException("max_instances must be at least 1, got " + maxInstances);
        }
        if ((nextRunTime == null) != (state != JobState.SCHEDULED)) {
            throw new IllegalArgumentException("job '" + id + "': next run time " + nextRunTime + " disagrees with state " + state);
        }
        if (trigger == null && state != JobState.BROKEN) {
            throw new IllegalArgumentException("job '" + id + "': only a broken job may lack a trigger");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("job '" + id + "': timeout must be positive (or null for none), got " + timeout);
        }
        if (retry == null) {
            retry = RetryPolicy.NONE;
        }
        if (pendingRetry != null && state != JobState.SCHEDULED) {
            throw new IllegalArgumentException("job '" + id + "': only a scheduled job may have a pending retry, state " + state);
        }
    }

    /**
     * A job without retries, as before retries existed.
     *
     * @see #StoredJob(String, String, String, List, Map, Trigger, String, String, Duration, boolean, int, Duration,
     *     Instant, Instant, JobState, String, long, Duration, boolean, RetryPolicy, PendingRetry)
     */
    public StoredJob(String id, String name, String task, List<Object> args, Map<String, Object> kwargs, Trigger trigger,
            String executor, String jobstore, Duration misfireGraceTime, boolean coalesce, int maxInstances, Duration jitter,
            Instant nextRunTime, Instant nextFireTime, JobState state, String brokenReason, long version, Duration timeout,
            boolean keepsFinishedMarker) {
        this(id, name, task, args, kwargs, trigger, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, nextRunTime,
                nextFireTime, state, brokenReason, version, timeout, keepsFinishedMarker, null, null);
    }

    /**
     * A job that leaves no finished marker (as before markers existed: a generated id).
     *
     * @see #StoredJob(String, String, String, List, Map, Trigger, String, String, Duration, boolean, int, Duration,
     *     Instant, Instant, JobState, String, long, Duration, boolean, RetryPolicy, PendingRetry)
     */
    public StoredJob(String id, String name, String task, List<Object> args, Map<String, Object> kwargs, Trigger trigger,
            String executor, String jobstore, Duration misfireGraceTime, boolean coalesce, int maxInstances, Duration jitter,
            Instant nextRunTime, Instant nextFireTime, JobState state, String brokenReason, long version, Duration timeout) {
        this(id, name, task, args, kwargs, trigger, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, nextRunTime,
                nextFireTime, state, brokenReason, version, timeout, false);
    }

    /**
     * A copy with a new next run time and fire time; the state follows ({@code null} → paused). A pending retry is kept
     * while the job stays scheduled and dropped when it is paused.
     *
     * @param nextRunTime the new next run time (jitter included), or {@code null} to pause
     * @param nextFireTime the un-jittered fire time, or {@code null} to pause
     * @return the copy (same version; the store sets the version when it writes)
     */
    public StoredJob withNextRunTime(Instant nextRunTime, Instant nextFireTime) {
        JobState newState = nextRunTime == null ? JobState.PAUSED : JobState.SCHEDULED;
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, nextRunTime,
                nextRunTime == null ? null : nextFireTime, newState, null, this.version, this.timeout, this.keepsFinishedMarker,
                this.retry, nextRunTime == null ? null : this.pendingRetry);
    }

    /**
     * A copy with another version.
     *
     * @param version the version the store wrote
     * @return the copy
     */
    public StoredJob withVersion(long version) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, this.nextRunTime,
                this.nextFireTime, this.state, this.brokenReason, version, this.timeout, this.keepsFinishedMarker, this.retry,
                this.pendingRetry);
    }

    /**
     * A broken copy: paused, with the reason.
     *
     * @param reason why the job cannot be loaded or run, never {@code null}
     * @return the copy
     */
    public StoredJob asBroken(String reason) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, null, null,
                JobState.BROKEN, Objects.requireNonNull(reason, "reason"), this.version, this.timeout, this.keepsFinishedMarker,
                this.retry, null);
    }

    /**
     * A finished marker of this job ({@link JobState#FINISHED}): no next run time, the definition kept.
     *
     * @return the copy
     */
    public StoredJob asFinished() {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, null, null,
                JobState.FINISHED, null, this.version, this.timeout, this.keepsFinishedMarker, this.retry, null);
    }

    /**
     * A copy that does or does not leave a finished marker.
     *
     * @param keeps whether it leaves one
     * @return the copy
     */
    public StoredJob withKeepsFinishedMarker(boolean keeps) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, this.nextRunTime,
                this.nextFireTime, this.state, this.brokenReason, this.version, this.timeout, keeps, this.retry, this.pendingRetry);
    }

    /**
     * A copy with a new next run time, fire time and pending retry, as given (the state follows the run time).
     *
     * @param runTime the new next run time, or {@code null} to pause (then {@code retry} must be {@code null})
     * @param fireTime the un-jittered fire time behind the regular run time, or {@code null}
     * @param retry the pending retry, or {@code null}
     * @return the copy
     */
    public StoredJob withSchedule(Instant runTime, Instant fireTime, PendingRetry retry) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, runTime,
                runTime == null ? null : fireTime, runTime == null ? JobState.PAUSED : JobState.SCHEDULED, null, this.version,
                this.timeout, this.keepsFinishedMarker, this.retry, retry);
    }

    /**
     * A copy with another retry policy (the pending retry, if any, is kept).
     *
     * @param policy the policy; {@code null} for none
     * @return the copy
     */
    public StoredJob withRetry(RetryPolicy policy) {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, this.nextRunTime,
                this.nextFireTime, this.state, this.brokenReason, this.version, this.timeout, this.keepsFinishedMarker, policy,
                this.pendingRetry);
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
    public StoredJob withPendingRetry(PendingRetry retry) {
        Instant next;
        if (retry != null) {
            next = retry.nextRunTime();
        }
        else {
            next = this.pendingRetry != null ? this.pendingRetry.regularRunTime() : this.nextRunTime;
        }
        JobState newState = this.state == JobState.SCHEDULED && next == null ? JobState.PAUSED : this.state;
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor,
                this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, next,
                next == null ? null : this.nextFireTime, newState, this.brokenReason, this.version, this.timeout,
                this.keepsFinishedMarker, this.retry, retry);
    }
}
