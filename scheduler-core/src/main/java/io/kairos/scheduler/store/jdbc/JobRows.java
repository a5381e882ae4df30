package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;

/**
 * Turns jobs into column values and JSON, and rows back into jobs: the row's columns (next run time, next fire
 * time, state, broken reason, version) override what the JSON says. Thread-safe.
 */
final class JobRows {

    /** The longest broken reason stored; longer ones are cut (with an ellipsis). */
    static final int MAX_REASON_LENGTH = 4000;

    private final JobStoreContext context;

    JobRows(JobStoreContext context) {
        this.context = context;
    }

    /**
     * Encodes a job's JSON.
     *
     * @param job the job
     * @return the JSON
     * @throws IllegalArgumentException when an argument is not a JSON value
     */
    String encode(StoredJob job) {
        return this.context.codec().encode(job);
    }

    /**
     * Reads a row; a row that cannot be read comes back as a broken job, with what could be read.
     *
     * @param row the row
     * @return the job
     */
    StoredJob read(JobRow row) {
        try {
            return decode(row);
        }
        catch (JobDecodeException ex) {
            return broken(row, ex.getMessage());
        }
    }

    /**
     * Reads a row strictly.
     *
     * @param row the row
     * @return the job
     * @throws JobDecodeException when the JSON cannot be read or disagrees with the columns
     */
    StoredJob decode(JobRow row) {
        JobState state;
        try {
            state = JobState.valueOf(row.state());
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new JobDecodeException(row.id(), "stored job '" + row.id() + "' has an unknown state '" + row.state() + "'", ex);
        }
        StoredJob d = this.context.codec().decode(row.id(), row.jobData());
        try {
            return new StoredJob(row.id(), d.name(), d.task(), d.args(), d.kwargs(), d.trigger(), d.executor(), d.jobstore(),
                    d.misfireGraceTime(), d.coalesce(), d.maxInstances(), d.jitter(), instant(row.nextRunTime()),
                    state == JobState.FINISHED ? null : instant(row.nextFireTime()), state, state == JobState.BROKEN ? row.brokenReason() : null, row.version(),
                    d.timeout(), d.keepsFinishedMarker(), d.retry(), state == JobState.SCHEDULED ? d.pendingRetry() : null);
        }
        catch (IllegalArgumentException ex) {
            throw new JobDecodeException(row.id(), "stored job '" + row.id() + "' disagrees with its columns: " + ex.getMessage(), ex);
        }
    }

    /**
     * A row as a broken job.
     *
     * @param row the row
     * @param reason why it cannot be read; the row's own broken reason wins when it has one
     * @return the broken job with the row's version
     */
    StoredJob broken(JobRow row, String reason) {
        String why = row.brokenReason() != null ? row.brokenReason() : reason;
        return this.context.codec().decodeBroken(row.id(), row.jobData(), this.context.alias(), why).withVersion(row.version());
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static String reason(String reason) {
        return reason == null || reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }
}
