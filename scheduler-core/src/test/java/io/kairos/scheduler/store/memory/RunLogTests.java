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
 * present or removed, removals at both ends and in the middle, growth and compaction, the cursor search, and rows freed
 * exactly when their slots are dropped.
 */
class RunLogTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** Order by the record's parts: finishedAt, then the run id's text. */
    private static final Comparator<RunCursor> KEY_ORDER = Comparator.comparing(RunCursor::finishedAt).thenComparing(RunCursor::runId);

    /** A record whose run id is of the engine's shape (kept packed) for odd sequences, of another shape for even ones. */
    private static RunRecord run(long millis, int sequence) {
        Instant at = T0.plusMillis(millis);
        String runId = sequence % 2 == 1 ? String.format("%012x-%08x-%08x", at.toEpochMilli(), sequence, sequence % 3 == 0 ? 0xbeef : 0xf00d)
                : String.format("%012x-%08x", at.toEpochMilli(), sequence);
        return new RunRecord(runId, "j", "j", "t", "default", "pool", at, at, at, at, RunOutcome.SUCCEEDED, 1, "i", null, null,
                false, false);
    }

    private static RunCursor key(RunColumns columns, int row) {
        return new RunCursor(columns.finishedAt(row), columns.runId(row));
    }

    private static List<RunCursor> live(RunColumns columns, RunLog log) {
        List<RunCursor> keys = new ArrayList<>();
        for (int offset = 0; offset < log.span(); offset++) {
            if (!columns.isRemoved(log.at(offset))) {
                keys.add(key(columns, log.at(offset)));
            }
        }
        return keys;
    }

    @Test
    void agreesWithASortedMap() {
        Random random = new Random(7);
        RunColumns columns = new RunColumns();
        RunLog log = new RunLog(columns);
        TreeMap<RunCursor, Integer> reference = new TreeMap<>(KEY_ORDER);
        long clock = 0;
        for (int step = 0; step < 30_000; step++) {
            int action = random.nextInt(10);
            if (action < 6 || reference.isEmpty()) {
                clock += random.nextInt(2);
                long millis = random.nextInt(5) == 0 ? random.nextInt((int) clock + 1) : clock;
                RunRecord run = run(millis, random.nextInt(50));
                RunCursor key = new RunCursor(run.finishedAt(), run.runId());
                int row = columns.add(run);
                Integer present = reference.get(key);
                int stored = log.insert(row);
                assertThat(stored).isEqualTo(present == null ? row : present);
                if (stored != row) {
                    columns.free(row);
                }
                reference.putIfAbsent(key, row);
            }
            else {
                RunCursor gone = switch (action) {
                    case 6 -> reference.firstKey();
                    case 7 -> reference.lastKey();
                    default -> new ArrayList<>(reference.keySet()).get(random.nextInt(reference.size()));
                };
                log.remove(reference.remove(gone));
            }
            assertThat(log.size()).isEqualTo(reference.size());
            assertThat(log.span()).isLessThanOrEqualTo(2 * reference.size() + 64);
            assertThat(columns.rows()).as("rows in use: those in the log's slots").isEqualTo(log.span());
            assertThat(log.oldest()).isEqualTo(reference.isEmpty() ? RunColumns.NONE : reference.firstEntry().getValue());
            if (step % 101 == 0) {
                assertThat(live(columns, log)).containsExactlyElementsOf(reference.keySet());
                RunRecord probeRun = run(random.nextInt((int) clock + 1), random.nextInt(50));
                RunCursor probe = new RunCursor(probeRun.finishedAt(), probeRun.runId());
                int before = log.before(probe);
                assertThat(live(columns, log).stream().filter((k) -> KEY_ORDER.compare(k, probe) < 0).count())
                        .isEqualTo(reference.headMap(probe).size());
                for (int offset = 0; offset < log.span(); offset++) {
                    assertThat(KEY_ORDER.compare(key(columns, log.at(offset)), probe) < 0).isEqualTo(offset < before);
                }
            }
        }
        assertThat(live(columns, log)).isSortedAccordingTo(KEY_ORDER);
    }

    @Test
    void theRingShrinksWhenABurstIsTrimmedFromTheFront() {
        RunColumns columns = new RunColumns();
        RunLog log = new RunLog(columns);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            int row = columns.add(run(i, 0));
            rows.add(row);
            log.insert(row);
        }
        assertThat(log.capacity()).isGreaterThanOrEqualTo(100_000);
        for (int i = 0; i < 99_990; i++) {
            log.remove(rows.get(i));
        }
        assertThat(log.capacity()).isLessThanOrEqualTo(4 * 10 + 64);
        assertThat(columns.rows()).isEqualTo(10);
        List<RunCursor> last = new ArrayList<>();
        rows.subList(99_990, 100_000).forEach((row) -> last.add(key(columns, row)));
        assertThat(live(columns, log)).containsExactlyElementsOf(last);
        rows.subList(99_990, 100_000).forEach(log::remove);
        assertThat(log.capacity()).isEqualTo(64);
        assertThat(log.size()).isZero();
        assertThat(columns.rows()).isZero();
    }
}
