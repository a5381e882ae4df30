package io.kairos.scheduler;

import io.kairos.scheduler.retry.RetryPolicy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * How a job runs, apart from what it runs and when: executor, job store, misfire grace time, coalesce, max instances,
 * jitter, timeout and retries. One shape for the options of {@link JobRequest} (adding), {@link JobChanges} (modifying) and
 * the Spring starter's {@code @ScheduledJob} definitions. Each option is either <em>set</em> or left unset: an unset
 * option takes the scheduler's {@link JobDefaults} when a job is added, and keeps the job's current value when a job
 * is modified.
 *
 * <pre>{@code
 * JobOptions nightly = JobOptions.none().executor("batch").coalesce(true).misfireGraceTime(Duration.ofMinutes(10));
 * scheduler.addJob(JobRequest.of("reports.nightly").trigger(cron).options(nightly));
 * }</pre>
 *
 * <p>Every value is checked when it is set, so a bad value fails where it is written, with a message naming the
 * option (in APScheduler's spelling, e.g. {@code misfire_grace_time}), the value and what is valid.
 *
 * <p><b>Thread-safety.</b> Immutable: every setter returns a new instance, so one value can be shared freely.
 */
public final class JobOptions {

    /** The options a {@link JobOptions} can set. */
    public enum Option {
        /** The alias of the executor that runs the job. */
        EXECUTOR,
        /** The alias of the job store that holds the job. */
        JOBSTORE,
        /** How late a run may start and still run. */
        MISFIRE_GRACE_TIME,
        /** Whether several due run times fold into one run. */
        COALESCE,
        /** The most runs of the job in flight at once. */
        MAX_INSTANCES,
        /** The largest random delay added to each fire time. */
        JITTER,
        /** The longest one run may take once started. */
        TIMEOUT,
        /** How failed attempts are retried. */
        RETRY
    }

    private static final JobOptions NONE = new JobOptions(EnumSet.noneOf(Option.class), null, null, null, true, 1, null, null,
            RetryPolicy.NONE);

    private final Set<Option> set;

    private final String executor;

    private final String jobstore;

    private final Duration misfireGraceTime;

    private final boolean coalesce;

    private final int maxInstances;

    private final Duration jitter;

    private final Duration timeout;

    private final RetryPolicy retry;

    private JobOptions(Set<Option> set, String executor, String jobstore, Duration misfireGraceTime, boolean coalesce,
            int maxInstances, Duration jitter, Duration timeout, RetryPolicy retry) {
        this.set = set;
        this.executor = executor;
        this.jobstore = jobstore;
        this.misfireGraceTime = misfireGraceTime;
        this.coalesce = coalesce;
        this.maxInstances = maxInstances;
        this.jitter = jitter;
        this.timeout = timeout;
        this.retry = retry;
    }

    /**
     * Options with nothing set.
     *
     * @return the empty options; never {@code null}
     */
    public static JobOptions none() {
        return NONE;
    }

    /**
     * Sets the executor.
     *
     * @param alias the alias of an executor of the scheduler (checked when the job is added or changed)
     * @return new options with the executor set
     * @throws IllegalArgumentException when {@code alias} is {@code null} or blank
     */
    public JobOptions executor(String alias) {
        return copy(Option.EXECUTOR, checkText("executor", alias), this.jobstore, this.misfireGraceTime, this.coalesce,
                this.maxInstances, this.jitter, this.timeout);
    }

    /**
     * Sets the job store. Only adding uses it: a job cannot move to another store ({@link JobChanges} rejects it).
     *
     * @param alias the alias of a job store of the scheduler
     * @return new options with the job store set
     * @throws IllegalArgumentException when {@code alias} is {@code null} or blank
     */
    public JobOptions jobstore(String alias) {
        return copy(Option.JOBSTORE, this.executor, checkText("jobstore", alias), this.misfireGraceTime, this.coalesce,
                this.maxInstances, this.jitter, this.timeout);
    }

    /**
     * Sets how late a run may start and still run (checked when the run is submitted and again when the executor
     * starts it).
     *
     * @param grace a positive duration, or {@code null} for no limit
     * @return new options with the misfire grace time set
     * @throws IllegalArgumentException when {@code grace} is zero or negative
     */
    public JobOptions misfireGraceTime(Duration grace) {
        return copy(Option.MISFIRE_GRACE_TIME, this.executor, this.jobstore, checkGrace("misfire_grace_time", grace),
                this.coalesce, this.maxInstances, this.jitter, this.timeout);
    }

    /**
     * Sets whether several due run times fold into one run of the latest.
     *
     * @param coalesce the policy
     * @return new options with coalesce set
     */
    public JobOptions coalesce(boolean coalesce) {
        return copy(Option.COALESCE, this.executor, this.jobstore, this.misfireGraceTime, coalesce, this.maxInstances,
                this.jitter, this.timeout);
    }

    /**
     * Sets the most runs of the job in flight at once, across every scheduler sharing its store.
     *
     * @param maxInstances at least 1
     * @return new options with max instances set
     * @throws IllegalArgumentException when {@code maxInstances} is below 1
     */
    public JobOptions maxInstances(int maxInstances) {
        return copy(Option.MAX_INSTANCES, this.executor, this.jobstore, this.misfireGraceTime, this.coalesce,
                checkMaxInstances("max_instances", maxInstances), this.jitter, this.timeout);
    }

    /**
     * Sets the largest random delay added to each fire time, replacing the trigger's jitter.
     *
     * @param jitter not negative; {@code null} for the trigger's own
     * @return new options with jitter set
     * @throws IllegalArgumentException when {@code jitter} is negative
     */
    public JobOptions jitter(Duration jitter) {
        return copy(Option.JITTER, this.executor, this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances,
                checkJitter("jitter", jitter), this.timeout);
    }

    /**
     * Sets the longest one run of the job may take once started; see {@link JobRequest#timeout(Duration)} for what
     * each executor does when it passes.
     *
     * @param timeout a positive duration, or {@code null} for none (the executor's own timeouts apply)
     * @return new options with the timeout set
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public JobOptions timeout(Duration timeout) {
        return copy(Option.TIMEOUT, this.executor, this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances,
                this.jitter, checkTimeout(timeout));
    }

    /**
     * Sets how failed attempts (an exception, or the timeout) are retried: another attempt of the same fire time,
     * kept in the job's store until it runs (see {@link RetryPolicy}). Unset, a new job gets the scheduler's
     * {@code kairos.job-defaults.retry.*} (by default no retry).
     *
     * @param policy the policy, e.g. {@code RetryPolicy.maxAttempts(3)}; {@link RetryPolicy#NONE} for no retry
     * @return new options with the retry policy set
     * @throws NullPointerException when {@code policy} is {@code null}
     */
    public JobOptions retry(RetryPolicy policy) {
        return copy(Option.RETRY, this.executor, this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances,
                this.jitter, this.timeout, Objects.requireNonNull(policy, "policy"));
    }

    /**
     * These options with every option that {@code overrides} sets taken from it.
     *
     * @param overrides the options that win; not {@code null}
     * @return the merged options
     */
    public JobOptions with(JobOptions overrides) {
        Objects.requireNonNull(overrides, "overrides");
        JobOptions merged = this;
        for (Option option : overrides.set) {
            merged = switch (option) {
                case EXECUTOR -> merged.executor(overrides.executor);
                case JOBSTORE -> merged.jobstore(overrides.jobstore);
                case MISFIRE_GRACE_TIME -> merged.misfireGraceTime(overrides.misfireGraceTime);
                case COALESCE -> merged.coalesce(overrides.coalesce);
                case MAX_INSTANCES -> merged.maxInstances(overrides.maxInstances);
                case JITTER -> merged.jitter(overrides.jitter);
                case TIMEOUT -> merged.timeout(overrides.timeout);
                case RETRY -> merged.retry(overrides.retry);
            };
        }
        return merged;
    }

    /**
     * Whether an option is set.
     *
     * @param option the option
     * @return {@code true} when it was set, even to {@code null}
     */
    public boolean isSet(Option option) {
        return this.set.contains(option);
    }

    /**
     * The executor alias if set.
     *
     * @param fallback the value when it is not set (may be {@code null})
     * @return the set alias, or {@code fallback}
     */
    public String executorOr(String fallback) {
        return isSet(Option.EXECUTOR) ? this.executor : fallback;
    }

    /**
     * The job store alias if set.
     *
     * @param fallback the value when it is not set (may be {@code null})
     * @return the set alias, or {@code fallback}
     */
    public String jobstoreOr(String fallback) {
        return isSet(Option.JOBSTORE) ? this.jobstore : fallback;
    }

    /**
     * The misfire grace time if set.
     *
     * @param fallback the value when it is not set ({@code null} = no limit)
     * @return the set value ({@code null} = no limit), or {@code fallback}
     */
    public Duration misfireGraceTimeOr(Duration fallback) {
        return isSet(Option.MISFIRE_GRACE_TIME) ? this.misfireGraceTime : fallback;
    }

    /**
     * Coalesce if set.
     *
     * @param fallback the value when it is not set
     * @return the set value, or {@code fallback}
     */
    public boolean coalesceOr(boolean fallback) {
        return isSet(Option.COALESCE) ? this.coalesce : fallback;
    }

    /**
     * Max instances if set.
     *
     * @param fallback the value when it is not set
     * @return the set value, or {@code fallback}
     */
    public int maxInstancesOr(int fallback) {
        return isSet(Option.MAX_INSTANCES) ? this.maxInstances : fallback;
    }

    /**
     * The jitter if set.
     *
     * @param fallback the value when it is not set ({@code null} = the trigger's own)
     * @return the set value ({@code null} = the trigger's own), or {@code fallback}
     */
    public Duration jitterOr(Duration fallback) {
        return isSet(Option.JITTER) ? this.jitter : fallback;
    }

    /**
     * The timeout if set.
     *
     * @param fallback the value when it is not set ({@code null} = none)
     * @return the set value ({@code null} = none), or {@code fallback}
     */
    public Duration timeoutOr(Duration fallback) {
        return isSet(Option.TIMEOUT) ? this.timeout : fallback;
    }

    /**
     * The retry policy if set.
     *
     * @param fallback the value when it is not set
     * @return the set policy, or {@code fallback}
     */
    public RetryPolicy retryOr(RetryPolicy fallback) {
        return isSet(Option.RETRY) ? this.retry : fallback;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobOptions that && this.set.equals(that.set) && this.coalesce == that.coalesce
                && this.maxInstances == that.maxInstances && Objects.equals(this.executor, that.executor)
                && Objects.equals(this.jobstore, that.jobstore) && Objects.equals(this.misfireGraceTime, that.misfireGraceTime)
                && Objects.equals(this.jitter, that.jitter) && Objects.equals(this.timeout, that.timeout)
                && Objects.equals(this.retry, that.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.set, this.executor, this.jobstore, this.misfireGraceTime, this.coalesce, this.maxInstances,
                this.jitter, this.timeout, this.retry);
    }

    /** The set options only, e.g. {@code JobOptions[executor=batch, coalesce=true]}. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "JobOptions[", "]");
        for (Option option : this.set) {
            Object value = switch (option) {
                case EXECUTOR -> this.executor;
                case JOBSTORE -> this.jobstore;
                case MISFIRE_GRACE_TIME -> this.misfireGraceTime;
                case COALESCE -> this.coalesce;
                case MAX_INSTANCES -> this.maxInstances;
                case JITTER -> this.jitter;
                case TIMEOUT -> this.timeout;
                case RETRY -> this.retry;
            };
            text.add(option.name().toLowerCase(java.util.Locale.ROOT) + "=" + value);
        }
        return text.toString();
    }

    private JobOptions copy(Option option, String executor, String jobstore, Duration misfireGraceTime, boolean coalesce,
            int maxInstances, Duration jitter, Duration timeout) {
        return copy(option, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, timeout, this.retry);
    }

    private JobOptions copy(Option option, String executor, String jobstore, Duration misfireGraceTime, boolean coalesce,
            int maxInstances, Duration jitter, Duration timeout, RetryPolicy retry) {
        EnumSet<Option> options = this.set.isEmpty() ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(this.set);
        options.add(option);
        return new JobOptions(options, executor, jobstore, misfireGraceTime, coalesce, maxInstances, jitter, timeout, retry);
    }

    static String checkText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string, got '" + value + "'");
        }
        return value;
    }

    static Duration checkGrace(String field, Duration grace) {
        if (grace != null && (grace.isNegative() || grace.isZero())) {
            throw new IllegalArgumentException(field + " must be positive or null (no limit), got " + grace);
        }
        return grace;
    }

    static int checkMaxInstances(String field, int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, got " + maxInstances);
        }
        return maxInstances;
    }

    static Duration checkJitter(String field, Duration jitter) {
        if (jitter != null && jitter.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, got " + jitter);
        }
        return jitter;
    }

    static Duration checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be a positive duration (or null for none), got " + timeout);
        }
        return timeout;
    }
}
