package io.kairos.scheduler;

import io.kairos.scheduler.retry.RetryPolicy;

import java.time.Duration;

/**
 * The policies a job gets when its request leaves them unset ({@code kairos.job-defaults.*}, APScheduler 3's
 * {@code job_defaults}). Immutable.
 *
 * @param misfireGraceTime how late a run may start and still run; {@code null} = no limit (the default; APScheduler
 *     3 defaults to 1 second)
 * @param coalesce whether several due run times fold into one run (default {@code true})
 * @param maxInstances the most runs of one job in flight at once, at least 1 (default 1)
 * @param jitter the largest random delay added to each fire time; {@code null} = the trigger's own (default)
 * @param retry how failed attempts are retried ({@code kairos.job-defaults.retry.*}); {@code null} is read as
 *     {@link RetryPolicy#NONE}, no retry (the default)
 */
public record JobDefaults(Duration misfireGraceTime, boolean coalesce, int maxInstances, Duration jitter, RetryPolicy retry) {

    /** Kairos's defaults: no misfire limit, coalesce on, one instance, no jitter, no retry. */
    public static final JobDefaults DEFAULTS = new JobDefaults(null, true, 1, null, RetryPolicy.NONE);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when {@code maxInstances < 1} or a duration is negative
     */
    public JobDefaults {
        JobOptions.checkMaxInstances("max-instances", maxInstances);
        JobOptions.checkGrace("misfire-grace-time", misfireGraceTime);
        JobOptions.checkJitter("jitter", jitter);
        if (retry == null) {
            retry = RetryPolicy.NONE;
        }
    }

    /**
     * Defaults without retries.
     *
     * @param misfireGraceTime how late a run may start and still run; {@code null} = no limit
     * @param coalesce whether several due run times fold into one run
     * @param maxInstances the most runs of one job in flight at once, at least 1
     * @param jitter the largest random delay added to each fire time; {@code null} = the trigger's own
     */
    public JobDefaults(Duration misfireGraceTime, boolean coalesce, int maxInstances, Duration jitter) {
        this(misfireGraceTime, coalesce, maxInstances, jitter, RetryPolicy.NONE);
    }

    /**
     * A copy with another retry policy.
     *
     * @param policy the policy; {@code null} for none
     * @return the copy
     */
    public JobDefaults withRetry(RetryPolicy policy) {
        return new JobDefaults(this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, policy);
    }
}
