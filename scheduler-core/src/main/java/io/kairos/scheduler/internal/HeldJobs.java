package io.kairos.scheduler.internal;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;


/**
 * The jobs this scheduler holds leases on, by store alias and job id, plus the API's changes to jobs that may be
 * being acquired right now. Written by the loop thread; {@link #changed}, {@link #cleared} and {@link #get} may be
 * called from any thread.
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

    private int size;

    @Nullable HeldJob get(String storeAlias, String jobId) {
        Map<String, HeldJob> jobs = this.byStore.get(storeAlias);
        return jobs == null ? null : jobs.get(jobId);
    }

    void put(HeldJob job) {
        if (this.byStore.computeIfAbsent(job.storeAlias, (a) -> new ConcurrentHashMap<>()).put(job.job.id(), job) == null) {
            this.size++;
        }
    }

    /** Removes the job if it is still the one held under its id. */
    void remove(HeldJob job) {
        Map<String, HeldJob> jobs = this.byStore.get(job.storeAlias);
        if (jobs != null && jobs.remove(job.job.id(), job)) {
            this.size--;
        }
    }

    /**
     * Every held job, in no particular order: a live view (weakly consistent, as the maps' iterators) that
     * allocates no copy.
     */
    Iterable<HeldJob> all() {
        return () -> new Iterator<>() {

            private final Iterator<Map<String, HeldJob>> stores = HeldJobs.this.byStore.values().iterator();

            private Iterator<HeldJob> jobs = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!this.jobs.hasNext() && this.stores.hasNext()) {
                    this.jobs = this.stores.next().values().iterator();
                }
                return this.jobs.hasNext();
            }

            @Override
            public HeldJob next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return this.jobs.next();
            }
        };
    }

    int size() {
        return this.size;
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
