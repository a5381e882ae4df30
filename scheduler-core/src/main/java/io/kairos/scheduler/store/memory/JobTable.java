package io.kairos.scheduler.store.memory;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;


/**
 * The memory store's jobs by id: an open-addressing hash table (linear probing, at most three quarters full,
 * deletion by backward shift) that holds the {@link JobEntry} objects themselves, so a job costs one array slot
 * and one hash slot here (about 11 bytes at the average fill) instead of a {@code HashMap} node (32 bytes) and
 * its slot. Probing compares the hashes kept beside the slots, so it touches an entry only on a hash match. Not thread-safe: guarded by the store's lock.
 */
final class JobTable implements Iterable<JobEntry> {

    private static final int INITIAL_CAPACITY = 64;

    private @Nullable JobEntry[] slots = new JobEntry[INITIAL_CAPACITY];

    /** The id hash of each occupied slot: probing and gap closing read these, not the entries. */
    private int[] hashes = new int[INITIAL_CAPACITY];

    private int size;

    int size() {
        return this.size;
    }

    /**
     * Looks an entry up.
     *
     * @param id the job id
     * @return the entry, or {@code null}
     */
    @Nullable JobEntry get(String id) {
        int i = find(id);
        return i < 0 ? null : this.slots[i];
    }

    private int find(String id) {
        @Nullable JobEntry[] table = this.slots;
        int mask = table.length - 1;
        int hash = id.hashCode();
        for (int i = home(hash, mask);; i = (i + 1) & mask) {
            JobEntry entry = table[i];
            if (entry == null) {
                return -1;
            }
            if (this.hashes[i] == hash) {
                String other = entry.job.id();
                if (other == id || other.equals(id)) {
                    return i;
                }
            }
        }
    }

    /**
     * Adds an entry whose id is not in the table yet (the caller looked it up).
     *
     * @param entry the entry
     */
    void add(JobEntry entry) {
        if ((this.size + 1) * 4L > this.slots.length * 3L) {
            resize(this.slots.length * 2);
        }
        insert(this.slots, this.hashes, entry);
        this.size++;
    }

    /**
     * Removes the entry of an id.
     *
     * @param id the job id
     * @return the removed entry, or {@code null} when there was none
     */
    @Nullable JobEntry remove(String id) {
        int i = find(id);
        if (i < 0) {
            return null;
        }
        JobEntry entry = this.slots[i];
        closeGap(i);
        this.size--;
        return entry;
    }

    void clear() {
        this.slots = new JobEntry[INITIAL_CAPACITY];
        this.hashes = new int[INITIAL_CAPACITY];
        this.size = 0;
    }

    /**
     * Passes every entry, in no particular order.
     *
     * @param action receives each entry; must not change the table
     */
    @Override
    public void forEach(Consumer<? super JobEntry> action) {
        for (JobEntry entry : this.slots) {
            if (entry != null) {
                action.accept(entry);
            }
        }
    }

    /**
     * Iterates over every entry, in no particular order; the table must not change meanwhile.
     *
     * @return the iterator
     */
    @Override
    public Iterator<JobEntry> iterator() {
        @Nullable JobEntry[] table = this.slots;
        return new Iterator<>() {

            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < table.length && table[i] == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return this.next < table.length;
            }

            @Override
            public JobEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JobEntry entry = java.util.Objects.requireNonNull(table[this.next]);   // advance stops only at entries
                this.next = advance(this.next + 1);
                return entry;
            }
        };
    }

    // Backward-shift deletion: moves later members of the probe run into the gap when their home slot is not
    // between the gap and their current slot (cyclically), so every entry stays reachable from its home slot.
    private void closeGap(int gap) {
        @Nullable JobEntry[] table = this.slots;
        int[] hashOf = this.hashes;
        int mask = table.length - 1;
        int i = (gap + 1) & mask;
        while (table[i] != null) {
            int home = home(hashOf[i], mask);
            boolean reachable = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
            if (!reachable) {
                table[gap] = table[i];
                hashOf[gap] = hashOf[i];
                gap = i;
            }
            i = (i + 1) & mask;
        }
        table[gap] = null;
    }

    private void resize(int capacity) {
        JobEntry[] bigger = new JobEntry[capacity];
        int[] biggerHashes = new int[capacity];
        @Nullable JobEntry[] table = this.slots;
        for (int i = 0; i < table.length; i++) {
            JobEntry entry = table[i];
            if (entry != null) {
                // the kept hash: no read of the entry's job and id per move
                place(bigger, biggerHashes, entry, this.hashes[i]);
            }
        }
        this.slots = bigger;
        this.hashes = biggerHashes;
    }

    private static void insert(@Nullable JobEntry[] table, int[] hashOf, JobEntry entry) {
        place(table, hashOf, entry, entry.job.id().hashCode());
    }

    private static void place(@Nullable JobEntry[] table, int[] hashOf, JobEntry entry, int hash) {
        int mask = table.length - 1;
        int i = home(hash, mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = entry;
        hashOf[i] = hash;
    }

    // Mixes the bits (a Fibonacci multiply, then the high half folded down), so that ids whose String hashes
    // differ only in a few bits do not form long probe runs.
    private static int home(int hash, int mask) {
        int mixed = hash * 0x9E3779B9;
        return (mixed ^ (mixed >>> 16)) & mask;
    }

    @Override
    public String toString() {
        return "JobTable[size=" + this.size + ", capacity=" + this.slots.length + "]";
    }

    /** For tests: the capacity. */
    int capacity() {
        return this.slots.length;
    }
}
