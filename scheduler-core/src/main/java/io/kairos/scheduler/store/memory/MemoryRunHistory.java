package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOrder;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The memory store's run history: the records newest first, in total and per job, bounded at write time (the
 * oldest records beyond {@code maxPerJob} for a job, or {@code maxTotal} in all, are dropped) and trimmed further
 * by the retention. Thread-safe (one lock).
 *
 * <p>Costs: recording one run is O(log n) in one sorted map plus a hash look-up. A job with one record (a one-shot
 * job, the common case of a burst) keeps that record itself in the per-job index; a sorted map of its own is built
 * only when its second record comes.
 */
final class MemoryRunHistory implements RunHistory {

    private final int maxPerJob;

    private final int maxTotal;

    /** {@link RunOrder#NEWEST_FIRST}, written out: no comparator chain per comparison. */
    private static final Comparator<RunCursor> NEWEST_FIRST = (a, b) -> {
        int byTime = b.finishedAt().compareTo(a.finishedAt());
        return byTime != 0 ? byTime : b.runId().compareTo(a.runId());
    };

    private final NavigableMap<RunCursor, RunRecord> all = new TreeMap<>(NEWEST_FIRST);

    /** Per job id: its only {@link RunRecord}, or a {@code NavigableMap<RunCursor, RunRecord>} of two or more. */
    private final Map<String, Object> byJob = new HashMap<>();

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
            Object held = this.byJob.putIfAbsent(run.jobId(), run);
            if (held instanceof RunRecord single) {
                if (single.cursor().equals(key)) {
                    this.byJob.put(run.jobId(), run);
                }
                else {
                    NavigableMap<RunCursor, RunRecord> job = new TreeMap<>(NEWEST_FIRST);
                    job.put(single.cursor(), single);
                    job.put(key, run);
                    this.byJob.put(run.jobId(), job);
                    trim(run.jobId(), job, this.maxPerJob);
                }
            }
            else if (held != null) {
                NavigableMap<RunCursor, RunRecord> job = runsOf(held);
                job.put(key, run);
                trim(run.jobId(), job, this.maxPerJob);
            }
            while (this.all.size() > this.maxTotal) {
                remove(this.all.lastEntry().getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static NavigableMap<RunCursor, RunRecord> runsOf(Object held) {
        return (NavigableMap<RunCursor, RunRecord>) held;
    }

    /** Drops a job's oldest records beyond {@code max} (at least 1); a job left with one record keeps it alone. */
    private int trim(String jobId, NavigableMap<RunCursor, RunRecord> job, int max) {
        int removed = 0;
        while (job.size() > max) {
            this.all.remove(job.pollLastEntry().getKey());
            removed++;
        }
        if (job.size() == 1) {
            this.byJob.put(jobId, job.firstEntry().getValue());
        }
        return removed;
    }

    @Override
    public synchronized List<RunRecord> findRuns(RunQuery query) {
        NavigableMap<RunCursor, RunRecord> source = query.jobId() == null ? this.all : jobRuns(query.jobId());
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

    /**
     * {@inheritDoc}
     *
     * <p>One hash look-up per id, under the lock.
     */
    @Override
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        List<String> ids = RunHistory.checkJobIds(jobIds);
        Map<String, RunRecord> newest = new HashMap<>();
        synchronized (this) {
            for (String jobId : ids) {
                Object held = this.byJob.get(jobId);
                if (held != null) {
                    newest.put(jobId, held instanceof RunRecord single ? single : runsOf(held).firstEntry().getValue());
                }
            }
        }
        return newest;
    }

    @Override
    public synchronized int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        Instant oldest = now.minus(retention.maxAge());
        int removed = 0;
        while (removed < batchSize && !this.all.isEmpty() && this.all.lastKey().finishedAt().isBefore(oldest)) {
            remove(this.all.lastEntry().getValue());
            removed++;
        }
        // a job with one record is within every bound (at least 1); only those with a map of their own may be over
        List<String> over = new ArrayList<>();
        for (Map.Entry<String, Object> job : this.byJob.entrySet()) {
            if (!(job.getValue() instanceof RunRecord) && runsOf(job.getValue()).size() > retention.maxRunsPerJob()) {
                over.add(job.getKey());
            }
        }
        for (Iterator<String> ids = over.iterator(); removed < batchSize && ids.hasNext();) {
            String jobId = ids.next();
            NavigableMap<RunCursor, RunRecord> job = runsOf(Objects.requireNonNull(this.byJob.get(jobId), jobId));
            removed += trim(jobId, job, Math.max(retention.maxRunsPerJob(), job.size() - (batchSize - removed)));
        }
        return removed;
    }

    /** A job's records as a map, or {@code null} when it has none. */
    private @Nullable NavigableMap<RunCursor, RunRecord> jobRuns(String jobId) {
        Object held = this.byJob.get(jobId);
        if (held instanceof RunRecord single) {
            NavigableMap<RunCursor, RunRecord> one = new TreeMap<>(NEWEST_FIRST);
            one.put(single.cursor(), single);
            return one;
        }
        return held == null ? null : runsOf(held);
    }

    private void remove(RunRecord run) {
        RunCursor key = run.cursor();
        this.all.remove(key);
        Object held = this.byJob.get(run.jobId());
        if (held instanceof RunRecord single) {
            if (single.cursor().equals(key)) {
                this.byJob.remove(run.jobId());
            }
        }
        else if (held != null) {
            NavigableMap<RunCursor, RunRecord> job = runsOf(held);
            job.remove(key);
            if (job.isEmpty()) {
                this.byJob.remove(run.jobId());
            }
            else if (job.size() == 1) {
                this.byJob.put(run.jobId(), job.firstEntry().getValue());
            }
        }
    }
}
