package io.kairos.scheduler.store;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How many jobs are in each state, as {@link JobStore#countJobs()} and {@code Scheduler.countJobs} report them.
 * {@link JobState#FINISHED} markers are not jobs and are never counted. Immutable.
 *
 * @param scheduled jobs with a next run time, at least 0
 * @param paused paused jobs, at least 0
 * @param broken broken jobs (kept with the reason they cannot be run), at least 0
 */
public record JobCounts(long scheduled, long paused, long broken) {

    /** No jobs. */
    public static final JobCounts NONE = new JobCounts(0, 0, 0);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException naming the component when it is negative
     */
    public JobCounts {
        requireNotNegative("scheduled", scheduled);
        requireNotNegative("paused", paused);
        requireNotNegative("broken", broken);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be at least 0, was " + value);
        }
    }

    /**
     * These counts with jobs added to one state.
     *
     * @param state the job's state, not {@code null}
     * @param jobs how many jobs to add, at least 0
     * @return the new counts; these unchanged for {@link JobState#FINISHED}, which is no job
     */
    public JobCounts plus(JobState state, long jobs) {
        return switch (Objects.requireNonNull(state, "state")) {
            case SCHEDULED -> new JobCounts(this.scheduled + jobs, this.paused, this.broken);
            case PAUSED -> new JobCounts(this.scheduled, this.paused + jobs, this.broken);
            case BROKEN -> new JobCounts(this.scheduled, this.paused, this.broken + jobs);
            case FINISHED -> this;
        };
    }

    /**
     * These counts with jobs added under the name of their stored state, for stores that count by a state column: a
     * name that is no {@link JobState} (or {@code null}) counts as {@link JobState#BROKEN}, as such a job is listed.
     *
     * @param state the stored state's name, {@code FINISHED} for markers (not counted); may be {@code null}
     * @param jobs how many jobs to add, at least 0
     * @return the new counts
     */
    public JobCounts plusStored(@Nullable String state, long jobs) {
        for (JobState known : JobState.values()) {
            if (known.name().equals(state)) {
                return plus(known, jobs);
            }
        }
        return plus(JobState.BROKEN, jobs);
    }

    /**
     * The sum of these counts and others (of several stores).
     *
     * @param other the other counts, not {@code null}
     * @return the sums
     */
    public JobCounts plus(JobCounts other) {
        return new JobCounts(this.scheduled + other.scheduled, this.paused + other.paused, this.broken + other.broken);
    }

    /**
     * The count of one state.
     *
     * @param state the state, not {@code null}
     * @return its count; 0 for {@link JobState#FINISHED}
     */
    public long of(JobState state) {
        return switch (Objects.requireNonNull(state, "state")) {
            case SCHEDULED -> this.scheduled;
            case PAUSED -> this.paused;
            case BROKEN -> this.broken;
            case FINISHED -> 0;
        };
    }

    /**
     * Every job counted.
     *
     * @return scheduled + paused + broken
     */
    public long total() {
        return this.scheduled + this.paused + this.broken;
    }
}
