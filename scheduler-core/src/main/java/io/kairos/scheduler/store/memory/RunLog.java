package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;

import java.util.function.IntPredicate;

/**
 * All records of a {@link MemoryRunHistory} in key order, oldest first: a ring of {@link RunColumns} rows. Records
 * mostly come in finish order (a burst of runs ending one after the other), so a row is usually appended after the
 * last one in O(1), and the oldest is dropped from the front in O(1). A row that comes out of order is placed by a
 * short scan back from the end (up to 8 slots), else by binary search, moving the rows on the shorter side of its
 * place by one slot: O(d) for a row d places from the end when d is small (records that reach the history a little
 * late, the common case), else O(log n + d) with d counted from the nearer end.
 *
 * <p>Removing a row that is not at an end leaves its slot in place, the row keeping its key and marked removed, so
 * the binary search still works; the log frees a removed row ({@link RunColumns#free}) once its slot is dropped.
 * Empty slots at either end are dropped at once, and the ring is compacted when empty slots outnumber the rows (plus
 * a constant) and shrunk when its capacity is more than four times the rows, so every operation is amortised as
 * above and the ring holds at most about four times as many slots as rows. Positions count from {@link #head} without
 * wrapping: slot {@code position & (capacity - 1)}. Not thread-safe: guarded by the history's lock.
 */
final class RunLog {

    private static final int INITIAL_CAPACITY = 64;

    private final RunColumns columns;

    private int[] slots = new int[INITIAL_CAPACITY];

    private int head;

    private int tail;

    /** The rows not removed. */
    private int size;

    RunLog(RunColumns columns) {
        this.columns = columns;
    }

    int size() {
        return this.size;
    }

    /** The ring's capacity in slots (for tests). */
    int capacity() {
        return this.slots.length;
    }

    /** The slots from the oldest to the newest row, empty ones included: offsets {@code 0} to {@code span() - 1}. */
    int span() {
        return this.tail - this.head;
    }

    /** The row at an offset from the oldest; check {@link RunColumns#isRemoved} for an empty slot. */
    int at(int offset) {
        return row(this.head + offset);
    }

    /** The oldest row, or {@link RunColumns#NONE} when the log is empty. */
    int oldest() {
        return this.size == 0 ? RunColumns.NONE : row(this.head);
    }

    /**
     * Puts a new row in its place. When a row of the same key is there already, returns that one and leaves the log
     * as it was, unless that one was removed: then the new row takes its slot and the removed one is freed.
     *
     * @return {@code row} when it was put in, else the row of the same key that was there
     */
    int insert(int row) {
        if (span() == this.slots.length) {
            grow();
        }
        int span = span();
        if (span == 0 || this.columns.compare(row, at(span - 1)) > 0) {
            this.slots[slot(this.tail++)] = row;
            this.size++;
            return row;
        }
        int offset = span - 1;
        while (offset > span - 8 && offset > 0 && this.columns.compare(at(offset - 1), row) >= 0) {
            offset--;   // a little late: a short scan back from the end
        }
        if (offset > 0 && this.columns.compare(at(offset - 1), row) >= 0) {
            offset = firstNotBefore(row);
        }
        if (offset < span) {
            int there = at(offset);
            if (this.columns.compare(there, row) == 0) {
                if (!this.columns.isRemoved(there)) {
                    return there;
                }
                this.slots[slot(this.head + offset)] = row;
                this.columns.free(there);
                this.size++;
                return row;
            }
        }
        if (offset < span - offset) {
            this.head--;
            for (int i = 0; i < offset; i++) {
                this.slots[slot(this.head + i)] = at(i + 1);
            }
        }
        else {
            for (int i = span; i > offset; i--) {
                this.slots[slot(this.head + i)] = at(i - 1);
            }
            this.tail++;
        }
        this.slots[slot(this.head + offset)] = row;
        this.size++;
        return row;
    }

    /** How many slots hold keys before a cursor's, that is the offset from where newest-first pages after it go on. */
    int before(RunCursor cursor) {
        RunKey key = RunKey.of(cursor);
        return firstNotBefore((row) -> this.columns.compare(row, key) < 0);
    }

    // the first offset whose row is not before the given one
    private int firstNotBefore(int row) {
        return firstNotBefore((at) -> this.columns.compare(at, row) < 0);
    }

    // the first offset whose row does not satisfy 'before' (binary search over the ordered slots, where the rows that
    // satisfy it come first)
    private int firstNotBefore(IntPredicate before) {
        int low = 0;
        int high = span();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (before.test(at(mid))) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }

    /** Removes a row that is in the log: it is marked removed, and freed once its slot is dropped. */
    void remove(int row) {
        this.columns.markRemoved(row);
        this.size--;
        while (this.head != this.tail && this.columns.isRemoved(row(this.head))) {
            this.columns.free(row(this.head++));
        }
        while (this.tail != this.head && this.columns.isRemoved(row(this.tail - 1))) {
            this.columns.free(row(--this.tail));
        }
        if (this.size == 0) {
            this.head = 0;
            this.tail = 0;
            if (this.slots.length > INITIAL_CAPACITY) {
                this.slots = new int[INITIAL_CAPACITY];
            }
        }
        else if (span() > 2 * this.size + INITIAL_CAPACITY || this.slots.length > 4 * this.size + INITIAL_CAPACITY) {
            // compacted, and shrunk after a burst that retention or the bounds have trimmed since
            rebuild(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(this.size) << 2));
        }
    }

    private void grow() {
        rebuild(this.size > this.slots.length / 2 ? this.slots.length * 2 : this.slots.length);
    }

    // copies the rows not removed, in order, to the start of a ring of the given capacity, freeing the removed ones
    private void rebuild(int capacity) {
        int[] copy = new int[capacity];
        int n = 0;
        if (this.size == span()) {
            // no empty slots: copy the ring's two parts without reading the rows
            int from = slot(this.head);
            int first = Math.min(this.size, this.slots.length - from);
            System.arraycopy(this.slots, from, copy, 0, first);
            System.arraycopy(this.slots, 0, copy, first, this.size - first);
            n = this.size;
        }
        else {
            for (int p = this.head; p != this.tail; p++) {
                int row = row(p);
                if (this.columns.isRemoved(row)) {
                    this.columns.free(row);
                }
                else {
                    copy[n++] = row;
                }
            }
        }
        this.slots = copy;
        this.head = 0;
        this.tail = n;
    }

    private int row(int position) {
        return this.slots[slot(position)];
    }

    private int slot(int position) {
        return position & (this.slots.length - 1);
    }
}
