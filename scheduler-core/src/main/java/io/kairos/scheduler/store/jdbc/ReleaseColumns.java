package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;

import org.jspecify.annotations.Nullable;


/**
 * What a release writes to a row: a delete, or the new next run time, next fire time and state. A finished job
 * that keeps a marker is written as state {@code FINISHED} with no next run time and, in {@code next_fire_time},
 * when it finished (what the marker retention compares).
 *
 * @param delete whether the row is deleted
 * @param nextRunTime the new next run time, epoch milliseconds, or {@code null}
 * @param nextFireTime the new next fire time (or a marker's finish time), epoch milliseconds, or {@code null}
 * @param state the new state's name, or {@code null} with {@code delete}
 */
record ReleaseColumns(boolean delete, @Nullable Long nextRunTime, @Nullable Long nextFireTime, @Nullable String state) {

    static ReleaseColumns of(JobRelease release, long finishedAt) {
        if (release.remove()) {
            return release.keepMarker() ? new ReleaseColumns(false, null, finishedAt, JobState.FINISHED.name())
                    : new ReleaseColumns(true, null, null, null);
        }
        if (release.nextRunTime() == null) {
            return new ReleaseColumns(false, null, null, JobState.PAUSED.name());
        }
        return new ReleaseColumns(false, JobRows.millis(release.nextRunTime()), JobRows.millis(release.nextFireTime()),
                JobState.SCHEDULED.name());
    }
}
