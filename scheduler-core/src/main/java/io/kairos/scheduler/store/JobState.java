package io.kairos.scheduler.store;

/**
 * The state of a stored job.
 */
public enum JobState {

    /** The job has a next run time and will run when it is due. */
    SCHEDULED,

    /** The job is paused: it has no next run time and is kept until resumed or removed. */
    PAUSED,

    /**
     * The job could not be loaded (its task no longer exists, its arguments no longer fit, its trigger spec
     * is invalid, or its stored format is newer than this code). It is kept, never deleted, has no next run
     * time, and carries the reason; fixing the cause and resuming or replacing it brings it back.
     * (APScheduler 3 deletes such jobs: its issue #341.)
     */
    BROKEN
}
