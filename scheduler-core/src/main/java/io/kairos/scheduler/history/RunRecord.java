package io.kairos.scheduler.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * One attempt of one fire time of a job: what ran, where, when and how it ended. Kept in the job's own store
 * ({@link RunHistory}), so every instance of a cluster sees the same history; a removed job keeps its history
 * until retention removes it. Immutable and thread-safe.
 *
 * <p>Instants are UTC and have millisecond precision (stores keep milliseconds; the scheduler truncates before
 * writing, so a record reads back equal to what was written).
 *
 * @param runId the run's id, unique across the cluster; ids of one store sort in recording order within one
 *     millisecond of {@code finishedAt}; not {@code null}
 * @param jobId the job's id, not {@code null}
 * @param jobName the job's name, not {@code null}
 * @param task the job's task name, not {@code null}
 * @param jobStore the alias of the store the job lives in, not {@code null}
 * @param executor the alias of the executor the job runs on, not {@code null}
 * @param scheduledAt the fire time this attempt belongs to (retries share it), not {@code null}
 * @param submittedAt when the run was handed to the executor, or {@code null} when it never was
 *     ({@link RunOutcome#MISSED} found by the loop, {@link RunOutcome#SKIPPED_MAX_INSTANCES})
 * @param startedAt when the task started, or {@code null} when it never started
 * @param finishedAt when the outcome was known (the task ended, the miss or skip was decided, the run was
 *     abandoned); the instant histories are ordered and filtered by; not {@code null}
 * @param outcome how the attempt ended, not {@code null}
 * @param attempt the attempt number of this fire time, 1 for the first; retries count up
 * @param instance the scheduler id of the instance that recorded the attempt, not {@code null}
 * @param error the exception of a {@link RunOutcome#FAILED} or {@link RunOutcome#TIMED_OUT} attempt, else
 *     {@code null}
 * @param result the task's return value as JSON text (cut to the history's limit), or {@code null} when it
 *     returned nothing or did not succeed
 * @param resultNotJson whether {@code result} is the value's {@code toString()} because it could not be written
 *     as JSON
 * @param resultTruncated whether {@code result} was cut
 */
public record RunRecord(String runId, String jobId, String jobName, String task, String jobStore, String executor,
        Instant scheduledAt, @Nullable Instant submittedAt, @Nullable Instant startedAt, Instant finishedAt, RunOutcome outcome, int attempt,
        String instance, @Nullable RunError error, @Nullable String result, boolean resultNotJson, boolean resultTruncated) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component documented as not {@code null} is {@code null}
     * @throws IllegalArgumentException when {@code attempt} is less than 1
     */
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(jobStore, "jobStore");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(instance, "instance");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }

    /**
     * How long the task ran.
     *
     * @return {@code finishedAt - startedAt}, or {@code null} when the task never started
     */
    public @Nullable Duration duration() {
        return this.startedAt == null ? null : Duration.between(this.startedAt, this.finishedAt);
    }

    /**
     * Where this record sits in the newest-first order, for paging.
     *
     * @return the cursor that pages past this record
     */
    public RunCursor cursor() {
        return new RunCursor(this.finishedAt, this.runId);
    }
}
