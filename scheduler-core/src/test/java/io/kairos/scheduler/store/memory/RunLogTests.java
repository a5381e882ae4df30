package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log of all runs against a sorted map: appends, late and very late inserts (moving either side), inserts of a key
 * present or removed, removals at both ends and in the middle, growth and compaction, and the cursor search.
 */
class RunLogTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** Order by the record's parts: finishedAt, then the run id's text. */
    private static final Comparator<RunNode> KEY_ORDER = Comparator.comparing(RunNode::finishedAt).thenComparing(RunNode::runId);

    /** A node whose run id is of the engine's shape (kept packed) for odd sequences, of another shape for even ones. */
    private static RunNode node(long millis, int sequence) {
        Instant at = T0.plusMillis(millis);
        String runId = sequence % 2 == 1 ? String.format("%012x-%08x-%08x", at.toEpochMilli(), sequence, sequence % 3 == 0 ? 0xbeef : 0xf00d)
                : String.format("%012x-%08x", at.toEpochMilli(), sequence);
        return new RunNode(new RunRecord(runId, "j", "j", "t", "default", "pool", at, at, at, at, RunOutcome.SUCCEEDED, 1, "i", null, null,
                false, false));
    }

    private static List<RunNode> live(RunLog log) {
        List<RunNode> nodes = new ArrayList<>();
        for (int offset = 0; offset < log.span(); offset++) {
            if (!log.at(offset).removed) {
                nodes.add(log.at(offset));
            }
        }
        return nodes;
    }

    @Test
    void agreesWithASortedMap() {
        Random random = new Random(7);
        RunLog log = new RunLog();
        TreeMap<RunNode, RunNode> reference = new TreeMap<>(KEY_ORDER);
        long clock = 0;
        for (int step = 0; step < 30_000; step++) {
            int action = random.nextInt(10);
            if (action < 6 || reference.isEmpty()) {
                clock += random.nextInt(2);
                long millis = random.nextInt(5) == 0 ? random.nextInt((int) clock + 1) : clock;
                RunNode node = node(millis, random.nextInt(50));
                RunNode present = reference.get(node);
                assertThat(log.insert(node)).isSameAs(present == null ? node : present);
                reference.putIfAbsent(node, node);
            }
            else {
                RunNode gone = switch (action) {
                    case 6 -> reference.firstKey();
                    case 7 -> reference.lastKey();
                    default -> new ArrayList<>(reference.keySet()).get(random.nextInt(reference.size()));
                };
                reference.remove(gone);
                log.remove(gone);
            }
            assertThat(log.size()).isEqualTo(reference.size());
            assertThat(log.span()).isLessThanOrEqualTo(2 * reference.size() + 64);
            assertThat(log.oldest()).isSameAs(reference.isEmpty() ? null : reference.firstKey());
            if (step % 101 == 0) {
                assertThat(live(log)).containsExactlyElementsOf(reference.keySet());
                RunNode probe = node(random.nextInt((int) clock + 1), random.nextInt(50));
                RunCursor cursor = new RunCursor(probe.finishedAt(), probe.runId());
                int before = log.before(cursor);
                assertThat(live(log).stream().filter((n) -> KEY_ORDER.compare(n, probe) < 0).count())
                        .isEqualTo(reference.headMap(probe).size());
                for (int offset = 0; offset < log.span(); offset++) {
                    assertThat(KEY_ORDER.compare(log.at(offset), probe) < 0).isEqualTo(offset < before);
                }
            }
        }
        assertThat(live(log)).isSortedAccordingTo(KEY_ORDER);
    }

    @Test
    void theRingShrinksWhenABurstIsTrimmedFromTheFront() {
        RunLog log = new RunLog();
        List<RunNode> nodes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            RunNode node = node(i, 0);
            nodes.add(node);
            log.insert(node);
        }
        assertThat(log.capacity()).isGreaterThanOrEqualTo(100_000);
        for (int i = 0; i < 99_990; i++) {
            log.remove(nodes.get(i));
        }
        assertThat(log.capacity()).isLessThanOrEqualTo(4 * 10 + 64);
        assertThat(live(log)).containsExactlyElementsOf(nodes.subList(99_990, 100_000));
        nodes.subList(99_990, 100_000).forEach(log::remove);
        assertThat(log.capacity()).isEqualTo(64);
        assertThat(log.size()).isZero();
    }
}
