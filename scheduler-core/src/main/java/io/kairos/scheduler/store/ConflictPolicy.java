package io.kairos.scheduler.store;

/**
 * What adding a job does when its id is already taken in the target store (as APScheduler 4's
 * {@code ConflictPolicy}; APScheduler 3's {@code replace_existing=True} is {@link #REPLACE}).
 */
public enum ConflictPolicy {

    /** Replace the existing job with the new one. */
    REPLACE,

    /** Keep the existing job and drop the new one silently (the call returns the existing job). */
    KEEP_EXISTING,

    /** Fail with {@link ConflictingJobIdException}. The default. */
    ERROR
}
