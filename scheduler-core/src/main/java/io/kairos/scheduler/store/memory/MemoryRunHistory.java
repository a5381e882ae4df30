package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOrder;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The memory store's run history: the records newest first, in total and per job, bounded at write time (the
 * oldest records beyond {@code maxPerJob} for a job, or {@code maxTotal} in all, are dropped) and trimmed further
 * by the retention. Thread-safe (one lock).
 */
final class MemoryRunHistory implements RunHistory {

    private final int maxPerJob;

    private final int maxTotal;

    private final NavigableMap<RunCursor, RunRecord> all = new TreeMap<>(RunOrder.NEWEST_FIRST);

    private final Map<String, NavigableMap<RunCursor, RunRecord>> byJob = new HashMap<>();

    MemoryRunHistory(int maxPerJob, int maxTotal) {
        if (maxPerJob < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("history bounds must be at least 1, were " + maxPerJob + " per job and " + maxTotal
                    + " in total");
        }
        this.maxPerJob = maxPerJob;
        this.maxTotal = maxTotal;
    }

    @Override
    public synchronized void record(List<RunRecord> runs) {
        for (RunRecord run : runs) {
            RunCursor key = run.cursor();
            this.all.put(key, run);
            NavigableMap<RunCursor, RunRecord> job = this.byJob.computeIfAbsent(run.jobId(), (id) -> new TreeMap<>(RunOrder.NEWEST_FIRST));
            job.put(key, run);
            while (job.size() > this.maxPerJob) {
                this.all.remove(job.pollLastEntry().getKey());
            }
            while (this.all.size() > this.maxTotal) {
                remove(this.all.lastEntry().getValue());
            }
        }
    }

    @Override
    public synchronized List<RunRecord> findRuns(RunQuery query) {
        NavigableMap<RunCursor, RunRecord> source = query.jobId() == null ? this.all : this.byJob.get(query.jobId());
        if (source == null) {
            return List.of();
        }
        if (query.after() != null) {
            source = source.tailMap(query.after(), false);
        }
        List<RunRecord> page = new ArrayList<>();
        for (RunRecord run : source.values()) {
            if (query.since() != null && run.finishedAt().isBefore(query.since())) {
                break;
            }
            if (query.matches(run)) {
                page.add(run);
                if (page.size() == query.limit()) {
                    break;
                }
            }
        }
        return page;
    }

    @Override
    public synchronized int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        Instant oldest = now.minus(retention.maxAge());
        int removed = 0;
        while (removed < batchSize && !this.all.isEmpty() && this.all.lastKey().finishedAt().isBefore(oldest)) {
            remove(this.all.lastEntry().getValue());
            removed++;
        }
        Iterator<NavigableMap<RunCursor, RunRecord>> jobs = this.byJob.values().iterator();
        while (removed < batchSize && jobs.hasNext()) {
            NavigableMap<RunCursor, RunRecord> job = jobs.next();
            while (removed < batchSize && job.size() > retention.maxRunsPerJob()) {
                this.all.remove(job.pollLastEntry().getKey());
                removed++;
            }
            if (job.isEmpty()) {
                jobs.remove();
            }
        }
        return removed;
    }

    private void remove(RunRecord run) {
        this.all.remove(run.cursor());
        NavigableMap<RunCursor, RunRecord> job = this.byJob.get(run.jobId());
        if (job != null) {
            job.remove(run.cursor());
            if (job.isEmpty()) {
                this.byJob.remove(run.jobId());
            }
        }
    }
}
