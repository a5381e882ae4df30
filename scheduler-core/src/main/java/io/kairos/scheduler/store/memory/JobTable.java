package io.kairos.scheduler.store.memory;

import java.util.function.Consumer;

/**
 * The memory store's jobs by id: an open-addressing hash table (linear probing, at most three quarters full,
 * deletion by backward shift) that holds the {@link JobEntry} objects themselves, so a job costs one array slot
 * here instead of a {@code HashMap} node (32 bytes) and its slot. Ids are compared through their cached
 * {@link String#hashCode()} first. Not thread-safe: guarded by the store's lock.
 */
final class JobTable {

    private static final int INITIAL_CAPACITY = 64;

    private JobEntry[] slots = new JobEntry[INITIAL_CAPACITY];

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
    JobEntry get(String id) {
        JobEntry[] table = this.slots;
        int mask = table.length - 1;
        int hash = id.hashCode();
        for (int i = home(hash, mask);; i = (i + 1) & mask) {
            JobEntry entry = table[i];
            if (entry == null) {
                return null;
            }
            String other = entry.job.id();
            if (other == id || (other.hashCode() == hash && other.equals(id))) {
                return entry;
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
        insert(this.slots, entry);
        this.size++;
    }

    /**
     * Removes the entry of an id.
     *
     * @param id the job id
     * @return the removed entry, or {@code null} when there was none
     */
    JobEntry remove(String id) {
        JobEntry[] table = this.slots;
        int mask = table.length - 1;
        int hash = id.hashCode();
        int i = home(hash, mask);
        while (true) {
            JobEntry entry = table[i];
            if (entry == null) {
                return null;
            }
            String other = entry.job.id();
            if (other == id || (other.hashCode() == hash && other.equals(id))) {
                closeGap(table, i);
                this.size--;
                return entry;
            }
            i = (i + 1) & mask;
        }
    }

    void clear() {
        this.slots = new JobEntry[INITIAL_CAPACITY];
        this.size = 0;
    }

    /**
     * Passes every entry, in no particular order.
     *
     * @param action receives each entry; must not change the table
     */
    void forEach(Consumer<JobEntry> action) {
        for (JobEntry entry : this.slots) {
            if (entry != null) {
                action.accept(entry);
            }
        }
    }

    // Backward-shift deletion: moves later members of the probe run into the gap when their home slot is not
    // between the gap and their current slot (cyclically), so every entry stays reachable from its home slot.
    private static void closeGap(JobEntry[] table, int gap) {
        int mask = table.length - 1;
        int i = (gap + 1) & mask;
        while (table[i] != null) {
            int home = home(table[i].job.id().hashCode(), mask);
            boolean reachable = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
            if (!reachable) {
                table[gap] = table[i];
                gap = i;
            }
            i = (i + 1) & mask;
        }
        table[gap] = null;
    }

    private void resize(int capacity) {
        JobEntry[] bigger = new JobEntry[capacity];
        for (JobEntry entry : this.slots) {
            if (entry != null) {
                insert(bigger, entry);
            }
        }
        this.slots = bigger;
    }

    private static void insert(JobEntry[] table, JobEntry entry) {
        int mask = table.length - 1;
        int i = home(entry.job.id().hashCode(), mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = entry;
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
