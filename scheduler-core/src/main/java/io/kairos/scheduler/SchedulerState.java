package io.kairos.scheduler;

/**
 * The lifecycle state of a {@link Scheduler}, as APScheduler 3's {@code STATE_STOPPED / RUNNING / PAUSED}.
 */
public enum SchedulerState {

    /** Not started, or shut down: jobs added now are pending until {@link Scheduler#start()}. */
    STOPPED,

    /** Started and processing jobs. */
    RUNNING,

    /** Started, job stores open, but no job is run until {@link Scheduler#resume()}. */
    PAUSED
}
