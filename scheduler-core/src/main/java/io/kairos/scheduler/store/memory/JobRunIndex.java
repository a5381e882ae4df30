package io.kairos.scheduler.store.memory;

import org.jspecify.annotations.Nullable;

/**
 * Job id to the job's newest {@link RunNode} in a {@link MemoryRunHistory}: an open-addressing hash table with
 * linear probing, each slot's id and node side by side in one array (one cache line for a hit) and the ids' hash
 * codes in another, so adding a job allocates nothing but the rare larger table, unlike a {@link java.util.HashMap}'s
 * entry per job. Ids are compared by reference first: a record's job id is usually the very string the job was added
 * with, and the caller passes its hash code (kept in the node), so a hit reads neither the id nor the hash array.
 *
 * <p>Costs: look-up, insert and remove are O(1) expected; the table is at most half full and doubles when it would
 * be more (amortised O(1) per insert); a removal shifts the following entries of its probe run back instead of
 * leaving a marker, so look-ups stay short after many removals. It never shrinks. Not thread-safe: guarded by the
 * history's lock.
 */
final class JobRunIndex {

    private static final int INITIAL_CAPACITY = 64;

    private int[] hashes = new int[INITIAL_CAPACITY];

    /** Slot i's id at {@code 2i}, its node at {@code 2i + 1}; both {@code null} when the slot is empty. */
    private @Nullable Object[] table = new Object[2 * INITIAL_CAPACITY];

    private int size;

    /** The number of slots, for {@link #nodeAt}. */
    int capacity() {
        return this.hashes.length;
    }

    /** The node in a slot, or {@code null} when the slot is empty. */
    @Nullable RunNode nodeAt(int slot) {
        return (RunNode) this.table[2 * slot + 1];
    }

    /** The node in a slot {@link #find} returned for a job it found. */
    @SuppressWarnings("NullAway") // a found job's slot holds its node
    RunNode node(int slot) {
        return (RunNode) this.table[2 * slot + 1];
    }

    /**
     * Where a job is: its slot when it has an entry, else {@code -1 - slot} for the slot {@link #add} takes.
     *
     * @param jobId the id
     * @param hash its {@link String#hashCode()}
     */
    int find(String jobId, int hash) {
        int mask = this.hashes.length - 1;
        for (int slot = home(hash, mask); ; slot = (slot + 1) & mask) {
            Object id = this.table[2 * slot];
            if (id == null) {
                return -1 - slot;
            }
            if (id == jobId || (this.hashes[slot] == hash && id.equals(jobId))) {
                return slot;
            }
        }
    }

    /** The job's newest node, or {@code null} when it has no entry. */
    @Nullable RunNode get(String jobId) {
        int slot = find(jobId, jobId.hashCode());
        return slot < 0 ? null : node(slot);
    }

    /** Replaces the node of the job in a slot {@link #find} returned. */
    void set(int slot, RunNode node) {
        this.table[2 * slot + 1] = node;
    }

    /** Adds a job that {@link #find} did not find, at the {@code -1 - slot} it returned. */
    void add(int notFound, String jobId, int hash, RunNode node) {
        int slot = -1 - notFound;
        if (2 * (this.size + 1) > this.hashes.length) {
            resize(this.hashes.length * 2);
            slot = -1 - find(jobId, hash);
        }
        this.hashes[slot] = hash;
        this.table[2 * slot] = jobId;
        this.table[2 * slot + 1] = node;
        this.size++;
    }

    /** Removes a job's entry, if it has one. */
    void remove(String jobId, int hash) {
        int gap = find(jobId, hash);
        if (gap < 0) {
            return;
        }
        int mask = this.hashes.length - 1;
        for (int slot = (gap + 1) & mask; this.table[2 * slot] != null; slot = (slot + 1) & mask) {
            // an entry may fill the gap unless its home lies cyclically after the gap, up to the entry itself
            int home = home(this.hashes[slot], mask);
            if (((slot - home) & mask) >= ((slot - gap) & mask)) {
                this.hashes[gap] = this.hashes[slot];
                this.table[2 * gap] = this.table[2 * slot];
                this.table[2 * gap + 1] = this.table[2 * slot + 1];
                gap = slot;
            }
        }
        this.table[2 * gap] = null;
        this.table[2 * gap + 1] = null;
        this.size--;
    }

    private void resize(int capacity) {
        int[] oldHashes = this.hashes;
        @Nullable Object[] oldTable = this.table;
        this.hashes = new int[capacity];
        this.table = new Object[2 * capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldTable[2 * i] != null) {
                int slot = home(oldHashes[i], mask);
                while (this.table[2 * slot] != null) {
                    slot = (slot + 1) & mask;
                }
                this.hashes[slot] = oldHashes[i];
                this.table[2 * slot] = oldTable[2 * i];
                this.table[2 * slot + 1] = oldTable[2 * i + 1];
            }
        }
    }

    // spreads the hash code: a multiplication carries low bits up, the shift brings high bits down
    private static int home(int hash, int mask) {
        int spread = hash * 0x9E3779B9;
        return (spread ^ (spread >>> 16)) & mask;
    }
}
