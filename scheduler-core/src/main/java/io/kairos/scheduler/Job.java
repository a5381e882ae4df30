package io.kairos.scheduler;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * A handle on a job, returned by {@link Scheduler#addJob} and {@link Scheduler#getJob}: a snapshot of the job as
 * it was when the handle was made, plus shortcuts to the scheduler's job methods (as APScheduler 3's
 * {@code Job}). Getters do not reload; the action methods act on the job as stored now. Immutable and
 * thread-safe.
 */
public final class Job {

    private static final DateTimeFormatter PRINT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final Scheduler scheduler;

    private final StoredJob job;

    /** The state a pending job will be stored with; {@code null} for a stored job. */
    private final @Nullable JobState pendingState;

    private final boolean pending;

    private final ZoneId zone;

    Job(Scheduler scheduler, StoredJob job, @Nullable JobState pendingState, ZoneId schedulerZone) {
        this.scheduler = scheduler;
        this.job = job;
        this.pendingState = pendingState;
        this.pending = pendingState != null;
        this.zone = job.trigger() != null ? job.trigger().timezone() : schedulerZone;
    }

    /**
     * The job id.
     *
     * @return the job id, never {@code null}
     */
    public String id() {
        return this.job.id();
    }

    /**
     * The name.
     *
     * @return the name, never {@code null}
     */
    public String name() {
        return this.job.name();
    }

    /**
     * The task name.
     *
     * @return the task name, never {@code null}
     */
    public String task() {
        return this.job.task();
    }

    /**
     * The positional arguments.
     *
     * @return the positional arguments, immutable
     */
    public List<Object> args() {
        return this.job.args();
    }

    /**
     * The named arguments.
     *
     * @return the named arguments, immutable
     */
    public Map<String, Object> kwargs() {
        return this.job.kwargs();
    }

    /**
     * The trigger; {@code null} only for a broken job whose trigger could not be read.
     *
     * @return the trigger; {@code null} only for a broken job whose trigger could not be read
     */
    public @Nullable Trigger trigger() {
        return this.job.trigger();
    }

    /**
     * The executor alias.
     *
     * @return the executor alias
     */
    public String executor() {
        return this.job.executor();
    }

    /**
     * The job store alias.
     *
     * @return the job store alias
     */
    public String jobstore() {
        return this.job.jobstore();
    }

    /**
     * The misfire grace time.
     *
     * @return the misfire grace time, or empty for no limit
     */
    public Optional<Duration> misfireGraceTime() {
        return Optional.ofNullable(this.job.misfireGraceTime());
    }

    /**
     * Whether due run times fold into one run.
     *
     * @return whether due run times fold into one run
     */
    public boolean coalesce() {
        return this.job.coalesce();
    }

    /**
     * The most runs in flight at once.
     *
     * @return the most runs in flight at once
     */
    public int maxInstances() {
        return this.job.maxInstances();
    }

    /**
     * The job's own jitter.
     *
     * @return the job's own jitter, or empty when the trigger's applies
     */
    public Optional<Duration> jitter() {
        return Optional.ofNullable(this.job.jitter());
    }

    /**
     * The job's own timeout: the longest one run may take once started, enforced by the {@code process-pool}
     * executor (which kills and replaces the worker, failing the run with {@code JobTimeoutException}) and by the
     * {@code thread-pool} and {@code virtual-thread} executors (which interrupt the thread, failing the run with
     * {@code RunTimeoutException}).
     *
     * @return the job's timeout, or empty when it has none (the executor's own timeouts apply)
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(this.job.timeout());
    }

    /**
     * How the job's failed attempts are retried.
     *
     * @return the policy; {@link RetryPolicy#NONE} when the job is not retried
     */
    public RetryPolicy retry() {
        return this.job.retry();
    }

    /**
     * The retry of a failed attempt waiting to run: its attempt number, fire time and due time. While one is pending,
     * {@link #nextRunTime()} is the earlier of the retry and the next regular run.
     *
     * @return the retry, or empty when none is pending
     */
    public Optional<PendingRetry> pendingRetry() {
        return Optional.ofNullable(this.job.pendingRetry());
    }

    /**
     * When the job is next due, jitter included, in the trigger's time zone.
     *
     * @return the time, or empty when paused, broken or pending
     */
    public Optional<ZonedDateTime> nextRunTime() {
        return Optional.ofNullable(this.job.nextRunTime()).map((t) -> t.atZone(this.zone));
    }

    /**
     * The stored state; a pending job reports the state it will have: {@link JobState#PAUSED} when added paused,
     * else {@link JobState#SCHEDULED} (as {@link Scheduler#countJobs()} counts it), while {@link #storedJob()} is its
     * template, which says paused.
     *
     * @return the stored state; a pending job reports the state it will have
     */
    public JobState state() {
        return this.pendingState != null ? this.pendingState : this.job.state();
    }

    /**
     * Why the job is broken.
     *
     * @return why the job is broken, or empty
     */
    public Optional<String> brokenReason() {
        return Optional.ofNullable(this.job.brokenReason());
    }

    /**
     * Whether the job is only tentatively added: the scheduler was not started yet (APScheduler's
     * {@code pending}).
     *
     * @return {@code true} until the scheduler starts
     */
    public boolean isPending() {
        return this.pending;
    }

    /**
     * The job as stored, a snapshot.
     *
     * @return the stored job
     */
    public StoredJob storedJob() {
        return this.job;
    }

    /**
     * Pauses the job: {@link Scheduler#pauseJob(String, String)}.
     *
     * @return the job after the change
     */
    public Job pause() {
        return this.scheduler.pauseJob(id(), jobstore());
    }

    /**
     * Resumes the job: {@link Scheduler#resumeJob(String, String)}.
     *
     * @return the job after the change, or empty when its trigger is finished and it was removed
     */
    public Optional<Job> resume() {
        return this.scheduler.resumeJob(id(), jobstore());
    }

    /**
     * Modifies the job: {@link Scheduler#modifyJob(String, String, JobChanges)}.
     *
     * @param changes the changes
     * @return the job after the change
     */
    public Job modify(JobChanges changes) {
        return this.scheduler.modifyJob(id(), jobstore(), changes);
    }

    /**
     * Gives the job a new trigger: {@link Scheduler#rescheduleJob(String, String, Trigger)}.
     *
     * @param trigger the trigger
     * @return the job after the change
     */
    public Job reschedule(Trigger trigger) {
        return this.scheduler.rescheduleJob(id(), jobstore(), trigger);
    }

    /**
     * Gives the job a new trigger from a spec: {@link Scheduler#rescheduleJob(String, String, Map)}.
     *
     * @param spec the trigger spec
     * @return the job after the change
     */
    public Job reschedule(Map<String, ?> spec) {
        return this.scheduler.rescheduleJob(id(), jobstore(), spec);
    }

    /**
     * Removes the job: {@link Scheduler#removeJob(String, String)}.
     */
    public void remove() {
        this.scheduler.removeJob(id(), jobstore());
    }

    /**
     * APScheduler 3's {@code str(job)}: {@code name (trigger: ..., next run at: 2030-01-01 10:00:00 UTC)}, the tail
     * reading {@code paused}, {@code pending} or {@code broken: reason} instead when so.
     *
     * @return the text
     */
    @Override
    public String toString() {
        String tail;
        if (this.pending) {
            tail = "pending";
        }
        else if (this.job.state() == JobState.BROKEN) {
            tail = "broken: " + this.job.brokenReason();
        }
        else if (this.job.nextRunTime() == null) {
            tail = "paused";
        }
        else {
            ZoneId printZone = this.zone.equals(java.time.ZoneOffset.UTC) ? ZoneId.of("UTC") : this.zone;
            tail = "next run at: " + PRINT_FORMAT.format(this.job.nextRunTime().atZone(printZone));
        }
        return name() + " (trigger: " + this.job.trigger() + ", " + tail + ")";
    }
}
