package io.kairos.scheduler.store.memory;

import java.time.Instant;
import java.util.Arrays;

/**
 * A binary min-heap of job entries keyed by ({@link JobEntry#acquirableAt()}, id): O(1) peek, O(log n) insert,
 * remove and re-key. Each entry records its own slot, so removing any entry needs no search. Entries without a
 * next run time are kept out. Not thread-safe: guarded by the store's lock.
 */
final class RunTimeHeap {

    private JobEntry[] entries = new JobEntry[64];

    private int size;

    JobEntry peek() {
        return this.size == 0 ? null : this.entries[0];
    }

    int size() {
        return this.size;
    }

    /**
     * Puts an entry where its current key belongs: inserts it, moves it, or takes it out when it has no key.
     *
     * @param entry the entry whose job or lease changed
     */
    void reposition(JobEntry entry) {
        if (entry.acquirableAt() == null) {
            remove(entry);
        }
        else if (entry.heapIndex < 0) {
            if (this.size == this.entries.length) {
                this.entries = Arrays.copyOf(this.entries, this.size * 2);
            }
            place(entry, this.size++);
            siftUp(entry.heapIndex);
        }
        else {
            siftUp(entry.heapIndex);
            siftDown(entry.heapIndex);
        }
    }

    void remove(JobEntry entry) {
        int index = entry.heapIndex;
        if (index < 0) {
            return;
        }
        entry.heapIndex = -1;
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

    private static int compare(JobEntry a, JobEntry b) {
        Instant keyA = a.acquirableAt();
        Instant keyB = b.acquirableAt();
        int byTime = keyA.compareTo(keyB);
        return byTime != 0 ? byTime : a.job.id().compareTo(b.job.id());
    }
}
