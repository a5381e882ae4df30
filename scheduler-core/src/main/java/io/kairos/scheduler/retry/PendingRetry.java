package io.kairos.scheduler.retry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A retry a job's store keeps between a failed attempt and the next one, so that whichever instance acquires the job
 * performs it (also when the instance that ran the failed attempt died). While it is pending, the job's next run time
 * is the earlier of {@code at} and {@code regularRunTime}.
 *
 * <p>{@code at} and {@code regularRunTime} are kept to the millisecond (cut, not rounded), the precision in which the
 * shared stores keep a job's next run time: a retry is then due at exactly the next run time its store reports. (With
 * a finer {@code at}, a loop that woke at the store's millisecond would find the retry not yet due, give the job back
 * and run it only a poll interval later.)
 *
 * @param attempt the attempt number the retry will run as, at least 2
 * @param scheduledAt the fire time (run time) the failed attempt belonged to; the retry's run record carries it as its
 *     scheduled time; not {@code null}
 * @param at when the retry is due; not {@code null}
 * @param regularRunTime the job's next regular run time (its trigger's, jitter included) when the retry was
 *     scheduled, or {@code null} when the trigger has no further fire time
 */
public record PendingRetry(int attempt, Instant scheduledAt, Instant at, @Nullable Instant regularRunTime) {

    /**
     * Checks the components and cuts {@code at} and {@code regularRunTime} to the millisecond.
     *
     * @throws NullPointerException when {@code scheduledAt} or {@code at} is {@code null}
     * @throws IllegalArgumentException when {@code attempt < 2}
     */
    public PendingRetry {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(at, "at");
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry is attempt 2 or later, got " + attempt);
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
        regularRunTime = regularRunTime == null ? null : regularRunTime.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The job's next run time while this retry is pending: the earlier of the retry and the regular run time.
     *
     * @return the instant, never {@code null}
     */
    public Instant nextRunTime() {
        return this.regularRunTime != null && this.regularRunTime.isBefore(this.at) ? this.regularRunTime : this.at;
    }

    /**
     * A copy with another regular run time (the regular run before the retry ran meanwhile).
     *
     * @param runTime the new regular run time, or {@code null}
     * @return the copy
     */
    public PendingRetry withRegularRunTime(@Nullable Instant runTime) {
        return new PendingRetry(this.attempt, this.scheduledAt, this.at, runTime);
    }
}
