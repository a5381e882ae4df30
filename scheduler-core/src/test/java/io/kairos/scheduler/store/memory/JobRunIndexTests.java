package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job index against a {@link HashMap}, with ids whose hash codes collide (so probe runs are long and removals
 * shift entries back) and with ids equal to but not the same string as the stored ones.
 */
class JobRunIndexTests {

    private static int row(RunColumns columns, String jobId) {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        return columns.add(new RunRecord("r-" + jobId, jobId, jobId, "t", "default", "pool", at, at, at, at, RunOutcome.SUCCEEDED, 1, "i",
                null, null, false, false));
    }

    /** 2^bits distinct ids of one hash code ("Aa" and "BB" hash alike), plus ids of other hash codes. */
    private static List<String> ids(int bits) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1 << bits; i++) {
            StringBuilder id = new StringBuilder();
            for (int b = 0; b < bits; b++) {
                id.append((i >> b & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(id.toString());
            ids.add("job-" + i);
        }
        return ids;
    }

    @Test
    void agreesWithAHashMapThroughGrowthAndRemovals() {
        Random random = new Random(42);
        RunColumns columns = new RunColumns();
        JobRunIndex index = new JobRunIndex(columns);
        Map<String, Integer> reference = new HashMap<>();
        List<String> ids = ids(7);
        for (int step = 0; step < 20_000; step++) {
            String id = new String(ids.get(random.nextInt(ids.size())));   // equal, not the same string
            int slot = index.find(id, id.hashCode());
            assertThat(slot >= 0).as(id).isEqualTo(reference.containsKey(id));
            if (random.nextInt(3) == 0) {
                index.remove(id, id.hashCode());
                reference.remove(id);
            }
            else if (slot < 0) {
                int row = row(columns, id);
                index.add(slot, id, id.hashCode(), row);
                reference.put(id, row);
            }
            else {
                int row = row(columns, id);
                index.set(slot, row);
                reference.put(id, row);
            }
            if (step % 97 == 0) {
                for (String each : ids) {
                    assertThat(index.get(each)).as(each).isEqualTo(reference.getOrDefault(each, RunColumns.NONE));
                }
            }
        }
        int held = 0;
        for (int slot = 0; slot < index.capacity(); slot++) {
            int row = index.rowAt(slot);
            if (row != RunColumns.NONE) {
                assertThat(reference.get(columns.jobId(row))).isEqualTo(row);
                held++;
            }
        }
        assertThat(held).isEqualTo(reference.size());
    }
}
