package io.kairos.scheduler;

import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.ImmutableArgs;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * Changes to apply to a job with {@link Scheduler#modifyJob}: APScheduler 3's {@code modify_job(**changes)}.
 * Only the options set here change. Changing the trigger does not change the next run time (use
 * {@link Scheduler#rescheduleJob} for that), as APScheduler. A mutable builder, not thread-safe.
 */
public final class JobChanges {

    /** Name, arguments, trigger, options and next run time; arguments and trigger spec immutable copies. */
    private final JobRequest.Fields fields = new JobRequest.Fields();

    /**
     * Starts an empty set of changes.
     *
     * @return the changes
     */
    public static JobChanges create() {
        return new JobChanges();
    }

    /**
     * A new name.
     *
     * @param name the name, not blank, at most {@value JobRequest#MAX_NAME_LENGTH} characters (checked by
     *     {@code modifyJob}, as at add)
     * @return these changes
     */
    public JobChanges name(String name) {
        this.fields.name(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * New positional arguments (checked against the task).
     *
     * @param args JSON values ({@code null} elements allowed); copied
     * @return these changes
     */
    public JobChanges args(Object... args) {
        this.fields.args(ImmutableArgs.of(args));
        return this;
    }

    /**
     * New named arguments (checked against the task).
     *
     * @param kwargs JSON values by parameter name ({@code null} values allowed); copied
     * @return these changes
     */
    public JobChanges kwargs(Map<String, ?> kwargs) {
        this.fields.kwargs(kwargs);
        return this;
    }

    /**
     * A new trigger; the next run time stays. A trigger that never fires (no fire time at or after now) is refused
     * unless these changes also pause the job ({@link #nextRunTime} {@code null}).
     *
     * @param trigger the trigger
     * @return these changes
     */
    public JobChanges trigger(Trigger trigger) {
        this.fields.trigger(trigger);
        return this;
    }

    /**
     * A new trigger as a spec; the next run time stays. A trigger that never fires is refused as with
     * {@link #trigger(Trigger)}.
     *
     * @param spec the trigger spec; copied deeply (nested specs too), so later changes to it do not change these changes
     * @return these changes
     * @throws IllegalArgumentException when maps and lists in the spec nest more than 64 levels deep
     */
    public JobChanges trigger(Map<String, ?> spec) {
        this.fields.trigger(spec);
        return this;
    }

    /**
     * A new executor alias (must exist; the executor must accept the task).
     *
     * @param alias the alias
     * @return these changes
     */
    public JobChanges executor(String alias) {
        this.fields.options((current) -> current.executor(alias));
        return this;
    }

    /**
     * A new misfire grace time.
     *
     * @param grace positive, or {@code null} for no limit
     * @return these changes
     */
    public JobChanges misfireGraceTime(@Nullable Duration grace) {
        this.fields.options((current) -> current.misfireGraceTime(grace));
        return this;
    }

    /**
     * A new coalesce policy.
     *
     * @param coalesce whether due run times fold into one
     * @return these changes
     */
    public JobChanges coalesce(boolean coalesce) {
        this.fields.options((current) -> current.coalesce(coalesce));
        return this;
    }

    /**
     * A new max instances.
     *
     * @param maxInstances at least 1
     * @return these changes
     */
    public JobChanges maxInstances(int maxInstances) {
        this.fields.options((current) -> current.maxInstances(maxInstances));
        return this;
    }

    /**
     * A new jitter.
     *
     * @param jitter not negative, or {@code null} for the trigger's own
     * @return these changes
     */
    public JobChanges jitter(@Nullable Duration jitter) {
        this.fields.options((current) -> current.jitter(jitter));
        return this;
    }

    /**
     * A new per-job timeout, as {@link JobRequest#timeout(Duration)}; checked against the job's executor like at
     * add time (only the {@code process-pool} executor accepts one). Applies from the job's next run.
     *
     * @param timeout positive, or {@code null} for none
     * @return these changes
     * @throws IllegalArgumentException when {@code timeout} is zero or negative; the message names
     *     {@code timeout} and the value
     */
    public JobChanges timeout(@Nullable Duration timeout) {
        this.fields.options((current) -> current.timeout(timeout));
        return this;
    }

    /**
     * How failed attempts (an exception, or the timeout) are retried: another attempt of the same fire time, kept in
     * the job's store until it runs; see {@link JobOptions#retry(RetryPolicy)}.
     *
     * @param policy the policy, e.g. {@code RetryPolicy.maxAttempts(3)}; {@link RetryPolicy#NONE} for no retry
     * @return this changes
     * @throws NullPointerException when {@code policy} is {@code null}
     */
    public JobChanges retry(RetryPolicy policy) {
        this.fields.options((current) -> current.retry(policy));
        return this;
    }

    /**
     * A new next run time; {@code null} pauses the job. An instant on a paused job also resumes it: the job runs at
     * that instant and then on its trigger's fire times, as APScheduler's {@code modify_job(next_run_time=...)} does.
     * {@code nextRunTime(now)} is "run now" (the dashboard's and the actuator endpoint's {@code run} action), so running
     * a paused job now leaves it scheduled; pause it again afterwards to keep it paused.
     *
     * @param nextRunTime the instant, or {@code null} to pause
     * @return these changes
     */
    public JobChanges nextRunTime(@Nullable Instant nextRunTime) {
        this.fields.nextRunTime(nextRunTime);
        return this;
    }

    /**
     * Changes several options at once; the options that {@code options} sets replace the ones set before.
     *
     * @param options the options; not {@code null}; must not set the job store (a job cannot move to another store)
     * @return these changes
     * @throws IllegalArgumentException when {@code options} sets the job store
     */
    public JobChanges options(JobOptions options) {
        if (options.isSet(JobOptions.Option.JOBSTORE)) {
            throw new IllegalArgumentException("jobstore cannot be changed: a job stays in the store it was added to; "
                    + "remove it and add it to the other store instead");
        }
        this.fields.options((current) -> current.with(options));
        return this;
    }

    /**
     * The new name.
     *
     * @return the name, or {@code null} when unchanged
     */
    public @Nullable String name() {
        return this.fields.name();
    }

    /**
     * The new positional arguments.
     *
     * @return the arguments, immutable (a copy made when they were set), or {@code null} when unchanged
     */
    public @Nullable List<Object> args() {
        return this.fields.args();
    }

    /**
     * The new keyword arguments.
     *
     * @return the arguments in the order given, immutable (a copy made when they were set), or {@code null} when
     *     unchanged
     */
    public @Nullable Map<String, Object> kwargs() {
        return this.fields.kwargs();
    }

    /**
     * The new trigger: a {@link Trigger}, an unmodifiable copy of a trigger spec map, or {@code null} when unchanged.
     *
     * @return the trigger or spec, or {@code null}
     */
    public @Nullable Object trigger() {
        return this.fields.trigger();
    }

    /**
     * The options to change; an option not set is unchanged.
     *
     * @return the options; never {@code null}
     */
    public JobOptions options() {
        return this.fields.options();
    }

    /**
     * Whether {@link #nextRunTime(Instant)} was called.
     *
     * @return {@code true} when the next run time is changed, even to {@code null}
     */
    public boolean isNextRunTimeSet() {
        return this.fields.isNextRunTimeSet();
    }

    /**
     * The new next run time; meaningful when {@link #isNextRunTimeSet()}.
     *
     * @return the instant, or {@code null} (pause, or unchanged)
     */
    public @Nullable Instant nextRunTime() {
        return this.fields.nextRunTime();
    }
}
