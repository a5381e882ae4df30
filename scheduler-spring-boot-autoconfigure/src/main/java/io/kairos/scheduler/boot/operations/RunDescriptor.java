package io.kairos.scheduler.boot.operations;

import java.time.Duration;
import java.time.Instant;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * One run record as the {@code scheduler} endpoint shows it (JSON, camelCase). Instants are ISO-8601 in UTC
 * ({@code 2026-12-06T03:00:00.125Z}, millisecond precision).
 *
 * @param runId the run's id
 * @param jobId the job's id
 * @param jobName the job's name
 * @param task the task name
 * @param jobstore the store alias
 * @param executor the executor alias
 * @param scheduledAt the fire time this attempt belongs to (retries share it)
 * @param submittedAt when the run was handed to the executor, or {@code null} when it never was
 * @param startedAt when the task started, or {@code null} when it never started
 * @param finishedAt when the outcome was known
 * @param durationMs {@code finishedAt - startedAt} in milliseconds, or {@code null} when the task never started
 * @param outcome {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}, {@code MISSED},
 *     {@code SKIPPED_MAX_INSTANCES}, {@code ABANDONED} or {@code CANCELLED} (a retry dropped before it ran)
 * @param attempt the attempt number of the fire time, 1 for the first
 * @param instance the scheduler id of the instance that recorded the run
 * @param error the exception of a failed or timed-out attempt, else {@code null}
 * @param result the task's return value as JSON text (a string holding JSON), or {@code null}
 * @param resultNotJson whether {@code result} is the value's {@code toString()} because it could not be written as
 *     JSON
 * @param resultTruncated whether {@code result} was cut to {@code kairos.history.max-result-length}
 */
public record RunDescriptor(String runId, String jobId, String jobName, String task, String jobstore, String executor,
        String scheduledAt, @Nullable String submittedAt, @Nullable String startedAt, String finishedAt,
        @Nullable Long durationMs, String outcome, int attempt, String instance, @Nullable ErrorDescriptor error,
        @Nullable String result, boolean resultNotJson, boolean resultTruncated) {

    /**
     * The error of a run.
     *
     * @param type the exception's class name
     * @param message the exception's message, or {@code null}
     * @param stackTrace the stack trace, cut to {@code kairos.history.max-stack-trace-length}
     * @param stackTraceTruncated whether the stack trace was cut
     */
    public record ErrorDescriptor(String type, @Nullable String message, String stackTrace, boolean stackTraceTruncated) {
    }

    /**
     * Describes a run.
     *
     * @param run the record
     * @return the descriptor
     */
    public static RunDescriptor of(RunRecord run) {
        RunError error = run.error();
        Duration duration = run.duration();
        return new RunDescriptor(run.runId(), run.jobId(), run.jobName(), run.task(), run.jobStore(), run.executor(),
                run.scheduledAt().toString(), text(run.submittedAt()), text(run.startedAt()), run.finishedAt().toString(),
                duration != null ? duration.toMillis() : null, run.outcome().name(), run.attempt(), run.instance(),
                error != null ? new ErrorDescriptor(error.type(), error.message(), error.stackTrace(), error.stackTraceTruncated())
                        : null,
                run.result(), run.resultNotJson(), run.resultTruncated());
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant != null ? instant.toString() : null;
    }

    /**
     * The last run of a job, as each job view shows it.
     *
     * @param outcome the outcome
     * @param finishedAt when it finished, ISO-8601 in UTC
     * @param durationMs how long the task ran in milliseconds, or {@code null} when it never started
     */
    public record LastRun(String outcome, String finishedAt, @Nullable Long durationMs) {

        /**
         * Summarises a run.
         *
         * @param run the record, or {@code null}
         * @return the summary, or {@code null} when {@code run} is
         */
        public static @Nullable LastRun of(@Nullable RunRecord run) {
            if (run == null) {
                return null;
            }
            Duration duration = run.duration();
            return new LastRun(run.outcome().name(), run.finishedAt().toString(), duration != null ? duration.toMillis() : null);
        }
    }
}
