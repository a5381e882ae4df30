package io.kairos.scheduler.store.memory;

import java.util.Arrays;

/**
 * Job id to the job's newest row in a {@link MemoryRunHistory}'s {@link RunColumns}: an open-addressing hash table
 * with linear probing, each slot's id hash code and row side by side in one {@code int} array, the id itself read
 * from the row when the hash codes match. Adding a job allocates nothing but the rare larger table, unlike a
 * {@link java.util.HashMap}'s entry per job. A matching id is compared by reference before its text: a record's job
 * id is usually the very string the job was added with.
 *
 * <p>Costs: look-up, insert and remove are O(1) expected; the table is at most half full and doubles when it would
 * be more (amortised O(1) per insert); a removal shifts the following entries of its probe run back instead of
 * leaving a marker, so look-ups stay short after many removals. It never shrinks. Not thread-safe: guarded by the
 * history's lock.
 */
final class JobRunIndex {

    private static final int INITIAL_CAPACITY = 64;

    private final RunColumns columns;

    /** Slot i's id hash code at {@code 2i}, its row at {@code 2i + 1} ({@link RunColumns#NONE} when empty). */
    private int[] table = emptyTable(INITIAL_CAPACITY);

    private int size;

    JobRunIndex(RunColumns columns) {
        this.columns = columns;
    }

    /** The number of slots, for {@link #rowAt}. */
    int capacity() {
        return this.table.length / 2;
    }

    /** The row in a slot, or {@link RunColumns#NONE} when the slot is empty. */
    int rowAt(int slot) {
        return this.table[2 * slot + 1];
    }

    /**
     * Where a job is: its slot when it has an entry, else {@code -1 - slot} for the slot {@link #add} takes.
     *
     * @param jobId the id
     * @param hash its {@link String#hashCode()}
     */
    int find(String jobId, int hash) {
        int mask = capacity() - 1;
        for (int slot = home(hash, mask); ; slot = (slot + 1) & mask) {
            int row = this.table[2 * slot + 1];
            if (row == RunColumns.NONE) {
                return -1 - slot;
            }
            if (this.table[2 * slot] == hash) {
                String id = this.columns.jobId(row);
                if (id == jobId || id.equals(jobId)) {
                    return slot;
                }
            }
        }
    }

    /** The job's newest row, or {@link RunColumns#NONE} when it has no entry. */
    int get(String jobId) {
        int slot = find(jobId, jobId.hashCode());
        return slot < 0 ? RunColumns.NONE : rowAt(slot);
    }

    /** Replaces the row of the job in a slot {@link #find} returned. */
    void set(int slot, int row) {
        this.table[2 * slot + 1] = row;
    }

    /** Adds a job that {@link #find} did not find, at the {@code -1 - slot} it returned. */
    void add(int notFound, String jobId, int hash, int row) {
        int slot = -1 - notFound;
        if (2 * (this.size + 1) > capacity()) {
            resize(capacity() * 2);
            slot = -1 - find(jobId, hash);
        }
        this.table[2 * slot] = hash;
        this.table[2 * slot + 1] = row;
        this.size++;
    }

    /** Removes a job's entry, if it has one. */
    void remove(String jobId, int hash) {
        int gap = find(jobId, hash);
        if (gap < 0) {
            return;
        }
        int mask = capacity() - 1;
        for (int slot = (gap + 1) & mask; this.table[2 * slot + 1] != RunColumns.NONE; slot = (slot + 1) & mask) {
            // an entry may fill the gap unless its home lies cyclically after the gap, up to the entry itself
            int home = home(this.table[2 * slot], mask);
            if (((slot - home) & mask) >= ((slot - gap) & mask)) {
                this.table[2 * gap] = this.table[2 * slot];
                this.table[2 * gap + 1] = this.table[2 * slot + 1];
                gap = slot;
            }
        }
        this.table[2 * gap] = 0;
        this.table[2 * gap + 1] = RunColumns.NONE;
        this.size--;
    }

    private void resize(int capacity) {
        int[] old = this.table;
        this.table = emptyTable(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != RunColumns.NONE) {
                int slot = home(old[i], mask);
                while (this.table[2 * slot + 1] != RunColumns.NONE) {
                    slot = (slot + 1) & mask;
                }
                this.table[2 * slot] = old[i];
                this.table[2 * slot + 1] = old[i + 1];
            }
        }
    }

    private static int[] emptyTable(int capacity) {
        int[] table = new int[2 * capacity];
        Arrays.fill(table, RunColumns.NONE);
        return table;
    }

    // spreads the hash code: a multiplication carries low bits up, the shift brings high bits down
    private static int home(int hash, int mask) {
        int spread = hash * 0x9E3779B9;
        return (spread ^ (spread >>> 16)) & mask;
    }
}
