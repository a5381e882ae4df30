package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The memory store's run history: the records newest first, in total and per job, bounded at write time (the
 * oldest records beyond {@code maxPerJob} for a job, or {@code maxTotal} in all, are dropped) and trimmed further
 * by the retention. A record whose key ({@code finishedAt}, {@code runId}) is stored already replaces the stored one
 * when it is of the same job, and is ignored otherwise. Thread-safe (one lock).
 *
 * <p>Costs: each record is one row of {@link RunColumns} (no object per record unless it has an error or a result),
 * in the {@link RunLog} of all records, appended in O(1) when it comes in finish order (placed by a short scan or a
 * binary search otherwise), and in its job's ring, found through the {@link JobRunIndex} in O(1); dropping the
 * oldest record, in total or of a job, is O(1) plus, when the job is left without records, a removal from the index. Reading all records pages by binary search in the log; reading a job's walks its ring from
 * the newest record, O(records of the job) for a deep page; {@code lastRuns} is one index look-up per id.
 */
final class MemoryRunHistory implements RunHistory {

    private final int maxPerJob;

    private final int maxTotal;

    private final RunColumns rows = new RunColumns();

    private final RunLog all = new RunLog(this.rows);

    private final JobRunIndex byJob = new JobRunIndex(this.rows);

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
            int row = this.rows.add(run);
            int stored = this.all.insert(row);
            if (stored != row) {
                if (this.rows.jobId(stored).equals(run.jobId())) {
                    this.rows.keep(stored, run);
                }
                this.rows.free(row);
                continue;
            }
            int newest = addToJob(row);
            while (this.rows.jobRuns(newest) > this.maxPerJob) {
                dropOldestOfJob(newest);
            }
            while (this.all.size() > this.maxTotal) {
                int oldest = this.all.oldest();
                if (oldest == RunColumns.NONE) {
                    break;
                }
                dropOldestOfJob(this.rows.older(oldest));
            }
        }
    }

    /** Links a new row into its job's ring; returns the job's newest row afterwards. */
    private int addToJob(int row) {
        String jobId = this.rows.jobId(row);
        int hash = this.rows.jobHash(row);
        int slot = this.byJob.find(jobId, hash);
        if (slot < 0) {
            this.byJob.add(slot, jobId, hash, row);
            return row;
        }
        int newest = this.byJob.rowAt(slot);
        this.rows.shareNames(row, newest);
        if (this.rows.compare(row, newest) > 0) {
            this.rows.linkNewerThan(row, newest);
            this.rows.jobRuns(row, this.rows.jobRuns(newest) + 1);
            this.byJob.set(slot, row);
            return row;
        }
        // out of order: after the newest older row, or as the oldest (after the newest, the ring going round)
        int older = this.rows.older(newest);
        while (older != newest && this.rows.compare(older, row) > 0) {
            older = this.rows.older(older);
        }
        this.rows.linkNewerThan(row, older);
        this.rows.jobRuns(newest, this.rows.jobRuns(newest) + 1);
        return newest;
    }

    /** Removes the oldest record of the job whose newest row is given (the oldest's {@code older}). */
    private void dropOldestOfJob(int newest) {
        int oldest = this.rows.newer(newest);
        if (oldest == newest) {
            this.byJob.remove(this.rows.jobId(oldest), this.rows.jobHash(oldest));
        }
        else {
            this.rows.unlink(oldest);
            this.rows.jobRuns(newest, this.rows.jobRuns(newest) - 1);
        }
        this.all.remove(oldest);
    }

    @Override
    public synchronized List<RunRecord> findRuns(RunQuery query) {
        return query.jobId() == null ? findAll(query) : findOfJob(query, query.jobId());
    }

    private List<RunRecord> findAll(RunQuery query) {
        List<RunRecord> page = new ArrayList<>();
        Instant since = query.since();
        for (int offset = query.after() == null ? this.all.span() - 1 : this.all.before(query.after()) - 1; offset >= 0; offset--) {
            int row = this.all.at(offset);
            if (this.rows.isRemoved(row)) {
                continue;
            }
            if (since != null && this.rows.finishedBefore(row, since)) {
                break;
            }
            if (addIfMatching(row, query, page)) {
                break;
            }
        }
        return page;
    }

    private List<RunRecord> findOfJob(RunQuery query, String jobId) {
        int newest = this.byJob.get(jobId);
        if (newest == RunColumns.NONE) {
            return List.of();
        }
        List<RunRecord> page = new ArrayList<>();
        Instant since = query.since();
        @Nullable RunKey after = query.after() == null ? null : RunKey.of(query.after());
        int row = newest;
        do {
            if (after == null || this.rows.compare(row, after) < 0) {
                if (since != null && this.rows.finishedBefore(row, since)) {
                    break;
                }
                if (addIfMatching(row, query, page)) {
                    break;
                }
            }
            row = this.rows.older(row);
        }
        while (row != newest);
        return page;
    }

    /** Adds the row's record to the page when it matches the query (built only when it can); whether the page is full. */
    private boolean addIfMatching(int row, RunQuery query, List<RunRecord> page) {
        if (this.rows.mayMatch(row, query)) {
            RunRecord run = this.rows.record(row);
            if (query.matches(run)) {
                page.add(run);
            }
        }
        return page.size() == query.limit();
    }

    /**
     * {@inheritDoc}
     *
     * <p>One index look-up per id, under the lock.
     */
    @Override
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        List<String> ids = RunHistory.distinctJobIds(jobIds);
        Map<String, RunRecord> newest = new HashMap<>();
        synchronized (this) {
            for (String jobId : ids) {
                int row = this.byJob.get(jobId);
                if (row != RunColumns.NONE) {
                    newest.put(jobId, this.rows.record(row));
                }
            }
        }
        return newest;
    }

    @Override
    public synchronized int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        Instant oldest = now.minus(retention.maxAge());
        int removed = 0;
        for (int row = this.all.oldest(); removed < batchSize && row != RunColumns.NONE; row = this.all.oldest()) {
            if (!this.rows.finishedBefore(row, oldest)) {
                break;
            }
            dropOldestOfJob(this.rows.older(row));
            removed++;
        }
        // trimming a job keeps it at least one record (maxRunsPerJob is at least 1), so no slot of the index moves
        for (int slot = 0; removed < batchSize && slot < this.byJob.capacity(); slot++) {
            int newest = this.byJob.rowAt(slot);
            if (newest != RunColumns.NONE) {
                int keep = Math.max(retention.maxRunsPerJob(), this.rows.jobRuns(newest) - (batchSize - removed));
                while (this.rows.jobRuns(newest) > keep) {
                    dropOldestOfJob(newest);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The stored records, oldest first, for tests. */
    synchronized List<RunRecord> records() {
        List<RunRecord> records = new ArrayList<>(this.all.size());
        for (int offset = 0; offset < this.all.span(); offset++) {
            int row = this.all.at(offset);
            if (!this.rows.isRemoved(row)) {
                records.add(this.rows.record(row));
            }
        }
        return records;
    }

    /** The rows in use, removed ones not yet freed included (for tests). */
    synchronized int rowsInUse() {
        return this.rows.rows();
    }
}
