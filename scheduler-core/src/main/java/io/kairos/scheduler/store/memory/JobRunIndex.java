package io.kairos.scheduler.store.memory;

import org.jspecify.annotations.Nullable;

/**
 * Job id to the job's newest {@link RunNode} in a {@link MemoryRunHistory}: an open-addressing hash table with
 * linear probing over parallel arrays (hash, id, node), so adding a job allocates nothing but the rare larger table,
 * unlike a {@link java.util.HashMap}'s entry per job. Ids are compared by reference first: a record's job id is
 * usually the very string the job was added with, whose hash code is cached in it.
 *
 * <p>Costs: look-up, insert and remove are O(1) expected; the table is at most half full and doubles when it would
 * be more (amortised O(1) per insert); a removal shifts the following entries of its probe run back instead of
 * leaving a marker, so look-ups stay short after many removals. It never shrinks. Not thread-safe: guarded by the
 * history's lock.
 */
final class JobRunIndex {

    private static final int INITIAL_CAPACITY = 64;

    private int[] hashes = new int[INITIAL_CAPACITY];

    private @Nullable String[] ids = new String[INITIAL_CAPACITY];

    private @Nullable RunNode[] nodes = new RunNode[INITIAL_CAPACITY];

    private int size;

    /** The number of slots, for {@link #nodeAt}. */
    int capacity() {
        return this.ids.length;
    }

    /** The node in a slot, or {@code null} when the slot is empty. */
    @Nullable RunNode nodeAt(int slot) {
        return this.nodes[slot];
    }

    /**
     * Where a job is: its slot when it has an entry, else {@code -1 - slot} for the slot {@link #add} takes.
     */
    int find(String jobId) {
        int hash = jobId.hashCode();
        int mask = this.ids.length - 1;
        for (int slot = home(hash, mask); ; slot = (slot + 1) & mask) {
            String id = this.ids[slot];
            if (id == null) {
                return -1 - slot;
            }
            if (id == jobId || (this.hashes[slot] == hash && id.equals(jobId))) {
                return slot;
            }
        }
    }

    /** The node in a slot {@link #find} returned for a job it found. */
    @SuppressWarnings("NullAway") // a found job's slot holds its node
    RunNode node(int slot) {
        return this.nodes[slot];
    }

    /** The job's newest node, or {@code null} when it has no entry. */
    @Nullable RunNode get(String jobId) {
        int slot = find(jobId);
        return slot < 0 ? null : this.nodes[slot];
    }

    /** Replaces the node of the job in a slot {@link #find} returned. */
    void set(int slot, RunNode node) {
        this.nodes[slot] = node;
    }

    /** Adds a job that {@link #find} did not find, at the {@code -1 - slot} it returned. */
    void add(int notFound, String jobId, RunNode node) {
        int slot = -1 - notFound;
        if (2 * (this.size + 1) > this.ids.length) {
            resize(this.ids.length * 2);
            slot = -1 - find(jobId);
        }
        this.hashes[slot] = jobId.hashCode();
        this.ids[slot] = jobId;
        this.nodes[slot] = node;
        this.size++;
    }

    /** Removes a job's entry, if it has one. */
    void remove(String jobId) {
        int gap = find(jobId);
        if (gap < 0) {
            return;
        }
        int mask = this.ids.length - 1;
        for (int slot = (gap + 1) & mask; this.ids[slot] != null; slot = (slot + 1) & mask) {
            // an entry may fill the gap unless its home lies cyclically after the gap, up to the entry itself
            int home = home(this.hashes[slot], mask);
            if (((slot - home) & mask) >= ((slot - gap) & mask)) {
                this.hashes[gap] = this.hashes[slot];
                this.ids[gap] = this.ids[slot];
                this.nodes[gap] = this.nodes[slot];
                gap = slot;
            }
        }
        this.ids[gap] = null;
        this.nodes[gap] = null;
        this.size--;
    }

    private void resize(int capacity) {
        int[] oldHashes = this.hashes;
        @Nullable String[] oldIds = this.ids;
        @Nullable RunNode[] oldNodes = this.nodes;
        this.hashes = new int[capacity];
        this.ids = new String[capacity];
        this.nodes = new RunNode[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldIds.length; i++) {
            String id = oldIds[i];
            if (id != null) {
                int slot = home(oldHashes[i], mask);
                while (this.ids[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                this.hashes[slot] = oldHashes[i];
                this.ids[slot] = id;
                this.nodes[slot] = oldNodes[i];
            }
        }
    }

    // spreads the hash code: a multiplication carries low bits up, the shift brings high bits down
    private static int home(int hash, int mask) {
        int spread = hash * 0x9E3779B9;
        return (spread ^ (spread >>> 16)) & mask;
    }
}
