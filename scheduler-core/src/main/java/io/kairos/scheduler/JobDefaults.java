package io.kairos.scheduler;

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
 */
public record JobDefaults(Duration misfireGraceTime, boolean coalesce, int maxInstances, Duration jitter) {

    /** Kairos's defaults: no misfire limit, coalesce on, one instance, no jitter. */
    public static final JobDefaults DEFAULTS = new JobDefaults(null, true, 1, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when {@code maxInstances < 1} or a duration is negative
     */
    public JobDefaults {
        JobOptions.checkMaxInstances("max-instances", maxInstances);
        JobOptions.checkGrace("misfire-grace-time", misfireGraceTime);
        JobOptions.checkJitter("jitter", jitter);
    }
}
