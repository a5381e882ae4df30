package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunIds;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The run records of a {@link MemoryRunHistory}, kept in columns: each record is a number (its row) and its parts
 * lie in three arrays: {@link #STRIDE_LONG} numbers, {@link #STRIDE_INT} small numbers and {@link #STRIDE_REF}
 * references a row (the job id; the job name, task, store, executor and instance as one object, shared by the rows
 * of a job and by consecutive rows of other jobs that have the same; and what few records have: an error, a result,
 * a run id of another shape). A history of runs without error or result is thus three arrays plus an object per job
 * for the garbage collector, rather than an object per record, so a burst of runs no longer leaves every kept record
 * for young collections to copy (G1 copies an array as one block, and never a large one).
 * {@link #record} builds a record again, equal to the one given.
 *
 * <p>Times are kept as epoch milliseconds when they are whole milliseconds (the scheduler truncates them so); the
 * finish time, which orders the records, is kept exactly (second and nanosecond). A record with another time finer
 * than a millisecond is kept whole. A run id of the scheduler's shape ({@link RunIds}) is kept as two numbers and
 * rendered on demand; comparing the numbers orders as comparing the text does. Any other run id is kept as given.
 *
 * <p>A job's rows form a circular doubly linked ring in key order: {@link #older} leads from the job's newest row
 * towards its oldest and from the oldest back to the newest, {@link #newer} the other way, so either end is taken out
 * in O(1). Only the newest row's {@link #jobRuns} is kept up to date. Rows are reused once {@link #free}d; the arrays
 * grow by half when full and never shrink. Not thread-safe: guarded by the history's lock.
 */
final class RunColumns {

    /** No row: an empty slot, or the end of a search. */
    static final int NONE = -1;

    private static final long NO_TIME = Long.MIN_VALUE;

    private static final int INITIAL_ROWS = 64;

    private static final RunOutcome[] OUTCOMES = RunOutcome.values();

    // longs of a row
    private static final int SECOND = 0;
    private static final int RUN_HIGH = 1;
    private static final int RUN_LOW = 2;
    private static final int SCHEDULED = 3;
    private static final int SUBMITTED = 4;
    private static final int STARTED = 5;
    static final int STRIDE_LONG = 6;

    // ints of a row
    private static final int NANO = 0;
    private static final int JOB_HASH = 1;
    private static final int OLDER = 2;
    private static final int NEWER = 3;
    private static final int JOB_RUNS = 4;
    private static final int ATTEMPT = 5;
    /** The outcome's ordinal, plus {@link #REMOVED}, {@link #PACKED}, {@link #NOT_JSON} and {@link #TRUNCATED}. */
    private static final int FLAGS = 6;
    static final int STRIDE_INT = 7;

    private static final int OUTCOME_BITS = 0xff;
    private static final int REMOVED = 1 << 8;
    /** The run id is of the scheduler's shape, kept as numbers in {@link #RUN_HIGH} and {@link #RUN_LOW}. */
    private static final int PACKED = 1 << 9;
    private static final int NOT_JSON = 1 << 10;
    private static final int TRUNCATED = 1 << 11;
    /** The row is on the free list. */
    private static final int FREE = 1 << 12;

    // references of a row
    private static final int JOB_ID = 0;
    /** The job name, task, store, executor and instance ({@link Names}), shared by rows that have the same. */
    private static final int NAMES = 1;
    /** {@code null}; or the whole record when a time is finer than a millisecond; or an {@link Extra}. */
    private static final int EXTRA = 2;
    static final int STRIDE_REF = 3;

    private long[] longs = new long[INITIAL_ROWS * STRIDE_LONG];

    private int[] ints = new int[INITIAL_ROWS * STRIDE_INT];

    private @Nullable Object[] refs = new Object[INITIAL_ROWS * STRIDE_REF];

    /** Rows ever used: rows from this one on are unused. */
    private int used;

    /** Freed rows, reused last freed first. */
    private int[] free = new int[INITIAL_ROWS];

    private int freeCount;

    /** The names of the row kept last, shared with the next row of the same names. */
    private @Nullable Names lastNames;

    /** {@link RunIds#pack}'s output for {@link #add}. */
    private final long[] packedId = new long[2];

    /** The rows in use (for tests). */
    int rows() {
        return this.used - this.freeCount;
    }

    /**
     * Takes a row for a record: its key, job and parts, alone in its job's ring, not removed.
     *
     * @return the row
     */
    int add(RunRecord record) {
        int row = takeRow();
        Instant finishedAt = record.finishedAt();
        String runId = record.runId();
        boolean packed = RunIds.pack(runId, this.packedId);
        int l = row * STRIDE_LONG;
        this.longs[l + SECOND] = finishedAt.getEpochSecond();
        this.longs[l + RUN_HIGH] = this.packedId[0];
        this.longs[l + RUN_LOW] = this.packedId[1];
        int i = row * STRIDE_INT;
        this.ints[i + NANO] = finishedAt.getNano();
        String jobId = record.jobId();
        this.ints[i + JOB_HASH] = jobId.hashCode();
        this.ints[i + OLDER] = row;
        this.ints[i + NEWER] = row;
        this.ints[i + JOB_RUNS] = 1;
        this.ints[i + FLAGS] = packed ? PACKED : 0;
        this.refs[row * STRIDE_REF + JOB_ID] = jobId;
        keep(row, record);
        return row;
    }

    /** Keeps a record of this row's key and job in it: the one it was taken for, or one that replaces it. */
    void keep(int row, RunRecord record) {
        int l = row * STRIDE_LONG;
        long scheduled = millis(record.scheduledAt());
        long submitted = millis(record.submittedAt());
        long started = millis(record.startedAt());
        this.longs[l + SCHEDULED] = scheduled;
        this.longs[l + SUBMITTED] = submitted;
        this.longs[l + STARTED] = started;
        int i = row * STRIDE_INT;
        this.ints[i + ATTEMPT] = record.attempt();
        this.ints[i + FLAGS] = (this.ints[i + FLAGS] & (REMOVED | PACKED)) | record.outcome().ordinal()
                | (record.resultNotJson() ? NOT_JSON : 0) | (record.resultTruncated() ? TRUNCATED : 0);
        boolean exact = scheduled != NO_TIME && (record.submittedAt() == null || submitted != NO_TIME)
                && (record.startedAt() == null || started != NO_TIME);
        int r = row * STRIDE_REF;
        Names names = this.lastNames;
        if (names == null || !names.areOf(record)) {
            names = new Names(record.jobName(), record.task(), record.jobStore(), record.executor(), record.instance());
            this.lastNames = names;
        }
        this.refs[r + NAMES] = names;
        String runIdText = (this.ints[i + FLAGS] & PACKED) == 0 ? record.runId() : null;
        this.refs[r + EXTRA] = !exact ? record
                : runIdText != null || record.error() != null || record.result() != null ? new Extra(runIdText, record.error(), record.result())
                : null;
    }

    /** The record of a row that is not removed, equal to the one kept in it. */
    RunRecord record(int row) {
        if (isRemoved(row)) {
            throw new IllegalStateException("run " + runId(row) + " was removed from the history");
        }
        Object extra = this.refs[row * STRIDE_REF + EXTRA];
        if (extra instanceof RunRecord whole) {
            return whole;
        }
        Extra parts = (Extra) extra;
        Names names = names(row);
        int l = row * STRIDE_LONG;
        int flags = this.ints[row * STRIDE_INT + FLAGS];
        return new RunRecord(runId(row), jobId(row), names.jobName(), names.task(), names.jobStore(), names.executor(),
                Instant.ofEpochMilli(this.longs[l + SCHEDULED]), instant(this.longs[l + SUBMITTED]), instant(this.longs[l + STARTED]),
                finishedAt(row), OUTCOMES[flags & OUTCOME_BITS], this.ints[row * STRIDE_INT + ATTEMPT], names.instance(),
                parts == null ? null : parts.error(), parts == null ? null : parts.result(), (flags & NOT_JSON) != 0,
                (flags & TRUNCATED) != 0);
    }

    /**
     * Whether the row's record can match a query, judged by its outcome and finish time alone, so that a query that
     * scans many records builds only those that can match; {@link RunQuery#matches} decides.
     */
    boolean mayMatch(int row, RunQuery query) {
        RunOutcome outcome = OUTCOMES[this.ints[row * STRIDE_INT + FLAGS] & OUTCOME_BITS];
        if (!query.outcomes().isEmpty() && !query.outcomes().contains(outcome)) {
            return false;
        }
        Instant until = query.until();
        return until == null || compareFinish(row, until) < 0;
    }

    /** Whether the row's record finished before a time. */
    boolean finishedBefore(int row, Instant time) {
        return compareFinish(row, time) < 0;
    }

    Instant finishedAt(int row) {
        return Instant.ofEpochSecond(this.longs[row * STRIDE_LONG + SECOND], this.ints[row * STRIDE_INT + NANO]);
    }

    String runId(int row) {
        if ((this.ints[row * STRIDE_INT + FLAGS] & PACKED) == 0) {
            Object extra = this.refs[row * STRIDE_REF + EXTRA];
            return extra instanceof RunRecord whole ? whole.runId() : Objects.requireNonNull(Objects.requireNonNull((Extra) extra).runIdText());
        }
        return RunIds.ofPacked(this.longs[row * STRIDE_LONG + RUN_HIGH], this.longs[row * STRIDE_LONG + RUN_LOW]);
    }

    String jobId(int row) {
        return (String) Objects.requireNonNull(this.refs[row * STRIDE_REF + JOB_ID]);
    }

    int jobHash(int row) {
        return this.ints[row * STRIDE_INT + JOB_HASH];
    }

    /** Orders two rows by key (finish time, then run id as {@link String#compareTo}), oldest first. */
    int compare(int row, int other) {
        int byTime = compareTime(row, this.longs[other * STRIDE_LONG + SECOND], this.ints[other * STRIDE_INT + NANO]);
        if (byTime != 0) {
            return byTime;
        }
        if ((this.ints[row * STRIDE_INT + FLAGS] & this.ints[other * STRIDE_INT + FLAGS] & PACKED) != 0) {
            return comparePacked(row, this.longs[other * STRIDE_LONG + RUN_HIGH], this.longs[other * STRIDE_LONG + RUN_LOW]);
        }
        return runId(row).compareTo(runId(other));
    }

    /** Orders a row against a key, as {@link #compare(int, int)} does. */
    int compare(int row, RunKey key) {
        int byTime = compareTime(row, key.second, key.nano);
        if (byTime != 0) {
            return byTime;
        }
        if ((this.ints[row * STRIDE_INT + FLAGS] & PACKED) != 0 && key.isPacked()) {
            return comparePacked(row, key.runHigh, key.runLow);
        }
        return runId(row).compareTo(key.runId());
    }

    private int compareTime(int row, long second, int nano) {
        long mySecond = this.longs[row * STRIDE_LONG + SECOND];
        if (mySecond != second) {
            return mySecond < second ? -1 : 1;
        }
        return Integer.compare(this.ints[row * STRIDE_INT + NANO], nano);
    }

    private int comparePacked(int row, long high, long low) {
        int byHigh = Long.compare(this.longs[row * STRIDE_LONG + RUN_HIGH], high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(this.longs[row * STRIDE_LONG + RUN_LOW], low);
    }

    private int compareFinish(int row, Instant time) {
        return compareTime(row, time.getEpochSecond(), time.getNano());
    }

    boolean isRemoved(int row) {
        return (this.ints[row * STRIDE_INT + FLAGS] & REMOVED) != 0;
    }

    /** Marks a row removed: it keeps its key until it is {@link #free}d. */
    void markRemoved(int row) {
        this.ints[row * STRIDE_INT + FLAGS] |= REMOVED;
    }

    /**
     * Gives a row back for reuse, dropping its references.
     *
     * @throws IllegalStateException when the row is free already
     */
    void free(int row) {
        if ((this.ints[row * STRIDE_INT + FLAGS] & FREE) != 0) {
            throw new IllegalStateException("run history row " + row + " freed twice");
        }
        this.ints[row * STRIDE_INT + FLAGS] = FREE;
        Arrays.fill(this.refs, row * STRIDE_REF, (row + 1) * STRIDE_REF, null);
        if (this.freeCount == this.free.length) {
            this.free = Arrays.copyOf(this.free, 2 * this.free.length);
        }
        this.free[this.freeCount++] = row;
    }

    /** The next older row of the row's job; the job's newest for its oldest. */
    int older(int row) {
        return this.ints[row * STRIDE_INT + OLDER];
    }

    /** The next newer row of the row's job; the job's oldest for its newest. */
    int newer(int row) {
        return this.ints[row * STRIDE_INT + NEWER];
    }

    /** On the job's newest row: how many rows the job has. */
    int jobRuns(int row) {
        return this.ints[row * STRIDE_INT + JOB_RUNS];
    }

    void jobRuns(int row, int runs) {
        this.ints[row * STRIDE_INT + JOB_RUNS] = runs;
    }

    /**
     * Makes a row share the names object of another row of its job when they have the same names, so that a job's
     * rows keep one object between them however other jobs' runs interleave.
     */
    void shareNames(int row, int ofJob) {
        Object mine = this.refs[row * STRIDE_REF + NAMES];
        Object theirs = this.refs[ofJob * STRIDE_REF + NAMES];
        if (mine != theirs && Objects.equals(mine, theirs)) {
            this.refs[row * STRIDE_REF + NAMES] = theirs;
        }
    }

    /** Links a lone row into a ring right after {@code older}, in the newer direction. */
    void linkNewerThan(int row, int older) {
        int newer = newer(older);
        this.ints[row * STRIDE_INT + OLDER] = older;
        this.ints[row * STRIDE_INT + NEWER] = newer;
        this.ints[newer * STRIDE_INT + OLDER] = row;
        this.ints[older * STRIDE_INT + NEWER] = row;
    }

    /** Takes a row out of its ring, leaving it alone. */
    void unlink(int row) {
        int older = older(row);
        int newer = newer(row);
        this.ints[older * STRIDE_INT + NEWER] = newer;
        this.ints[newer * STRIDE_INT + OLDER] = older;
        this.ints[row * STRIDE_INT + OLDER] = row;
        this.ints[row * STRIDE_INT + NEWER] = row;
    }

    private int takeRow() {
        if (this.freeCount > 0) {
            return this.free[--this.freeCount];
        }
        if (this.used * STRIDE_LONG == this.longs.length) {
            int rows = this.used + (this.used >> 1);
            this.longs = Arrays.copyOf(this.longs, rows * STRIDE_LONG);
            this.ints = Arrays.copyOf(this.ints, rows * STRIDE_INT);
            this.refs = Arrays.copyOf(this.refs, rows * STRIDE_REF);
        }
        return this.used++;
    }

    private Names names(int row) {
        return (Names) Objects.requireNonNull(this.refs[row * STRIDE_REF + NAMES]);
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

    /** A record's names, kept once for the rows that share them. */
    private record Names(String jobName, String task, String jobStore, String executor, String instance) {

        boolean areOf(RunRecord record) {
            return this.jobName.equals(record.jobName()) && this.task.equals(record.task()) && this.jobStore.equals(record.jobStore())
                    && this.executor.equals(record.executor()) && this.instance.equals(record.instance());
        }
    }

    /** What few records have: a run id of another shape, an error, a result. */
    private record Extra(@Nullable String runIdText, @Nullable RunError error, @Nullable String result) {
    }
}
