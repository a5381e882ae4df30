package io.kairos.scheduler.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A run of a job was handed to its executor (APScheduler 3 {@code EVENT_JOB_SUBMITTED}).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTimes the run times of this run, earliest first (one when coalescing), immutable; for a retry the
 *     one fire time whose failed attempt it repeats
 * @param attempt the run's attempt number: 1 for a run of the job's trigger, 2 or more for a retry of a failed attempt
 * @param retryDueAt for a retry, when it was due (the {@link JobRetryScheduled#retryAt()} that scheduled it, to the
 *     millisecond); {@code null} for attempt 1
 */
public record JobSubmitted(Instant timestamp, String jobId, String jobstore, List<Instant> scheduledRunTimes, int attempt,
        @Nullable Instant retryDueAt) implements JobEvent {

    /**
     * Copies the run times into an immutable list and checks the attempt.
     *
     * @throws IllegalArgumentException when {@code attempt} is below 1, or {@code retryDueAt} is given for attempt 1
     *     or missing for a retry
     */
    public JobSubmitted {
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        if ((attempt == 1) != (retryDueAt == null)) {
            throw new IllegalArgumentException("retryDueAt is given for a retry (attempt 2 or more) only; attempt " + attempt
                    + ", retryDueAt " + retryDueAt);
        }
    }

    /**
     * A run of the job's trigger (attempt 1).
     *
     * @param timestamp when the event happened, from the scheduler's clock
     * @param jobId the job's id
     * @param jobstore the alias of the job's store
     * @param scheduledRunTimes the run times of this run, earliest first
     */
    public JobSubmitted(Instant timestamp, String jobId, String jobstore, List<Instant> scheduledRunTimes) {
        this(timestamp, jobId, jobstore, scheduledRunTimes, 1, null);
    }

    /**
     * When one of this run's run times was due: the run time itself for attempt 1, and for a retry the time the retry
     * was due (its back-off after the failed attempt), not the old fire time.
     *
     * @param runTime one of {@link #scheduledRunTimes()}
     * @return the instant, never {@code null}
     */
    public Instant dueAt(Instant runTime) {
        return this.retryDueAt != null ? this.retryDueAt : runTime;
    }

    /**
     * How late a run time was handed to the executor ({@code kairos.job.lateness}): {@link #timestamp()} minus
     * {@link #dueAt(Instant)}, so a retry's back-off does not count as lateness; zero when it was not late.
     *
     * @param runTime one of {@link #scheduledRunTimes()}
     * @return the lateness, never negative
     */
    public Duration lateness(Instant runTime) {
        Duration late = Duration.between(dueAt(runTime), this.timestamp);
        return late.isNegative() ? Duration.ZERO : late;
    }
}
