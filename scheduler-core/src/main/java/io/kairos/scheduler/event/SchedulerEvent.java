package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * Something that happened in a scheduler: the Java form of APScheduler 3's event codes, as a sealed
 * hierarchy of records named in the past tense (as APScheduler 4's event classes).
 *
 * <p>Listeners subscribe by type through {@code Scheduler.addListener(Class, EventListener)} and are called
 * synchronously in the thread that publishes the event: the caller's thread for API calls, the loop thread
 * for {@link JobSubmitted}, {@link JobMaxInstancesReached}, {@link JobBroken}, {@link JobStoreFailed} and
 * {@link JobMissed} at submission, a worker thread for {@link JobExecuted}, {@link JobFailed} and
 * {@link JobMissed} at run start. Events are immutable.
 */
public sealed interface SchedulerEvent permits SchedulerStarted, SchedulerShutdown, SchedulerPaused,
        SchedulerResumed, ExecutorAdded, ExecutorRemoved, JobStoreAdded, JobStoreRemoved, AllJobsRemoved,
        JobStoreFailed, JobEvent {

    /**
     * When the event happened.
     *
     * @return the instant, read from the scheduler's clock
     */
    Instant timestamp();
}
