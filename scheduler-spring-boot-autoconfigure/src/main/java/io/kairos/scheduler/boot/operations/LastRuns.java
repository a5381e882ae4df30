package io.kairos.scheduler.boot.operations;

import java.util.List;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.SchedulerNotRunningException;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.history.RunRecord;

/**
 * Job views with their last run: one indexed read of the job's store history per job ("runs of a job, newest
 * first", limit 1). Stateless.
 */
public final class LastRuns {

    private LastRuns() {
    }

    /**
     * Describes a job with its newest run.
     *
     * @param scheduler the scheduler
     * @param job the job
     * @return the view; {@code lastRun} is {@code null} for a pending job, when the scheduler is stopped, or when
     *     the job never ran
     */
    public static JobDescriptor describe(JobScheduler scheduler, Job job) {
        if (job.isPending() || scheduler.state() == SchedulerState.STOPPED) {
            return JobDescriptor.of(job, null);
        }
        try {
            List<RunRecord> runs = scheduler.engine().getRuns(job.id(), job.jobstore(), 1);
            return JobDescriptor.of(job, RunDescriptor.LastRun.of(runs.isEmpty() ? null : runs.get(0)));
        }
        catch (SchedulerNotRunningException ex) {
            return JobDescriptor.of(job, null);   // stopped between the check and the read
        }
    }
}
