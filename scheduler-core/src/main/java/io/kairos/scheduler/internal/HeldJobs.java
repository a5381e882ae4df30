package io.kairos.scheduler.internal;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The jobs this scheduler holds leases on, by store alias and job id, plus the API's changes to jobs that may be
 * being acquired right now. Written by the loop thread; {@link #changed} and {@link #get} may be called from any
 * thread.
 *
 * <p>Why the change queue: a pass reads a job from the store, then holds it. An API call that changes the job
 * between the two finds nothing held to mark stale, and the pass would run the job from the copy it read. So
 * every change is also queued, and the pass marks stale what it acquired and was changed meanwhile
 * ({@link #markChangedStale()}, after it holds the new jobs). A change made before the read marks a fresh copy
 * stale needlessly: that job is released unrun and acquired again by the next pass, so nothing is lost.
 */
final class HeldJobs {

    private record Change(String storeAlias, String jobId) {
    }

    private final Map<String, Map<String, HeldJob>> byStore = new ConcurrentHashMap<>();

    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

    private int size;

    HeldJob get(String storeAlias, String jobId) {
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
     * Records an API change of a job: a held copy is marked stale now, and a copy being acquired by the current
     * pass at its next {@link #markChangedStale()}.
     */
    void changed(String storeAlias, String jobId) {
        HeldJob job = get(storeAlias, jobId);
        if (job != null) {
            job.stale = true;
        }
        this.changes.add(new Change(storeAlias, jobId));
    }

    /** Marks stale every held job changed since the last call; called by the loop after it holds new jobs. */
    void markChangedStale() {
        Change change;
        while ((change = this.changes.poll()) != null) {
            HeldJob job = get(change.storeAlias(), change.jobId());
            if (job != null) {
                job.stale = true;
            }
        }
    }
}
