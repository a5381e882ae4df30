package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunIds;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds run records: run ids, instants cut to milliseconds, the error's stack trace and the result's JSON cut to
 * the configured lengths. Thread-safe.
 */
public final class RunRecords {

    /** The most characters of an exception message kept. */
    static final int MAX_MESSAGE_LENGTH = 2000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String schedulerId;

    private final HistorySettings settings;

    /** The {@link RunIds} tag of this factory's ids. */
    private final int instanceTag;

    private final AtomicLong sequence = new AtomicLong();

    /**
     * Creates the factory.
     *
     * @param schedulerId the instance recorded in each record
     * @param settings the size limits
     */
    public RunRecords(String schedulerId, HistorySettings settings) {
        this.schedulerId = schedulerId;
        this.settings = settings;
        this.instanceTag = schedulerId.hashCode() ^ System.identityHashCode(this);
    }

    /**
     * A record of one attempt.
     *
     * @param job the job as acquired
     * @param storeAlias the job's store
     * @param scheduledAt the fire time
     * @param submittedAt when the run was submitted, or {@code null}
     * @param startedAt when the task started, or {@code null}
     * @param finishedAt when the outcome was known
     * @param outcome the outcome
     * @param attempt the attempt number, from 1
     * @param error the exception of a failed attempt, or {@code null}
     * @param result the return value of a succeeded attempt, or {@code null}
     * @return the record
     */
    public RunRecord record(StoredJob job, String storeAlias, Instant scheduledAt, @Nullable Instant submittedAt, @Nullable Instant startedAt,
            Instant finishedAt, RunOutcome outcome, int attempt, @Nullable Throwable error, @Nullable Object result) {
        return record(RecordedJob.of(job), storeAlias, scheduledAt, submittedAt, startedAt, finishedAt, outcome, attempt, error, result);
    }

    /**
     * A record of one attempt of a job known by the parts a record names.
     *
     * @param job the job's id, name, task and executor
     * @param storeAlias the job's store
     * @param scheduledAt the fire time
     * @param submittedAt when the run was submitted, or {@code null}
     * @param startedAt when the task started, or {@code null}
     * @param finishedAt when the outcome was known
     * @param outcome the outcome
     * @param attempt the attempt number, from 1
     * @param error the exception of a failed attempt, or {@code null}
     * @param result the return value of a succeeded attempt, or {@code null}
     * @return the record
     */
    public RunRecord record(RecordedJob job, String storeAlias, Instant scheduledAt, @Nullable Instant submittedAt, @Nullable Instant startedAt,
            Instant finishedAt, RunOutcome outcome, int attempt, @Nullable Throwable error, @Nullable Object result) {
        Instant finished = finishedAt.truncatedTo(ChronoUnit.MILLIS);
        String runId = RunIds.of(finished.toEpochMilli(), this.sequence.incrementAndGet(), this.instanceTag);
        @Nullable String json = null;
        boolean notJson = false;
        if (result != null) {
            try {
                json = JSON.writeValueAsString(result);
            }
            catch (RuntimeException ex) {
                json = String.valueOf(result);
                notJson = true;
            }
        }
        int maxResult = this.settings.maxResultLength();
        boolean resultCut = json != null && json.length() > maxResult;
        @Nullable String resultText = json != null && resultCut ? cut(json, maxResult) : json;
        return new RunRecord(runId, job.id(), job.name(), job.task(), storeAlias, job.executor(), scheduledAt.truncatedTo(ChronoUnit.MILLIS),
                millis(submittedAt), millis(startedAt), finished, outcome, attempt, this.schedulerId, error(error),
                resultText, notJson, resultCut);
    }

    private @Nullable RunError error(@Nullable Throwable error) {
        if (error == null) {
            return null;
        }
        String trace = RunOutcomes.stackTrace(error);
        boolean cut = trace.length() > this.settings.maxStackTraceLength();
        String message = error.getMessage();
        if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
            message = cut(message, MAX_MESSAGE_LENGTH);
        }
        return new RunError(error.getClass().getName(), message, cut ? cut(trace, this.settings.maxStackTraceLength()) : trace, cut);
    }

    /** The first {@code length} characters, one fewer when that would split a surrogate pair. */
    static String cut(String text, int length) {
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    static @Nullable Instant millis(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
