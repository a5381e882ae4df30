package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One run record of a {@link MemoryRunHistory}: its {@link RunKey}, the record's parts and its links in its job's ring.
 *
 * <p>The record is kept in this one object, not as the {@link RunRecord} and its instants, so that a full history is
 * fewer objects for the garbage collector to copy; {@link #record()} builds the record again, equal to the one given.
 * Times are kept as epoch milliseconds when they are whole milliseconds (the scheduler truncates them so); a record
 * with a finer time is kept whole instead.
 *
 * <p>A job's nodes form a circular doubly linked ring in key order: {@link #older} leads from the job's newest
 * node towards its oldest and from the oldest back to the newest, {@link #newer} the other way. So the newest node
 * reaches the oldest in one step ({@code newest.newer}) and the oldest reaches the newest ({@code oldest.older}),
 * and either end is taken out in O(1). Only the newest node's {@link #jobRuns} is kept up to date. Not thread-safe:
 * guarded by the history's lock.
 */
final class RunNode extends RunKey {

    private static final long NO_TIME = Long.MIN_VALUE;

    /** The record's job id and its hash code, read without the record. */
    final String jobId;

    final int jobHash;

    /** Whether the node is removed (it may stay in the {@link RunLog} as an empty slot). */
    boolean removed;

    /** The next older node of the job; the job's newest for its oldest. */
    RunNode older = this;

    /** The next newer node of the job; the job's oldest for its newest. */
    RunNode newer = this;

    /** On the job's newest node: how many nodes the job has. */
    int jobRuns = 1;

    /** The record when a time of it is not whole milliseconds, else {@code null} and the record is in the fields below. */
    private @Nullable RunRecord keptWhole;

    private String jobName;

    private String task;

    private String jobStore;

    private String executor;

    private String instance;

    private long scheduledAt;

    private long submittedAt;

    private long startedAt;

    private RunOutcome outcome;

    private int attempt;

    private @Nullable RunError error;

    private @Nullable String result;

    private boolean resultNotJson;

    private boolean resultTruncated;

    @SuppressWarnings("NullAway.Init") // the record's parts are set by keep
    RunNode(RunRecord record) {
        super(record.finishedAt(), record.runId());
        this.jobId = record.jobId();
        this.jobHash = this.jobId.hashCode();
        keep(record);
    }

    /** Keeps a record of this node's key and job: the one it is made from, or one that replaces it. */
    void keep(RunRecord record) {
        this.jobName = record.jobName();
        this.task = record.task();
        this.jobStore = record.jobStore();
        this.executor = record.executor();
        this.instance = record.instance();
        this.outcome = record.outcome();
        this.attempt = record.attempt();
        this.error = record.error();
        this.result = record.result();
        this.resultNotJson = record.resultNotJson();
        this.resultTruncated = record.resultTruncated();
        this.scheduledAt = millis(record.scheduledAt());
        this.submittedAt = millis(record.submittedAt());
        this.startedAt = millis(record.startedAt());
        boolean exact = this.scheduledAt != NO_TIME && (record.submittedAt() == null || this.submittedAt != NO_TIME)
                && (record.startedAt() == null || this.startedAt != NO_TIME);
        this.keptWhole = exact ? null : record;
    }

    /** The record of a node that is not removed, equal to the one it was made from (or replaced with). */
    RunRecord record() {
        if (this.removed) {
            throw new IllegalStateException("run " + runId() + " was removed from the history");
        }
        RunRecord kept = this.keptWhole;
        if (kept != null) {
            return kept;
        }
        return new RunRecord(runId(), this.jobId, this.jobName, this.task, this.jobStore, this.executor, Instant.ofEpochMilli(this.scheduledAt),
                instant(this.submittedAt), instant(this.startedAt), finishedAt(), this.outcome, this.attempt, this.instance, this.error,
                this.result, this.resultNotJson, this.resultTruncated);
    }

    // epoch milliseconds of a whole-millisecond instant within the long range, else NO_TIME
    private static long millis(@Nullable Instant time) {
        if (time == null || time.getNano() % 1_000_000 != 0 || Math.abs(time.getEpochSecond()) > Long.MAX_VALUE / 1000 - 1) {
            return NO_TIME;
        }
        return time.toEpochMilli();
    }

    private static @Nullable Instant instant(long millis) {
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Whether the record can match a query, judged by its outcome and finish time alone, so that a query that scans
     * many records builds only those that can match; {@link RunQuery#matches} decides.
     */
    boolean mayMatch(RunQuery query) {
        if (!query.outcomes().isEmpty() && !query.outcomes().contains(this.outcome)) {
            return false;
        }
        Instant until = query.until();
        return until == null || this.second < until.getEpochSecond() || this.second == until.getEpochSecond() && this.nano < until.getNano();
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
