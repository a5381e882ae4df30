package io.kairos.scheduler.store.memory;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The part of a {@link RunTimeHeap} that holds entries whose keys came in ascending order: a ring of slots in key
 * order, so the earliest is taken and a later one appended in O(1), without the heap's sifts. Jobs are mostly added
 * and leased in time order (a burst of jobs due now, leases that each end a fixed time after the pass that took them),
 * which is the case this serves; a key earlier than the last one appended goes to the binary heap instead.
 *
 * <p>An entry in the run records its slot as {@code -2 - slot} in {@link JobEntry#heapIndex}. Taking out an entry
 * that is neither first nor last leaves its slot empty; empty slots at either end are dropped at once, and the run
 * is compacted when empty slots outnumber its entries, so every operation is amortised O(1) and the ring holds at
 * most about twice as many slots as entries. Keys are packed as in {@link RunTimeHeap}. Not thread-safe: guarded by
 * the store's lock.
 */
final class SortedRun {

    private static final int INITIAL_CAPACITY = 64;

    private @Nullable JobEntry[] slots = new JobEntry[INITIAL_CAPACITY];

    /** Slot i's key: {@code keys[2i]} the epoch second, {@code keys[2i+1]} the nanosecond and insertion number. */
    private long[] keys = new long[2 * INITIAL_CAPACITY];

    /** Ring positions, counted from 0 without wrapping: slot {@code position & (capacity - 1)}. */
    private int head;

    private int tail;

    private int size;

    int size() {
        return this.size;
    }

    /** The first entry, or {@code null} when the run is empty. */
    @Nullable JobEntry first() {
        return this.size == 0 ? null : this.slots[slot(this.head)];
    }

    long firstSecond() {
        return this.keys[2 * slot(this.head)];
    }

    long firstWord() {
        return this.keys[2 * slot(this.head) + 1];
    }

    /** Whether a key may be appended: the run is empty or the key is after its last. */
    boolean accepts(long second, long word) {
        if (this.size == 0) {
            return true;
        }
        int last = slot(this.tail - 1);
        return RunTimeHeap.compare(second, word, this.keys[2 * last], this.keys[2 * last + 1]) > 0;
    }

    /** Appends an entry whose key {@link #accepts} allowed. */
    void append(JobEntry entry, long second, long word) {
        if (this.tail - this.head == this.slots.length) {
            rebuild(this.slots.length * 2);
        }
        int slot = slot(this.tail++);
        this.slots[slot] = entry;
        this.keys[2 * slot] = second;
        this.keys[2 * slot + 1] = word;
        entry.heapIndex = -2 - slot;
        this.size++;
    }

    /** The packed word (nanosecond and insertion number) of an entry in the run. */
    long word(JobEntry entry) {
        return this.keys[2 * (-2 - entry.heapIndex) + 1];
    }

    /** Takes out an entry that is in the run. */
    void remove(JobEntry entry) {
        int slot = -2 - entry.heapIndex;
        this.slots[slot] = null;
        entry.heapIndex = -1;
        this.size--;
        while (this.head != this.tail && this.slots[slot(this.head)] == null) {
            this.head++;
        }
        while (this.tail != this.head && this.slots[slot(this.tail - 1)] == null) {
            this.tail--;
        }
        if (this.size == 0) {
            this.head = 0;
            this.tail = 0;
        }
        else if (this.tail - this.head > 2 * this.size + INITIAL_CAPACITY) {
            rebuild(this.slots.length);
        }
    }

    /** Calls the action for each entry, in key order. */
    void forEach(Consumer<JobEntry> action) {
        for (int p = this.head; p != this.tail; p++) {
            JobEntry entry = this.slots[slot(p)];
            if (entry != null) {
                action.accept(entry);
            }
        }
    }

    /** Empties the run, leaving the entries' fields to the caller. */
    void clear() {
        this.slots = new JobEntry[INITIAL_CAPACITY];
        this.keys = new long[2 * INITIAL_CAPACITY];
        this.head = 0;
        this.tail = 0;
        this.size = 0;
    }

    // copies the entries, in order and without empty slots, to the start of a ring of the given capacity
    private void rebuild(int capacity) {
        JobEntry[] newSlots = new JobEntry[capacity];
        long[] newKeys = new long[2 * capacity];
        int n = 0;
        for (int p = this.head; p != this.tail; p++) {
            int slot = slot(p);
            JobEntry entry = this.slots[slot];
            if (entry != null) {
                newSlots[n] = entry;
                newKeys[2 * n] = this.keys[2 * slot];
                newKeys[2 * n + 1] = this.keys[2 * slot + 1];
                entry.heapIndex = -2 - n;
                n++;
            }
        }
        this.slots = newSlots;
        this.keys = newKeys;
        this.head = 0;
        this.tail = n;
    }

    private int slot(int position) {
        return position & (this.slots.length - 1);
    }
}
