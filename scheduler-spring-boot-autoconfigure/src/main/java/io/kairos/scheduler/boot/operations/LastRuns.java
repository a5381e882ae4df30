package io.kairos.scheduler.boot.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.SchedulerNotRunningException;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunRecord;

/**
 * Job views with their last run: one batched read of each store's history per page of jobs
 * ({@code Scheduler.getLastRuns}, "the newest run of each of these jobs"), never one read per job. Stateless.
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
        return describeAll(scheduler, List.of(job)).get(0);
    }

    /**
     * Describes jobs with their newest runs: per store, one {@code getLastRuns} call per
     * {@value RunHistory#MAX_JOB_IDS} jobs of that store (pending jobs are not read).
     *
     * @param scheduler the scheduler
     * @param jobs the jobs, in the order wanted
     * @return the views, in the order of {@code jobs}; {@code lastRun} is {@code null} for a pending job, when the
     *     scheduler is stopped, or when the job never ran
     * @throws io.kairos.scheduler.store.JobStoreException when a store fails
     */
    public static List<JobDescriptor> describeAll(JobScheduler scheduler, List<Job> jobs) {
        Map<String, RunRecord> newest = newest(scheduler, jobs);
        List<JobDescriptor> views = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            RunRecord run = job.isPending() ? null : newest.get(job.jobstore() + "\n" + job.id());
            views.add(JobDescriptor.of(job, RunDescriptor.LastRun.of(run)));
        }
        return views;
    }

    /** Store alias, a newline and job id, to the job's newest run. */
    private static Map<String, RunRecord> newest(JobScheduler scheduler, List<Job> jobs) {
        Map<String, RunRecord> newest = new LinkedHashMap<>();
        if (scheduler.state() == SchedulerState.STOPPED) {
            return newest;
        }
        Map<String, List<String>> idsByStore = new LinkedHashMap<>();
        jobs.stream().filter((job) -> !job.isPending())
            .forEach((job) -> idsByStore.computeIfAbsent(job.jobstore(), (store) -> new ArrayList<>()).add(job.id()));
        try {
            for (Map.Entry<String, List<String>> store : idsByStore.entrySet()) {
                List<String> ids = store.getValue();
                for (int from = 0; from < ids.size(); from += RunHistory.MAX_JOB_IDS) {
                    scheduler.engine().getLastRuns(ids.subList(from, Math.min(ids.size(), from + RunHistory.MAX_JOB_IDS)), store.getKey())
                        .forEach((id, run) -> newest.put(store.getKey() + "\n" + id, run));
                }
            }
        }
        catch (SchedulerNotRunningException ex) {
            newest.clear();   // stopped between the check and the read
        }
        return newest;
    }
}
