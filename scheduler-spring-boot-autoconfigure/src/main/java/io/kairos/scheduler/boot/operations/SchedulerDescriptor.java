package io.kairos.scheduler.boot.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.trigger.TriggerSpec;
import org.jspecify.annotations.Nullable;

/**
 * The whole scheduler as the {@code scheduler} endpoint and the dashboard show it (JSON).
 *
 * @param schedulerId the scheduler's id (lease owner name)
 * @param state {@code STOPPED}, {@code RUNNING} or {@code PAUSED}
 * @param timezone the default time zone of triggers, written as in trigger specs ({@code UTC}, never {@code Z})
 * @param jobstores store alias to the store's class simple name and whether it is shared
 * @param executors executor alias to the executor's class simple name
 * @param jobs one page of jobs (the first {@value JobsParameters#DEFAULT_LIMIT} unless asked otherwise): the stores by
 *     alias, each in id order
 * @param undeclaredJobs ids of stored jobs that were declared with {@code @ScheduledJob} but have no declaration any
 *     more (kept, for an operator to remove)
 * @param jobsWaitingForExecutor per shared store, executor alias to the number of jobs due longer than the lease
 *     time that no running instance takes because none has that executor ({@code Scheduler.jobsWaitingForExecutor()});
 *     empty when none wait
 * @param next the cursor of the next page of jobs (pass it as {@code ?cursor=}), or {@code null} when {@code jobs} is
 *     the last page
 */
public record SchedulerDescriptor(String schedulerId, String state, String timezone, Map<String, StoreDescriptor> jobstores,
        Map<String, String> executors, List<JobDescriptor> jobs, List<String> undeclaredJobs,
        Map<String, Map<String, Integer>> jobsWaitingForExecutor, @Nullable String next) {

    /**
     * One store.
     *
     * @param type the store's class simple name, e.g. {@code JdbcJobStore}
     * @param shared whether several instances may share it
     */
    public record StoreDescriptor(String type, boolean shared) {
    }

    /**
     * Describes a scheduler with the first page of its jobs.
     *
     * @param scheduler the scheduler
     * @param synchronizer knows the undeclared jobs
     * @return the descriptor
     */
    public static SchedulerDescriptor of(JobScheduler scheduler, DeclaredJobSynchronizer synchronizer) {
        return of(scheduler, synchronizer, JobQuery.all());
    }

    /**
     * Describes a scheduler with one page of its jobs.
     *
     * @param scheduler the scheduler
     * @param synchronizer knows the undeclared jobs
     * @param query which page of jobs
     * @return the descriptor
     * @throws IllegalArgumentException naming {@code cursor} for a cursor the listing did not write, or for an unknown
     *     store
     */
    public static SchedulerDescriptor of(JobScheduler scheduler, DeclaredJobSynchronizer synchronizer, JobQuery query) {
        JobPage<Job> page = scheduler.findJobs(query);
        Map<String, StoreDescriptor> stores = new LinkedHashMap<>();
        scheduler.engine().jobStores().forEach((alias, store) -> stores.put(alias,
                new StoreDescriptor(store.getClass().getSimpleName(), store.isShared())));
        Map<String, String> executors = new LinkedHashMap<>();
        scheduler.engine().executors().forEach((alias, executor) -> executors.put(alias, executor.getClass().getSimpleName()));
        return new SchedulerDescriptor(scheduler.engine().schedulerId(), scheduler.state().name(),
                TriggerSpec.formatZone(scheduler.timezone()), stores, executors,
                LastRuns.describeAll(scheduler, page.jobs()),
                synchronizer.undeclaredJobs().stream().map((job) -> job.id()).toList(),
                scheduler.engine().jobsWaitingForExecutor(), page.next());
    }
}
