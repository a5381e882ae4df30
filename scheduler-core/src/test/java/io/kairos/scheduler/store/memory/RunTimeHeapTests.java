package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RunTimeHeap} with keys that differ only in nanoseconds, lie before 1970, or are equal (insertion order),
 * through random inserts, re-keys and removals, against a sorted list: with random keys (mostly the binary heap),
 * and with keys that mostly ascend (mostly the sorted run beside it, taken out at either end or in the middle).
 */
class RunTimeHeapTests {

    private static final Instant[] BASES = { Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("2030-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:01Z") };

    @Test
    void popsInKeyOrderThenInsertionOrder() {
        popsInOrder(new Random(11), RunTimeHeapTests::randomKey);
    }

    @Test
    void popsAscendingKeysInOrderThroughTheSortedRun() {
        Instant[] clock = { BASES[0] };
        Instant[] lastKey = { BASES[0] };
        popsInOrder(new Random(12), (random) -> {
            int kind = random.nextInt(20);
            if (kind == 0) {
                // now and then a key before the latest: it goes to the binary heap
                return clock[0].minusNanos(random.nextInt(1_000));
            }
            if (kind < 8) {
                // the same key again: ties in insertion order
                return lastKey[0];
            }
            clock[0] = clock[0].plusNanos(1 + random.nextInt(3));
            lastKey[0] = clock[0];
            return clock[0];
        });
    }

    @Test
    void keepsOrderWhenTheSortedRunIsEmptiedFromTheMiddleAndGrows() {
        RunTimeHeap heap = new RunTimeHeap();
        List<JobEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            JobEntry entry = entry("j" + i, BASES[1].plusNanos(i));
            heap.reposition(entry);
            entries.add(entry);
        }
        // all but the first and the last ten: slots emptied in the middle, then compacted
        for (int i = 1; i < 990; i++) {
            heap.remove(entries.get(i));
        }
        for (int i = 1_000; i < 1_200; i++) {
            JobEntry entry = entry("j" + i, BASES[1].plusNanos(i));
            heap.reposition(entry);
            entries.add(entry);
        }
        List<JobEntry> expected = new ArrayList<>(entries.subList(990, 1_200));
        expected.add(0, entries.get(0));
        assertThat(heap.size()).isEqualTo(expected.size());
        List<JobEntry> popped = new ArrayList<>();
        while (heap.peek() != null) {
            JobEntry first = heap.peek();
            heap.remove(first);
            assertThat(first.heapIndex).isEqualTo(-1);
            popped.add(first);
        }
        assertThat(popped).containsExactlyElementsOf(expected);
        assertThat(heap.size()).isZero();
    }

    private static void popsInOrder(Random random, Function<Random, Instant> keys) {
        RunTimeHeap heap = new RunTimeHeap();
        List<JobEntry> live = new ArrayList<>();
        List<JobEntry> order = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int op = random.nextInt(10);
            if (op < 6 || live.isEmpty()) {
                JobEntry entry = entry("j" + i, keys.apply(random));
                heap.reposition(entry);
                live.add(entry);
                order.add(entry);
            }
            else if (op < 8) {
                JobEntry entry = live.get(random.nextInt(live.size()));
                entry.job = entry.job.withNextRunTime(keys.apply(random), null);
                heap.reposition(entry);
            }
            else {
                JobEntry entry = live.remove(random.nextInt(live.size()));
                heap.remove(entry);
                assertThat(entry.heapIndex).isEqualTo(-1);
                heap.remove(entry);
            }
        }
        assertThat(heap.size()).isEqualTo(live.size());
        // expected: by key, then by first insertion (a re-keyed entry keeps its insertion number)
        List<JobEntry> expected = new ArrayList<>(live);
        expected.sort(Comparator.comparing((JobEntry e) -> e.job.nextRunTime()).thenComparing(order::indexOf));
        List<JobEntry> popped = new ArrayList<>();
        while (heap.peek() != null) {
            JobEntry first = heap.peek();
            assertThat(first.key).isEqualTo(first.job.nextRunTime());
            heap.remove(first);
            popped.add(first);
        }
        assertThat(popped).containsExactlyElementsOf(expected);
    }

    private static Instant randomKey(Random random) {
        return BASES[random.nextInt(BASES.length)].plusNanos(random.nextInt(4) * 250_000_000L + random.nextInt(3));
    }

    private static JobEntry entry(String id, Instant nextRunTime) {
        return new JobEntry(new StoredJob(id, id, "t", List.of(), Map.of(), new DateTrigger(nextRunTime.atZone(ZoneOffset.UTC)),
                "default", "default", null, true, 1, null, nextRunTime, nextRunTime, JobState.SCHEDULED, null, 1, null));
    }
}
