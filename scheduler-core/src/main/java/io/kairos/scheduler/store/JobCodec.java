package io.kairos.scheduler.store;

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
}
