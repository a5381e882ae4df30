package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.PendingRetry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;


/**
 * What a scheduler writes back when it gives up its lease on an acquired job.
 *
 * <p>The write is conditional on {@code acquiredVersion}: when the job was modified, paused, rescheduled or
 * removed by someone else while it was leased (its version moved on), the store only drops the lease and
 * keeps the other writer's change. So a {@code pauseJob} on another instance during a run is never undone.
 *
 * @param jobId the job's id
 * @param acquiredVersion the version the job had when it was acquired
 * @param nextRunTime the new next run time (jitter included); {@code null} with {@code remove == false} pauses
 * @param nextFireTime the un-jittered fire time behind {@code nextRunTime}, or {@code null}
 * @param remove whether the job is finished (its trigger will never fire again) and is to be deleted
 * @param keepMarker with {@code remove}: keep a {@link JobState#FINISHED} marker in its place instead of deleting it
 *     (the job's id was chosen by the caller); stores that do not keep markers delete the job
 * @param retryChange when the job's {@linkplain StoredJob#pendingRetry() pending retry} changed while it was held (a
 *     failed attempt scheduled one, a retry ran): the acquired job with {@code nextRunTime}, {@code nextFireTime} and
 *     its new pending retry (or none), whose definition the store writes along with the columns, under the same
 *     conditions; {@code null} when the pending retry is unchanged (the stored definition stays as it is)
 */
public record JobRelease(String jobId, long acquiredVersion, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime, boolean remove,
        boolean keepMarker, @Nullable StoredJob retryChange) {

    /**
     * A release that leaves the stored definition as it is.
     *
     * @param jobId the job's id
     * @param acquiredVersion the version it had when acquired
     * @param nextRunTime the new next run time, or {@code null}
     * @param nextFireTime the un-jittered fire time, or {@code null}
     * @param remove whether the job is finished and deleted
     * @param keepMarker with {@code remove}: keep a finished marker
     */
    public JobRelease(String jobId, long acquiredVersion, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime, boolean remove,
            boolean keepMarker) {
        this(jobId, acquiredVersion, nextRunTime, nextFireTime, remove, keepMarker, null);
    }

    /**
     * A release that keeps no finished marker.
     *
     * @param jobId the job's id
     * @param acquiredVersion the version it had when acquired
     * @param nextRunTime the new next run time, or {@code null}
     * @param nextFireTime the un-jittered fire time, or {@code null}
     * @param remove whether the job is finished and deleted
     */
    public JobRelease(String jobId, long acquiredVersion, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime, boolean remove) {
        this(jobId, acquiredVersion, nextRunTime, nextFireTime, remove, false);
    }

    /**
     * A release that reschedules the job.
     *
     * @param job the acquired job
     * @param nextRunTime the new next run time (jitter included)
     * @param nextFireTime the un-jittered fire time
     * @return the release
     */
    public static JobRelease reschedule(StoredJob job, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime) {
        return new JobRelease(job.id(), job.version(), nextRunTime, nextFireTime, false);
    }

    /**
     * A release that reschedules the job with a pending retry set, replaced or cleared: the store writes the job's
     * definition too.
     *
     * @param job the acquired job
     * @param nextRunTime the new next run time (the earlier of the retry and the regular run time)
     * @param nextFireTime the un-jittered fire time behind the regular run time, or {@code null}
     * @param retry the new pending retry, or {@code null} when the one the job had ran or was dropped
     * @return the release
     */
    public static JobRelease rescheduleWithRetry(StoredJob job, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime,
            @Nullable PendingRetry retry) {
        return new JobRelease(job.id(), job.version(), nextRunTime, nextFireTime, false, false,
                job.withSchedule(nextRunTime, nextFireTime, retry));
    }

    /**
     * The job as the store keeps it after this release, from the job as it was stored: its new next run time and
     * fire time, and its new pending retry when {@link #retryChange()} says so.
     *
     * @param stored the stored job, at the acquired version
     * @return the job to keep (same version; the store sets its own)
     */
    public StoredJob applyTo(StoredJob stored) {
        PendingRetry retry = this.retryChange != null ? this.retryChange.pendingRetry() : stored.pendingRetry();
        return stored.withSchedule(this.nextRunTime, this.nextFireTime, this.nextRunTime == null ? null : retry);
    }

    /**
     * Whether this release writes a new pending retry: a {@link #retryChange()} that holds one, on a release that
     * does not remove the job. Such a release whose conditional write does not apply is reported by
     * {@link JobStore#releaseJobs}.
     *
     * @return {@code true} when the release sets a pending retry
     */
    public boolean setsRetry() {
        return !this.remove && this.retryChange != null && this.retryChange.pendingRetry() != null;
    }

    /**
     * A release of a finished job: deleted, or turned into a {@link JobState#FINISHED} marker when
     * {@link StoredJob#keepsFinishedMarker()}.
     *
     * @param job the acquired job
     * @return the release
     */
    public static JobRelease finished(StoredJob job) {
        return new JobRelease(job.id(), job.version(), null, null, true, job.keepsFinishedMarker());
    }
}
