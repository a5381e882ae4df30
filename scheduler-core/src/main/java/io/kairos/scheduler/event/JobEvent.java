package io.kairos.scheduler.event;

/**
 * An event about one job (APScheduler 3's {@code JobEvent} family).
 */
public sealed interface JobEvent extends SchedulerEvent permits JobAdded, JobRemoved, JobModified, JobBroken,
        JobSubmitted, JobMaxInstancesReached, JobExecuted, JobFailed, JobMissed, JobStuck, JobRetryScheduled {

    /**
     * The job's id.
     *
     * @return the id, never {@code null}
     */
    String jobId();

    /**
     * The alias of the store that holds the job.
     *
     * @return the alias, never {@code null}
     */
    String jobstore();
}
