package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;

import org.jspecify.annotations.Nullable;

/**
 * All records of a {@link MemoryRunHistory} in key order, oldest first: a ring of {@link RunNode}s. Records mostly
 * come in finish order (a burst of runs ending one after the other), so a node is usually appended after the last
 * one in O(1), and the oldest is dropped from the front in O(1). A node that comes out of order is placed by a short
 * scan back from the end (up to 8 slots), else by binary search, moving the nodes on the shorter side of its place by
 * one slot: O(d) for a node d places from the end when d is small (records that reach the history a little late,
 * the common case), else O(log n + d) with d counted from the nearer end.
 *
 * <p>Removing a node that is not at an end leaves its slot in place, the node with its key and marked removed, so
 * the binary search still works; empty slots at either end are dropped at once, and the ring is compacted when
 * empty slots outnumber the nodes (plus a constant) and shrunk when its capacity is more than four times the nodes,
 * so every operation is amortised as above and the ring holds at most about four times as many slots as nodes. Positions count from {@link #head} without wrapping: slot {@code position
 * & (capacity - 1)}. Not thread-safe: guarded by the history's lock.
 */
final class RunLog {

    private static final int INITIAL_CAPACITY = 64;

    private @Nullable RunNode[] slots = new RunNode[INITIAL_CAPACITY];

    private int head;

    private int tail;

    /** The nodes not removed. */
    private int size;

    int size() {
        return this.size;
    }

    /** The slots from the oldest to the newest node, empty ones included: offsets {@code 0} to {@code span() - 1}. */
    /** The ring's capacity in slots (for tests). */
    int capacity() {
        return this.slots.length;
    }

    int span() {
        return this.tail - this.head;
    }

    /** The node at an offset from the oldest; check {@link RunNode#removed} for an empty slot. */
    RunNode at(int offset) {
        return node(this.head + offset);
    }

    /** The oldest node, or {@code null} when the log is empty. */
    @Nullable RunNode oldest() {
        return this.size == 0 ? null : node(this.head);
    }

    /**
     * Puts a new node in its place. When a node of the same key is there already, returns that one and leaves the
     * log as it was, unless that one was removed: then the new node takes its slot.
     *
     * @return {@code node} when it was put in, else the node of the same key that was there
     */
    RunNode insert(RunNode node) {
        if (span() == this.slots.length) {
            grow();
        }
        int span = span();
        if (span == 0 || node.compareTo(at(span - 1)) > 0) {
            this.slots[slot(this.tail++)] = node;
            this.size++;
            return node;
        }
        int offset = span - 1;
        while (offset > span - 8 && offset > 0 && at(offset - 1).compareTo(node) >= 0) {
            offset--;   // a little late: a short scan back from the end
        }
        if (offset > 0 && at(offset - 1).compareTo(node) >= 0) {
            offset = before(node);
        }
        if (offset < span) {
            RunNode there = at(offset);
            if (there.compareTo(node) == 0) {
                if (!there.removed) {
                    return there;
                }
                this.slots[slot(this.head + offset)] = node;
                this.size++;
                return node;
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
        this.slots[slot(this.head + offset)] = node;
        this.size++;
        return node;
    }

    /** How many slots hold keys before a cursor's, that is the offset from where newest-first pages after it go on. */
    int before(RunCursor cursor) {
        return before(RunKey.of(cursor));
    }

    // the first offset whose key is not less than the given one (binary search over the ordered slots)
    private int before(RunKey key) {
        int low = 0;
        int high = span();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at(mid).compareTo(key) < 0) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }

    /** Removes a node that is in the log: it is marked removed, its slot freed when it is at an end. */
    void remove(RunNode node) {
        node.removed = true;
        this.size--;
        while (this.head != this.tail && node(this.head).removed) {
            this.slots[slot(this.head++)] = null;
        }
        while (this.tail != this.head && node(this.tail - 1).removed) {
            this.slots[slot(--this.tail)] = null;
        }
        if (this.size == 0) {
            this.head = 0;
            this.tail = 0;
            if (this.slots.length > INITIAL_CAPACITY) {
                this.slots = new RunNode[INITIAL_CAPACITY];
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

    // copies the nodes not removed, in order, to the start of a ring of the given capacity
    private void rebuild(int capacity) {
        RunNode[] copy = new RunNode[capacity];
        int n = 0;
        if (this.size == span()) {
            // no empty slots: copy the ring's two parts without reading the nodes
            int from = slot(this.head);
            int first = Math.min(this.size, this.slots.length - from);
            System.arraycopy(this.slots, from, copy, 0, first);
            System.arraycopy(this.slots, 0, copy, first, this.size - first);
            n = this.size;
        }
        for (int p = this.head; n < this.size && p != this.tail; p++) {
            RunNode node = node(p);
            if (!node.removed) {
                copy[n++] = node;
            }
        }
        this.slots = copy;
        this.head = 0;
        this.tail = n;
    }

    @SuppressWarnings("NullAway") // positions from head to tail hold nodes
    private RunNode node(int position) {
        return this.slots[slot(position)];
    }

    private int slot(int position) {
        return position & (this.slots.length - 1);
    }
}
