package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunRecord;

import org.jspecify.annotations.Nullable;

/**
 * One run record of a {@link MemoryRunHistory}: its key in the order of all records ({@code finishedAt}, then
 * {@code runId}, kept unpacked so that comparisons read no other object) and its links in its job's ring.
 *
 * <p>A job's nodes form a circular doubly linked ring in key order: {@link #older} leads from the job's newest
 * node towards its oldest and from the oldest back to the newest, {@link #newer} the other way. So the newest node
 * reaches the oldest in one step ({@code newest.newer}) and the oldest reaches the newest ({@code oldest.older}),
 * and either end is taken out in O(1). Only the newest node's {@link #jobRuns} is kept up to date. Not thread-safe:
 * guarded by the history's lock.
 */
final class RunNode {

    final long second;

    final int nano;

    final String runId;

    /** The record's job id and its hash code, read without the record. */
    final String jobId;

    final int jobHash;

    /** The record, or {@code null} once the node is removed (it may stay in the {@link RunLog} as an empty slot). */
    @Nullable RunRecord record;

    /** The next older node of the job; the job's newest for its oldest. */
    RunNode older = this;

    /** The next newer node of the job; the job's oldest for its newest. */
    RunNode newer = this;

    /** On the job's newest node: how many nodes the job has. */
    int jobRuns = 1;

    RunNode(RunRecord record) {
        this.record = record;
        this.second = record.finishedAt().getEpochSecond();
        this.nano = record.finishedAt().getNano();
        this.runId = record.runId();
        this.jobId = record.jobId();
        this.jobHash = this.jobId.hashCode();
    }

    /** The record of a node that is not removed. */
    RunRecord live() {
        RunRecord run = this.record;
        if (run == null) {
            throw new IllegalStateException("run " + this.runId + " was removed from the history");
        }
        return run;
    }

    /** Orders by key, oldest first: negative when this node is older than the other. */
    int compareTo(RunNode other) {
        return compare(other.second, other.nano, other.runId);
    }

    /** Whether this node comes after the cursor in the newest-first order, that is: its key is less. */
    boolean isAfter(RunCursor cursor) {
        return compare(cursor.finishedAt().getEpochSecond(), cursor.finishedAt().getNano(), cursor.runId()) < 0;
    }

    int compare(long otherSecond, int otherNano, String otherRunId) {
        if (this.second != otherSecond) {
            return this.second < otherSecond ? -1 : 1;
        }
        if (this.nano != otherNano) {
            return this.nano < otherNano ? -1 : 1;
        }
        return this.runId.compareTo(otherRunId);
    }

    /** Links this lone node into a ring right after {@code older}, in the newer direction. */
    void linkNewerThan(RunNode older) {
        this.older = older;
        this.newer = older.newer;
        older.newer.older = this;
        older.newer = this;
    }

    /** Takes this node out of its ring, leaving it alone. */
    void unlink() {
        this.older.newer = this.newer;
        this.newer.older = this.older;
        this.older = this;
        this.newer = this;
    }
}
