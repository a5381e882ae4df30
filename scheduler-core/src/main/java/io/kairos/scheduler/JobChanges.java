package io.kairos.scheduler;

import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes to apply to a job with {@link Scheduler#modifyJob}: APScheduler 3's {@code modify_job(**changes)}.
 * Only the options set here change. Changing the trigger does not change the next run time (use
 * {@link Scheduler#rescheduleJob} for that), as APScheduler. A mutable builder, not thread-safe.
 */
public final class JobChanges {

    String name;

    List<Object> args;

    Map<String, Object> kwargs;

    Object trigger;

    String executor;

    boolean misfireGraceTimeSet;

    Duration misfireGraceTime;

    Boolean coalesce;

    Integer maxInstances;

    boolean jitterSet;

    Duration jitter;

    boolean timeoutSet;

    Duration timeout;

    RetryPolicy retry;

    boolean nextRunTimeSet;

    Instant nextRunTime;

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
     * @param name the name, not blank
     * @return these changes
     */
    public JobChanges name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * New positional arguments (checked against the task).
     *
     * @param args JSON values
     * @return these changes
     */
    public JobChanges args(Object... args) {
        this.args = new ArrayList<>(Arrays.asList(args));
        return this;
    }

    /**
     * New named arguments (checked against the task).
     *
     * @param kwargs JSON values by parameter name
     * @return these changes
     */
    public JobChanges kwargs(Map<String, ?> kwargs) {
        this.kwargs = new LinkedHashMap<>(kwargs);
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
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        return this;
    }

    /**
     * A new trigger as a spec; the next run time stays. A trigger that never fires is refused as with
     * {@link #trigger(Trigger)}.
     *
     * @param spec the trigger spec
     * @return these changes
     */
    public JobChanges trigger(Map<String, ?> spec) {
        this.trigger = new LinkedHashMap<>(spec);
        return this;
    }

    /**
     * A new executor alias (must exist; the executor must accept the task).
     *
     * @param alias the alias
     * @return these changes
     */
    public JobChanges executor(String alias) {
        this.executor = Objects.requireNonNull(alias, "alias");
        return this;
    }

    /**
     * A new misfire grace time.
     *
     * @param grace positive, or {@code null} for no limit
     * @return these changes
     */
    public JobChanges misfireGraceTime(Duration grace) {
        this.misfireGraceTimeSet = true;
        this.misfireGraceTime = grace;
        return this;
    }

    /**
     * A new coalesce policy.
     *
     * @param coalesce whether due run times fold into one
     * @return these changes
     */
    public JobChanges coalesce(boolean coalesce) {
        this.coalesce = coalesce;
        return this;
    }

    /**
     * A new max instances.
     *
     * @param maxInstances at least 1
     * @return these changes
     */
    public JobChanges maxInstances(int maxInstances) {
        this.maxInstances = maxInstances;
        return this;
    }

    /**
     * A new jitter.
     *
     * @param jitter not negative, or {@code null} for the trigger's own
     * @return these changes
     */
    public JobChanges jitter(Duration jitter) {
        this.jitterSet = true;
        this.jitter = jitter;
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
    public JobChanges timeout(Duration timeout) {
        this.timeoutSet = true;
        this.timeout = JobAssembler.checkTimeout(timeout);
        return this;
    }

    /**
     * A new retry policy, as {@link JobRequest#retry(RetryPolicy)}; a retry already pending keeps its attempt number
     * and is run under the new policy's limits.
     *
     * @param policy the policy; {@link RetryPolicy#NONE} for no retry
     * @return these changes
     * @throws NullPointerException when {@code policy} is {@code null}
     */
    public JobChanges retry(RetryPolicy policy) {
        this.retry = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * A new next run time; {@code null} pauses the job.
     *
     * @param nextRunTime the instant, or {@code null}
     * @return these changes
     */
    public JobChanges nextRunTime(Instant nextRunTime) {
        this.nextRunTimeSet = true;
        this.nextRunTime = nextRunTime;
        return this;
    }
}
