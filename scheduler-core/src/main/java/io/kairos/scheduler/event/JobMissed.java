package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A run time was skipped because it was later than the job's misfire grace time, checked when the run was submitted
 * and again when the executor started it (APScheduler 3 {@code EVENT_JOB_MISSED}).
 *
 * <p>Every run time named by a {@link JobSubmitted} ends with exactly one {@link JobExecuted}, {@link JobFailed} or
 * {@code JobMissed} with {@code submitted} {@code true} (unless the run is interrupted by a shutdown). The events of
 * one run come from different threads: a {@code JobMissed} found at start may be published before the
 * {@code JobSubmitted} that names its run time.
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the missed run time
 * @param submitted {@code true} when the run time had been submitted and the executor found it late when it started
 *     the run (published on the worker thread; it ends that run time as {@link JobExecuted} would); {@code false}
 *     when it was dropped before submission (published on the loop thread, no {@link JobSubmitted} names it)
 */
public record JobMissed(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, boolean submitted)
        implements JobEvent {
}
