package io.kairos.scheduler.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A failed attempt of a job will be retried: the retry is stored with the job (so another instance performs it if
 * this one dies) and runs {@code delay} from now. Published on the worker thread of the failed attempt, right after
 * its {@link JobFailed}.
 *
 * @param timestamp when the retry was scheduled, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the fire time the failed attempt and its retry belong to
 * @param attempt the retry's attempt number, 2 or more
 * @param delay how long after {@code timestamp} the retry is due, jitter included
 */
public record JobRetryScheduled(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, int attempt,
        Duration delay) implements JobEvent {

    /**
     * When the retry is due.
     *
     * @return {@code timestamp + delay}
     */
    public Instant retryAt() {
        return this.timestamp.plus(this.delay);
    }
}
