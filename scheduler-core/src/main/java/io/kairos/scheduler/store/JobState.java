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
    BROKEN,

    /**
     * A <em>finished marker</em>, not a job: a job whose id was chosen by the caller (an explicit id, a declared
     * {@code @ScheduledJob}) ran the last fire time of its trigger. Its row is kept, with its definition and trigger,
     * so that adding the same id again with {@link ConflictPolicy#KEEP_EXISTING} (as declared jobs are added at every
     * start-up) is recognised as "already ran" and not run again. A marker has no next run time, is never acquired,
     * and is left out of {@link JobStore#getAllJobs()} and {@link JobStore#lookupJob}; {@link JobStore#lookupFinished}
     * finds it. Adding the id with {@link ConflictPolicy#ERROR} or {@link ConflictPolicy#REPLACE} replaces it; it is
     * purged after the scheduler's finished-marker retention ({@link JobStore#removeFinishedMarkers}).
     */
    FINISHED
}
