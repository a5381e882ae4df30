package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;


/**
 * A validated job waiting to be stored: added before the scheduler started, or about to be stored now.
 *
 * @param template the job without next run time (state paused, version 0)
 * @param task the task object when given directly (kept in memory by job id), else {@code null}
 * @param policy what to do when the id is taken
 * @param nextRunTimeSet whether the request gave a next run time (then {@code nextRunTime} overrides the trigger)
 * @param nextRunTime the given next run time; {@code null} with {@code nextRunTimeSet} means paused
 * @param triggerRead the scheduler clock's reading at which the trigger was read from a spec (or made for a request
 *     without one): an {@code interval} spec without {@code start_date} starts at it, and starts again when the job
 *     is stored later ({@link JobAssembler#firstRun}); {@code null} for a trigger given as an object
 */
public record PendingJob(StoredJob template, @Nullable Task task, ConflictPolicy policy, boolean nextRunTimeSet, @Nullable Instant nextRunTime,
        @Nullable Instant triggerRead) {

    /**
     * The state the job will be stored with, which its template (always paused) does not tell: {@link JobState#PAUSED}
     * when added paused (a next run time of {@code null} given), else {@link JobState#SCHEDULED}.
     *
     * @return the state, never {@code null}
     */
    public JobState state() {
        return this.nextRunTimeSet && this.nextRunTime == null ? JobState.PAUSED : JobState.SCHEDULED;
    }

    public PendingJob withTemplate(StoredJob newTemplate) {
        return new PendingJob(newTemplate, this.task, this.policy, this.nextRunTimeSet, this.nextRunTime, this.triggerRead);
    }

    /**
     * This job with a new trigger in its template.
     *
     * @param newTemplate the template with the new trigger
     * @param read the clock reading the new trigger was read from a spec at, or {@code null} for a trigger object
     * @return the job
     */
    public PendingJob withTrigger(StoredJob newTemplate, @Nullable Instant read) {
        return new PendingJob(newTemplate, this.task, this.policy, this.nextRunTimeSet, this.nextRunTime, read);
    }

    public PendingJob withNextRunTime(boolean set, @Nullable Instant time) {
        return new PendingJob(this.template, this.task, this.policy, set, time, this.triggerRead);
    }
}
