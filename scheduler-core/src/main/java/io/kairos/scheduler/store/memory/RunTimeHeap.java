package io.kairos.scheduler.store.memory;

import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;



/**
 * A min-heap of job entries keyed by {@link JobEntry#acquirableAt()}, ties in insertion order: O(1) peek, O(log n)
 * insert, remove and re-key, and O(1) for keys that come in ascending order, which is how jobs are mostly added and
 * leased: those go to a {@link SortedRun} beside the binary heap, and the earliest entry is the earlier of the two
 * firsts. Each entry records its heap and its slot, so removing any entry needs no search. The keys live beside the
 * slots in one {@code long} array (epoch second, then nanosecond and insertion number packed in one word), so a
 * comparison reads the array and never an entry: with a million jobs the sifts touch one cache line of keys per
 * level instead of two entries and two instants. Entries without a key are kept out. Not thread-safe: guarded by
 * the store's lock.
 */
final class RunTimeHeap {

    private static final int INITIAL_CAPACITY = 64;

    private JobEntry[] entries = new JobEntry[INITIAL_CAPACITY];

    /** Slot i's key: {@code keys[2i]} the epoch second, {@code keys[2i+1]} the nanosecond (high half) and insertion number (low half). */
    private long[] keys = new long[2 * INITIAL_CAPACITY];

    private int size;

    private int sequence;

    private final SortedRun run = new SortedRun();

    @Nullable JobEntry peek() {
        JobEntry first = this.run.first();
        if (this.size == 0 || first == null) {
            return first != null ? first : this.size == 0 ? null : this.entries[0];
        }
        return compare(this.keys[0], this.keys[1], this.run.firstSecond(), this.run.firstWord()) < 0 ? this.entries[0] : first;
    }

    int size() {
        return this.size + this.run.size();
    }

    /**
     * Takes an entry out of whichever heap holds it, if any.
     *
     * @param entry the entry
     */
    static void detach(JobEntry entry) {
        if (entry.heap != null) {
            entry.heap.remove(entry);
        }
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
            detach(entry);
            return;
        }
        if (entry.heap != this) {
            detach(entry);
            entry.key = key;
            entry.heap = this;
            insert(entry, key.getEpochSecond(), word(key.getNano(), this.sequence++));
        }
        else if (!key.equals(entry.key)) {
            // a re-keyed entry keeps its insertion number
            int insertion = (int) (entry.heapIndex >= 0 ? this.keys[2 * entry.heapIndex + 1] : this.run.word(entry));
            take(entry);
            entry.key = key;
            insert(entry, key.getEpochSecond(), word(key.getNano(), insertion));
        }
    }

    private void insert(JobEntry entry, long second, long word) {
        if (this.run.accepts(second, word)) {
            this.run.append(entry, second, word);
            return;
        }
        if (this.size == this.entries.length) {
            this.entries = Arrays.copyOf(this.entries, this.size * 2);
            this.keys = Arrays.copyOf(this.keys, this.size * 4);
        }
        int index = this.size++;
        set(index, entry, second, word);
        siftUp(index);
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
        take(entry);
        entry.heap = null;
        entry.key = null;
    }

    // takes the entry out of the binary heap or the run, leaving its heap and key; the slot past the heap's last
    // entry is cleared (null) for the collector, and only slots below size are read
    @SuppressWarnings("NullAway")
    private void take(JobEntry entry) {
        if (entry.heapIndex < -1) {
            this.run.remove(entry);
            return;
        }
        int index = entry.heapIndex;
        entry.heapIndex = -1;
        int lastIndex = --this.size;
        JobEntry last = this.entries[lastIndex];
        long lastSecond = this.keys[2 * lastIndex];
        long lastWord = this.keys[2 * lastIndex + 1];
        this.entries[lastIndex] = null;
        if (last != entry) {
            set(index, last, lastSecond, lastWord);
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
        this.run.forEach((entry) -> {
            entry.heapIndex = -1;
            entry.heap = null;
            entry.key = null;
        });
        this.run.clear();
        this.entries = new JobEntry[INITIAL_CAPACITY];
        this.keys = new long[2 * INITIAL_CAPACITY];
        this.size = 0;
    }

    private void siftUp(int index) {
        JobEntry entry = this.entries[index];
        long second = this.keys[2 * index];
        long word = this.keys[2 * index + 1];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (compare(second, word, this.keys[2 * parent], this.keys[2 * parent + 1]) >= 0) {
                break;
            }
            set(index, this.entries[parent], this.keys[2 * parent], this.keys[2 * parent + 1]);
            index = parent;
        }
        set(index, entry, second, word);
    }

    private void siftDown(int index) {
        JobEntry entry = this.entries[index];
        long second = this.keys[2 * index];
        long word = this.keys[2 * index + 1];
        int half = this.size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < this.size && compare(this.keys[2 * right], this.keys[2 * right + 1], this.keys[2 * child], this.keys[2 * child + 1]) < 0) {
                child = right;
            }
            if (compare(second, word, this.keys[2 * child], this.keys[2 * child + 1]) <= 0) {
                break;
            }
            set(index, this.entries[child], this.keys[2 * child], this.keys[2 * child + 1]);
            index = child;
        }
        set(index, entry, second, word);
    }

    private void set(int index, JobEntry entry, long second, long word) {
        this.entries[index] = entry;
        this.keys[2 * index] = second;
        this.keys[2 * index + 1] = word;
        entry.heapIndex = index;
    }

    // The nanosecond (< 2^30) in the high half keeps the word non-negative, so a signed comparison orders by
    // nanosecond, then by insertion number (unsigned: after 2^32 insertions only ties among equal keys may come
    // out of insertion order; the earliest key is always at the root).
    private static long word(int nano, int insertion) {
        return ((long) nano << 32) | (insertion & 0xFFFFFFFFL);
    }

    static int compare(long secondA, long wordA, long secondB, long wordB) {
        int bySecond = Long.compare(secondA, secondB);
        return bySecond != 0 ? bySecond : Long.compare(wordA, wordB);
    }
}
