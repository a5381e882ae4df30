package io.kairos.scheduler.store;

/**
 * What adding a job does when its id is already taken in the target store (as APScheduler 4's
 * {@code ConflictPolicy}; APScheduler 3's {@code replace_existing=True} is {@link #REPLACE}).
 */
public enum ConflictPolicy {

    /** Replace the existing job (or finished marker) with the new one. */
    REPLACE,

    /**
     * Keep the existing job and drop the new one silently (the call returns the existing job). A
     * {@link JobState#FINISHED} marker counts as existing: a job whose id the caller chose and that already ran its
     * last fire time is not added again (the call returns the marker, state {@code FINISHED}). So this is the way
     * to "add this one-shot job unless it exists or already ran", e.g. at start-up.
     */
    KEEP_EXISTING,

    /**
     * Fail with {@link ConflictingJobIdException} when a job has the id. The default. A finished marker is replaced,
     * as a finished job was deleted before markers existed.
     */
    ERROR
}
