package io.kairos.scheduler.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order of {@link JobStore#getAllJobs()}, for store implementations: scheduled jobs by next run time then id,
 * then paused and broken jobs by id. Ids compare as Java strings, whatever the backend's collation.
 */
public final class JobOrder {

    /** Scheduled jobs by (next run time, id); only for jobs that have a next run time. */
    public static final Comparator<StoredJob> BY_NEXT_RUN_TIME = Comparator.comparing(StoredJob::nextRunTime)
            .thenComparing(StoredJob::id);

    private JobOrder() {
    }

    /**
     * Sorts jobs for {@link JobStore#getAllJobs()}.
     *
     * @param jobs the jobs, in any order, not {@code null}
     * @return a new mutable list: scheduled ones by next run time then id, then the others by id
     */
    public static List<StoredJob> forListing(Collection<StoredJob> jobs) {
        List<StoredJob> scheduled = new ArrayList<>(jobs.size());
        List<StoredJob> others = new ArrayList<>();
        for (StoredJob job : jobs) {
            (job.nextRunTime() != null ? scheduled : others).add(job);
        }
        scheduled.sort(BY_NEXT_RUN_TIME);
        others.sort(Comparator.comparing(StoredJob::id));
        scheduled.addAll(others);
        return scheduled;
    }
}
