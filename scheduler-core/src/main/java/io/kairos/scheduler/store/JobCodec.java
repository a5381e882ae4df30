package io.kairos.scheduler.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;


/**
 * Converts a job to its persistent JSON form and back. The form carries a format version; the trigger is
 * stored as its trigger spec. Implementations are thread-safe.
 */
public interface JobCodec {

    /**
     * Writes a job as JSON. The columns a store keeps separately (next run time, state, version, lease) are
     * included too, so the JSON alone describes the job.
     *
     * @param job the job, not {@code null}
     * @return the JSON text
     * @throws IllegalArgumentException when an argument cannot be written as JSON
     */
    String encode(StoredJob job);

    /**
     * Reads a job from JSON.
     *
     * @param json the text {@link #encode} wrote (possibly by another version of Kairos)
     * @return the job; its version is whatever the JSON says, the store overrides it with its column
     * @throws JobDecodeException when the text cannot be read: malformed JSON, a format version newer
     *     than this code, an invalid trigger spec, a missing field. The exception carries the job id
     *     when it could be read.
     */
    StoredJob decode(String json);

    /**
     * Reads a job whose id the store knows (its key or id column), so that an error names the job even when the text
     * does not (malformed JSON, a missing {@code id} field).
     *
     * <p>The default calls {@link #decode(String)} and, when its error names no job, adds the id to it.
     *
     * @param jobId the job's id as the store holds it, not {@code null}
     * @param json the stored text
     * @return the job, as {@link #decode(String)} returns it
     * @throws JobDecodeException when the text cannot be read; its {@link JobDecodeException#jobId()} and message
     *     name {@code jobId} unless the text names a job itself
     */
    default StoredJob decode(String jobId, String json) {
        try {
            return decode(json);
        }
        catch (JobDecodeException ex) {
            if (ex.jobId() != null) {
                throw ex;
            }
            throw new JobDecodeException(jobId, "stored job '" + jobId + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads what can still be read of a job that {@link #decode} rejected, so that a store can keep and show it
     * as {@link JobState#BROKEN} instead of deleting it (APScheduler 3 deletes such rows: its issue #341).
     * The stored text itself is never rewritten by this.
     *
     * <p>The default returns a placeholder that only knows the id: name = id, task {@code <unreadable>}, no
     * arguments, no trigger, executor {@code default}. {@link JsonJobCodec} recovers every field it can read.
     *
     * @param jobId the job's id (from the store's key or id column), not {@code null}
     * @param json the stored text, may be {@code null} or malformed
     * @param jobstore the alias of the store holding the job, used when the text does not say
     * @param reason why the job is broken, never {@code null}; becomes {@link StoredJob#brokenReason()}
     * @return a broken job: {@code state == BROKEN}, no next run time, version 0 (the store sets its own)
     */
    default StoredJob decodeBroken(String jobId, @Nullable String json, String jobstore, String reason) {
        return new StoredJob(jobId, jobId, UNREADABLE_TASK, List.of(), Map.of(), null, "default", jobstore, null, true, 1,
                null, null, null, JobState.BROKEN, reason, 0, null);
    }

    /** The task name a broken job gets when its task name could not be read. */
    String UNREADABLE_TASK = "<unreadable>";
}
