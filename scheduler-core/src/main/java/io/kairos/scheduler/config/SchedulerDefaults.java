package io.kairos.scheduler.config;

import java.time.Duration;

/**
 * The scheduler's defaults for what its configuration leaves unset, public so that configuration front ends (the
 * Spring Boot starter's properties) start from the same values. Job policies default to
 * {@code JobDefaults.DEFAULTS}, the run history to {@code HistorySettings.DEFAULTS}, a thread pool's size to
 * {@code ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS}.
 */
public final class SchedulerDefaults {

    /** {@code kairos.poll-interval}: how often shared stores are polled without a wake-up. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    /** {@code kairos.lease-time}: how long a lease on an acquired job lasts unless extended. */
    public static final Duration LEASE_TIME = Duration.ofSeconds(30);

    /** {@code kairos.finished-job-retention}: how long a finished job's marker is kept. */
    public static final Duration FINISHED_JOB_RETENTION = Duration.ofDays(30);

    /** {@code kairos.shutdown.timeout}: how long stopping waits for running jobs. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private SchedulerDefaults() {
    }
}
