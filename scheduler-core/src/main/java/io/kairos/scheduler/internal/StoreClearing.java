package io.kairos.scheduler.internal;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes every job of a store ({@code Scheduler.removeAllJobs}) and records the pending retries that go with them as
 * {@code CANCELLED} runs, through the same {@link StoreLanes#retryDropped} as removing one job.
 *
 * <p>A pending retry is part of its job's definition, which no store indexes, so the retries are found before the
 * removal by reading the store's scheduled jobs page by page ({@link JobStore#listJobs}, {@value #PAGE} rows a page):
 * one pass over the store, holding one page at a time and, of each job with a pending retry, only what its record
 * needs (a {@link RecordedJob} and the {@link PendingRetry}). A retry a failed attempt writes between that read and the
 * removal is not recorded (its job is removed all the same; a documented limitation, see {@code docs/run-history.md}).
 * Thread-safe.
 */
final class StoreClearing {

    /** The rows read per page while looking for pending retries. */
    static final int PAGE = JobQuery.MAX_LIMIT;

    /** The reason recorded with each dropped retry. */
    static final String REASON = "all jobs of the store were removed";

    private StoreClearing() {
    }

    /**
     * Removes every job of the store, tells its loop, and records each dropped pending retry.
     *
     * @param alias the store's alias
     * @param store the store
     * @param lanes the loops (they record the retries, and drop the jobs they hold)
     * @throws io.kairos.scheduler.store.JobStoreException when the store fails; nothing is recorded then
     */
    static void clear(String alias, JobStore store, StoreLanes lanes) {
        List<DroppedRetry> retrying = pendingRetries(store);
        store.removeAllJobs();
        lanes.storeCleared(alias);
        for (DroppedRetry dropped : retrying) {
            lanes.retryDropped(alias, dropped.job(), dropped.retry(), REASON);
        }
    }

    /**
     * A pending retry the removal drops, with what its record names of its job.
     *
     * @param job the job's id, name, task and executor
     * @param retry the retry
     */
    record DroppedRetry(RecordedJob job, PendingRetry retry) {
    }

    /** The pending retries of the store's jobs (only scheduled jobs can have one), read a page at a time. */
    static List<DroppedRetry> pendingRetries(JobStore store) {
        List<DroppedRetry> found = new ArrayList<>();
        JobQuery query = JobQuery.all().withStates(JobState.SCHEDULED).withLimit(PAGE);
        StoredJobPage page = store.listJobs(query);
        while (true) {
            for (StoredJob job : page.jobs()) {
                PendingRetry retry = job.pendingRetry();
                if (retry != null) {
                    found.add(new DroppedRetry(RecordedJob.of(job), retry));
                }
            }
            if (page.next() == null) {
                return found;
            }
            page = store.listJobs(query.after(page.next()));
        }
    }
}
