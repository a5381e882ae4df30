package io.kairos.scheduler.internal;

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
 * one pass over the store, holding one page and the jobs that have a pending retry at a time. A retry a failed attempt
 * writes between that read and the removal is not recorded (its job is removed all the same). Thread-safe.
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
        List<StoredJob> retrying = withPendingRetry(store);
        store.removeAllJobs();
        lanes.storeCleared(alias);
        for (StoredJob job : retrying) {
            lanes.retryDropped(alias, job, null, REASON);
        }
    }

    /** The store's jobs that have a pending retry (only scheduled jobs can), read a page at a time. */
    static List<StoredJob> withPendingRetry(JobStore store) {
        List<StoredJob> found = new ArrayList<>();
        JobQuery query = JobQuery.all().withStates(JobState.SCHEDULED).withLimit(PAGE);
        StoredJobPage page = store.listJobs(query);
        while (true) {
            for (StoredJob job : page.jobs()) {
                if (job.pendingRetry() != null) {
                    found.add(job);
                }
            }
            if (page.next() == null) {
                return found;
            }
            page = store.listJobs(query.after(page.next()));
        }
    }
}
