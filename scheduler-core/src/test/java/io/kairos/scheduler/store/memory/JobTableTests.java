package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JobTable} against a {@code HashMap} through random adds and removes, including ids whose hashes collide
 * (so probe runs wrap around the table end and deletions shift entries back).
 */
class JobTableTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void behavesAsAMapThroughRandomAddsAndRemoves() {
        for (boolean colliding : new boolean[] { false, true }) {
            Random random = new Random(7);
            JobTable table = new JobTable();
            Map<String, JobEntry> expected = new HashMap<>();
            List<String> live = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                if (random.nextInt(3) > 0 || live.isEmpty()) {
                    // "Aa" and "BB" have the same hash: strings made of them collide in bulk
                    String id = colliding ? collidingId(random) : "job-" + random.nextInt(100_000);
                    if (expected.containsKey(id)) {
                        assertThat(table.get(id)).isSameAs(expected.get(id));
                        continue;
                    }
                    JobEntry entry = entry(id);
                    table.add(entry);
                    expected.put(id, entry);
                    live.add(id);
                }
                else {
                    String id = live.remove(random.nextInt(live.size()));
                    assertThat(table.remove(id)).isSameAs(expected.remove(id));
                    assertThat(table.remove(id)).isNull();
                }
            }
            assertThat(table.size()).isEqualTo(expected.size());
            for (Map.Entry<String, JobEntry> e : expected.entrySet()) {
                assertThat(table.get(new String(e.getKey()))).isSameAs(e.getValue());
            }
            List<JobEntry> all = new ArrayList<>();
            table.forEach(all::add);
            assertThat(all).containsExactlyInAnyOrderElementsOf(expected.values());
            assertThat(table.get("absent")).isNull();
            assertThat(table.capacity()).isGreaterThanOrEqualTo(table.size() * 4 / 3);
            table.clear();
            assertThat(table.size()).isZero();
            assertThat(table.get(live.isEmpty() ? "x" : live.get(0))).isNull();
        }
    }

    private static String collidingId(Random random) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(random.nextBoolean() ? "Aa" : "BB");
        }
        return id.append(random.nextInt(4)).toString();
    }

    private static JobEntry entry(String id) {
        return new JobEntry(new StoredJob(id, id, "t", List.of(), Map.of(), new DateTrigger(T0.atZone(ZoneOffset.UTC)), "default",
                "default", null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 1, null));
    }
}
