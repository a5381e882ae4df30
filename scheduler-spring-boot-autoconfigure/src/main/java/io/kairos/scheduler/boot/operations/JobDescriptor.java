package io.kairos.scheduler.boot.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.trigger.TriggerSpec;
import org.jspecify.annotations.Nullable;

/**
 * One job as the {@code scheduler} endpoint and the dashboard show it (JSON). Times are ISO-8601 with offset, in the trigger's zone;
 * durations ISO-8601 ({@code PT30S}).
 *
 * @param id the job id
 * @param name the job name
 * @param task the task name
 * @param args positional arguments
 * @param kwargs named arguments
 * @param trigger the trigger as text ({@code cron[hour='3']}), or {@code null} for a broken job without one
 * @param triggerSpec the trigger spec, or {@code null}
 * @param nextRunTime the next run time, or {@code null} when paused or broken
 * @param jobstore the store alias
 * @param executor the executor alias
 * @param state {@code SCHEDULED}, {@code PAUSED} or {@code BROKEN}
 * @param brokenReason why the job is broken, or {@code null}
 * @param coalesce the coalesce flag
 * @param maxInstances max instances
 * @param misfireGraceTime the misfire grace time, or {@code null} for no limit
 * @param jitter the jitter, or {@code null} for none
 * @param declared whether the job comes from a {@code @ScheduledJob} declaration
 * @param pending whether the job waits for the scheduler's start to be stored
 * @param lastRun the job's newest run in its store's history (outcome, finishedAt, durationMs), or {@code null}
 *     when it never ran, its store keeps no history, or the scheduler is stopped
 */
public record JobDescriptor(String id, String name, String task, List<Object> args, Map<String, Object> kwargs,
        @Nullable String trigger, @Nullable Map<String, Object> triggerSpec, @Nullable String nextRunTime,
        String jobstore, String executor, String state, @Nullable String brokenReason, boolean coalesce,
        int maxInstances, @Nullable String misfireGraceTime, @Nullable String jitter, boolean declared,
        boolean pending, RunDescriptor.@Nullable LastRun lastRun) {

    /**
     * Describes a job without its last run ({@code lastRun} is {@code null}).
     *
     * @param job the job
     * @return the descriptor
     */
    public static JobDescriptor of(Job job) {
        return of(job, null);
    }

    /**
     * Describes a job.
     *
     * @param job the job
     * @param lastRun its newest run, or {@code null}
     * @return the descriptor
     */
    public static JobDescriptor of(Job job, RunDescriptor.@Nullable LastRun lastRun) {
        return new JobDescriptor(job.id(), job.name(), job.task(), job.args(), job.kwargs(),
                job.trigger() != null ? job.trigger().toString() : null,
                job.trigger() != null ? job.trigger().toSpec() : null,
                job.nextRunTime().map(TriggerSpec::formatDateTime).orElse(null), job.jobstore(), job.executor(),
                job.state().name(), job.brokenReason().orElse(null), job.coalesce(), job.maxInstances(),
                job.misfireGraceTime().map(Duration::toString).orElse(null), job.jitter().map(Duration::toString).orElse(null),
                job.name().startsWith(DeclaredJobSynchronizer.DECLARED_NAME_PREFIX), job.isPending(), lastRun);
    }
}
