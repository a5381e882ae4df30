package io.kairos.scheduler.store.memory;

import java.time.Instant;
import java.util.Arrays;

/**
 * A binary min-heap of job entries keyed by {@link JobEntry#acquirableAt()}, ties in insertion order: O(1)
 * peek, O(log n) insert, remove and re-key. Each entry records its heap, its slot and its key, so removing any
 * entry needs no search and comparing two entries reads no job. Entries without a key are kept out. Not
 * thread-safe: guarded by the store's lock.
 */
final class RunTimeHeap {

    private JobEntry[] entries = new JobEntry[64];

    private int size;

    private int sequence;

    JobEntry peek() {
        return this.size == 0 ? null : this.entries[0];
    }

    int size() {
        return this.size;
    }

    /**
     * Puts an entry where its current key belongs: inserts it (taking it out of another heap first), moves it,
     * or takes it out when it has no key.
     *
     * @param entry the entry whose job or lease changed
     */
    void reposition(JobEntry entry) {
        Instant key = entry.acquirableAt();
        if (key == null) {
            if (entry.heap != null) {
                entry.heap.remove(entry);
            }
            return;
        }
        if (entry.heap != this) {
            if (entry.heap != null) {
                entry.heap.remove(entry);
            }
            if (this.size == this.entries.length) {
                this.entries = Arrays.copyOf(this.entries, this.size * 2);
            }
            entry.key = key;
            entry.sequence = this.sequence++;
            entry.heap = this;
            place(entry, this.size++);
            siftUp(entry.heapIndex);
        }
        else if (!key.equals(entry.key)) {
            entry.key = key;
            siftUp(entry.heapIndex);
            siftDown(entry.heapIndex);
        }
    }

    /**
     * Takes an entry out of this heap; does nothing when it is not in it.
     *
     * @param entry the entry
     */
    void remove(JobEntry entry) {
        if (entry.heap != this) {
            return;
        }
        int index = entry.heapIndex;
        entry.heapIndex = -1;
        entry.heap = null;
        entry.key = null;
        JobEntry last = this.entries[--this.size];
        this.entries[this.size] = null;
        if (last != entry) {
            place(last, index);
            siftUp(index);
            siftDown(last.heapIndex);
        }
    }

    void clear() {
        for (int i = 0; i < this.size; i++) {
            this.entries[i].heapIndex = -1;
            this.entries[i].heap = null;
            this.entries[i].key = null;
        }
        this.entries = new JobEntry[64];
        this.size = 0;
    }

    private void siftUp(int index) {
        JobEntry entry = this.entries[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (compare(entry, this.entries[parent]) >= 0) {
                break;
            }
            place(this.entries[parent], index);
            index = parent;
        }
        place(entry, index);
    }

    private void siftDown(int index) {
        JobEntry entry = this.entries[index];
        int half = this.size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < this.size && compare(this.entries[right], this.entries[child]) < 0) {
                child = right;
            }
            if (compare(entry, this.entries[child]) <= 0) {
                break;
            }
            place(this.entries[child], index);
            index = child;
        }
        place(entry, index);
    }

    private void place(JobEntry entry, int index) {
        this.entries[index] = entry;
        entry.heapIndex = index;
    }

    // Ties by insertion number, compared with wrap-around: only entries with equal keys are ordered by it, so the
    // root always has the earliest key even if the numbers of two far-apart insertions compare the wrong way.
    private static int compare(JobEntry a, JobEntry b) {
        int byTime = a.key.compareTo(b.key);
        return byTime != 0 ? byTime : Integer.compare(a.sequence - b.sequence, 0);
    }
}
