package io.kairos.scheduler.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;


/**
 * The jobs this scheduler holds leases on, by store alias and job id, plus the API's changes to jobs that may be
 * being acquired right now. Written by the loop thread; {@link #changed}, {@link #cleared} and {@link #get} may be
 * called from any thread. The loop walks the held jobs several times per pass, so besides the maps for look-ups it
 * keeps them in a list of its own: a walk costs the jobs held, not the maps' capacity (which never shrinks after a
 * burst), and adding or removing one is O(1) (the last one takes the removed one's slot).
 *
 * <p>Why the change queue: a pass reads a job from the store, then holds it. An API call that changes the job
 * between the two finds nothing held to mark stale, and the pass would run the job from the copy it read. So
 * every change is also queued, and the pass marks stale what it acquired and was changed meanwhile
 * ({@link #markChangedStale()}, before it reads the stores and again after it holds the new jobs, so only changes
 * made while it acquired can reach a fresh copy). A change carries the job's new version, so a copy read after
 * the change (as new as the change or newer) is not marked.
 */
final class HeldJobs {

    /**
     * An API change: of one job ({@code jobId}), or of every job of the store ({@code jobId == null}, remove all);
     * held copies older than {@code version} are stale.
     */
    private record Change(String storeAlias, @Nullable String jobId, long version) {
    }

    private final Map<String, Map<String, HeldJob>> byStore = new ConcurrentHashMap<>();

    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

    /** Every held job, in no particular order; {@link HeldJob#slot} is each one's index. Loop thread only. */
    private final List<HeldJob> list = new ArrayList<>();

    private final List<HeldJob> view = Collections.unmodifiableList(this.list);

    @Nullable HeldJob get(String storeAlias, String jobId) {
        Map<String, HeldJob> jobs = this.byStore.get(storeAlias);
        return jobs == null ? null : jobs.get(jobId);
    }

    /** Holds a job, in place of the one held under its id before, if any. Loop thread only. */
    void put(HeldJob job) {
        Map<String, HeldJob> jobs = this.byStore.get(job.storeAlias);
        if (jobs == null) {
            jobs = this.byStore.computeIfAbsent(job.storeAlias, (a) -> new ConcurrentHashMap<>());
        }
        HeldJob previous = jobs.put(job.job.id(), job);
        if (previous != null) {
            unlist(previous);
        }
        job.slot = this.list.size();
        this.list.add(job);
    }

    /** Removes the job if it is still the one held under its id. Loop thread only. */
    void remove(HeldJob job) {
        Map<String, HeldJob> jobs = this.byStore.get(job.storeAlias);
        if (jobs != null && jobs.remove(job.job.id(), job)) {
            unlist(job);
        }
    }

    private void unlist(HeldJob job) {
        HeldJob last = this.list.remove(this.list.size() - 1);
        if (last != job) {
            this.list.set(job.slot, last);
            last.slot = job.slot;
        }
        job.slot = -1;
    }

    /**
     * Every held job, in no particular order: a read-only view that allocates no copy. Loop thread only; holding or
     * removing a job while walking it throws {@link java.util.ConcurrentModificationException}.
     */
    List<HeldJob> all() {
        return this.view;
    }

    int size() {
        return this.list.size();
    }

    /**
     * Records an API change of a job: a held copy older than the change is marked stale now, and a copy being
     * acquired by the current pass at its next {@link #markChangedStale()}. The change is queued before the held
     * copy is looked up, so that either this call sees a copy the loop holds or the loop's next
     * {@link #markChangedStale()} sees the change.
     *
     * @param storeAlias the job's store
     * @param jobId the job's id
     * @param version the job's version in the store after the change ({@link Long#MAX_VALUE} when it was removed)
     */
    void changed(String storeAlias, String jobId, long version) {
        this.changes.add(new Change(storeAlias, jobId, version));
        markStale(get(storeAlias, jobId), version);
    }

    /**
     * Records that every job of a store was removed: every held copy is stale (a job re-added under the same id
     * starts again at version 1, so versions cannot tell the copies apart).
     *
     * @param storeAlias the store
     */
    void cleared(String storeAlias) {
        this.changes.add(new Change(storeAlias, null, Long.MAX_VALUE));
        markAllStale(storeAlias);
    }

    /** Marks stale every held job changed since the last call; called by the loop after it holds new jobs. */
    void markChangedStale() {
        Change change;
        while ((change = this.changes.poll()) != null) {
            if (change.jobId() == null) {
                markAllStale(change.storeAlias());
            }
            else {
                markStale(get(change.storeAlias(), change.jobId()), change.version());
            }
        }
    }

    private void markAllStale(String storeAlias) {
        Map<String, HeldJob> jobs = this.byStore.get(storeAlias);
        if (jobs != null) {
            jobs.values().forEach((job) -> job.stale = true);
        }
    }

    // A copy acquired after the change (version already at or past it) is not stale: under sustained changes a
    // job would otherwise be released unrun pass after pass.
    private static void markStale(@Nullable HeldJob job, long version) {
        if (job != null && job.job.version() < version) {
            job.stale = true;
        }
    }
}
