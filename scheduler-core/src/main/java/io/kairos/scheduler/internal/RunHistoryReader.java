package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunOrder;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.JobStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;


/**
 * Reads run history across the scheduler's job stores: asks each store for one page and merges the pages newest
 * first. Stateless and thread-safe (the stores are).
 */
public final class RunHistoryReader {

    private final Components components;

    /**
     * Creates the reader.
     *
     * @param components the scheduler's stores
     */
    public RunHistoryReader(Components components) {
        this.components = components;
    }

    /**
     * One page of runs from one store or all of them.
     *
     * @param query the query, not {@code null}
     * @param jobstore a store alias, or {@code null} for every store
     * @return the merged page; its {@code next} is {@code null} when fewer than {@code query.limit()} records
     *     were found
     * @throws IllegalArgumentException when there is no store by that alias
     */
    public RunPage find(RunQuery query, @Nullable String jobstore) {
        List<JobStore> stores = jobstore == null ? List.copyOf(this.components.stores().values())
                : List.of(this.components.requireStore(jobstore));
        List<RunRecord> merged = new ArrayList<>();
        for (JobStore store : stores) {
            merged.addAll(store.runHistory().findRuns(query));
        }
        merged.sort(RunOrder.RECORDS_NEWEST_FIRST);
        List<RunRecord> page = merged.size() > query.limit() ? merged.subList(0, query.limit()) : merged;
        RunCursor next = page.size() == query.limit() ? page.get(page.size() - 1).cursor() : null;
        return new RunPage(page, next);
    }

    /**
     * The newest run of each of some jobs, from one store or all of them (one batched read per store; across stores
     * the newest wins).
     *
     * @param jobIds the ids, at most {@link io.kairos.scheduler.history.RunHistory#MAX_JOB_IDS}
     * @param jobstore a store alias, or {@code null} for every store
     * @return job id to its newest run, only for jobs with runs
     * @throws IllegalArgumentException when there is no store by that alias, or naming {@code jobIds} when it holds
     *     too many ids
     */
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds, @Nullable String jobstore) {
        List<JobStore> stores = jobstore == null ? List.copyOf(this.components.stores().values())
                : List.of(this.components.requireStore(jobstore));
        Map<String, RunRecord> newest = new HashMap<>();
        for (JobStore store : stores) {
            store.runHistory().lastRuns(jobIds).forEach((id, run) -> newest.merge(id, run,
                    (a, b) -> RunOrder.RECORDS_NEWEST_FIRST.compare(a, b) <= 0 ? a : b));
        }
        return newest;
    }
}
