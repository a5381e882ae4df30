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
 * <p>Costs: each record is one {@link RunNode} in the {@link RunLog} of all records, appended in O(1) when it comes
 * in finish order (placed by a short scan or a binary search otherwise), and in its job's ring, found through the
 * {@link JobRunIndex} in O(1); dropping the oldest record, in total or of a job, is O(1) plus, when the job is left without records, a
 * removal from the index. Reading all records pages by binary search in the log; reading a job's walks its ring from
 * the newest record, O(records of the job) for a deep page; {@code lastRuns} is one index look-up per id.
 */
final class MemoryRunHistory implements RunHistory {

    private final int maxPerJob;

    private final int maxTotal;

    private final RunLog all = new RunLog();

    private final JobRunIndex byJob = new JobRunIndex();

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
            RunNode node = new RunNode(run);
            RunNode stored = this.all.insert(node);
            if (stored != node) {
                if (!stored.removed && stored.jobId.equals(run.jobId())) {
                    stored.keep(run);
                }
                continue;
            }
            RunNode newest = addToJob(node);
            while (newest.jobRuns > this.maxPerJob) {
                dropOldestOfJob(newest);
            }
            while (this.all.size() > this.maxTotal) {
                RunNode oldest = this.all.oldest();
                if (oldest == null) {
                    break;
                }
                dropOldestOfJob(oldest.older);
            }
        }
    }

    /** Links a new node into its job's ring; returns the job's newest node afterwards. */
    private RunNode addToJob(RunNode node) {
        int slot = this.byJob.find(node.jobId, node.jobHash);
        if (slot < 0) {
            this.byJob.add(slot, node.jobId, node.jobHash, node);
            return node;
        }
        RunNode newest = this.byJob.node(slot);
        if (node.compareTo(newest) > 0) {
            node.linkNewerThan(newest);
            node.jobRuns = newest.jobRuns + 1;
            this.byJob.set(slot, node);
            return node;
        }
        // out of order: after the newest older node, or as the oldest (after the newest, the ring going round)
        RunNode older = newest.older;
        while (older != newest && older.compareTo(node) > 0) {
            older = older.older;
        }
        node.linkNewerThan(older);
        newest.jobRuns++;
        return newest;
    }

    /** Removes the oldest record of the job whose newest node is given (the oldest's {@code older}). */
    private void dropOldestOfJob(RunNode newest) {
        RunNode oldest = newest.newer;
        if (oldest == newest) {
            this.byJob.remove(oldest.jobId, oldest.jobHash);
        }
        else {
            oldest.unlink();
            newest.jobRuns--;
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
            RunNode node = this.all.at(offset);
            if (node.removed) {
                continue;
            }
            if (since != null && node.finishedAt().isBefore(since)) {
                break;
            }
            if (addIfMatching(node, query, page)) {
                break;
            }
        }
        return page;
    }

    private List<RunRecord> findOfJob(RunQuery query, String jobId) {
        RunNode newest = this.byJob.get(jobId);
        if (newest == null) {
            return List.of();
        }
        List<RunRecord> page = new ArrayList<>();
        Instant since = query.since();
        @Nullable RunKey after = query.after() == null ? null : RunKey.of(query.after());
        RunNode node = newest;
        do {
            if (after == null || node.compareTo(after) < 0) {
                if (since != null && node.finishedAt().isBefore(since)) {
                    break;
                }
                if (addIfMatching(node, query, page)) {
                    break;
                }
            }
            node = node.older;
        }
        while (node != newest);
        return page;
    }

    /** Adds the node's record to the page when it matches the query (built only when it can); whether the page is full. */
    private static boolean addIfMatching(RunNode node, RunQuery query, List<RunRecord> page) {
        if (node.mayMatch(query)) {
            RunRecord run = node.record();
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
                RunNode node = this.byJob.get(jobId);
                if (node != null) {
                    newest.put(jobId, node.record());
                }
            }
        }
        return newest;
    }

    @Override
    public synchronized int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        Instant oldest = now.minus(retention.maxAge());
        int removed = 0;
        for (RunNode node = this.all.oldest(); removed < batchSize && node != null; node = this.all.oldest()) {
            if (!node.finishedAt().isBefore(oldest)) {
                break;
            }
            dropOldestOfJob(node.older);
            removed++;
        }
        // trimming a job keeps it at least one record (maxRunsPerJob is at least 1), so no slot of the index moves
        for (int slot = 0; removed < batchSize && slot < this.byJob.capacity(); slot++) {
            RunNode newest = this.byJob.nodeAt(slot);
            if (newest != null) {
                int keep = Math.max(retention.maxRunsPerJob(), newest.jobRuns - (batchSize - removed));
                while (newest.jobRuns > keep) {
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
            RunNode node = this.all.at(offset);
            if (!node.removed) {
                records.add(node.record());
            }
        }
        return records;
    }
}
