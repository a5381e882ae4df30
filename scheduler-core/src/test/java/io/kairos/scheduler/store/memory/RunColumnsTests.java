package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A row gives back a record equal to the one it was taken for, whether its parts are kept unpacked or the record is
 * kept whole; run ids of the engine's shape (kept as numbers) order as their text does; freed rows are reused.
 */
class RunColumnsTests {

    /** Numbers whose hex digits differ in the top bit, to tell unsigned order from signed. */
    private static final int[] EDGES = { 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1 };

    private static final Instant AT = Instant.parse("2031-05-06T07:08:09.123Z");

    private static RunRecord record(String runId, Instant scheduled, Instant submitted, Instant started, Instant finished) {
        return new RunRecord(runId, "job-1", "nightly", "reports.build", "default", "pool", scheduled, submitted, started, finished,
                RunOutcome.FAILED, 2, "node-a", new RunError("java.lang.IllegalStateException", "boom", "trace", false), "{\"n\":1}",
                true, false);
    }

    @Test
    void givesBackAnEqualRecordOfWholeMilliseconds() {
        RunRecord run = record("0190f3a2b4c5-0000002a-8f00beef", AT.minusSeconds(5), AT.minusSeconds(4), AT.minusSeconds(3), AT);
        RunColumns columns = new RunColumns();
        int row = columns.add(run);
        assertThat(columns.record(row)).isEqualTo(run);
        assertThat(columns.runId(row)).isEqualTo(run.runId());
    }

    @Test
    void givesBackAnEqualRecordWithoutSubmitOrStart() {
        RunRecord run = new RunRecord("r-7", "job-1", "nightly", "reports.build", "default", "pool", AT, null, null, AT, RunOutcome.MISSED, 1,
                "node-a", null, null, false, false);
        RunColumns columns = new RunColumns();
        assertThat(columns.record(columns.add(run))).isEqualTo(run);
    }

    @Test
    void keepsARecordWithAFinerTimeWhole() {
        RunRecord run = record("0190f3a2b4c5-0000002a-8f00beef", AT.plusNanos(1), AT, AT.plusNanos(500), AT.plusNanos(999_999));
        RunColumns columns = new RunColumns();
        int row = columns.add(run);
        assertThat(columns.record(row)).isSameAs(run);
        assertThat(columns.finishedAt(row)).isEqualTo(run.finishedAt());
    }

    @Test
    void keepsAReplacingRecord() {
        RunColumns columns = new RunColumns();
        int row = columns.add(record("r-1", AT, AT, AT, AT));
        RunRecord replacing = new RunRecord("r-1", "job-1", "nightly", "reports.build", "default", "pool", AT, AT, AT, AT,
                RunOutcome.SUCCEEDED, 3, "node-b", null, "7", false, false);
        columns.keep(row, replacing);
        assertThat(columns.record(row)).isEqualTo(replacing);
    }

    @Test
    void aReplacingRecordIsKeptWholeOrInPartsAsItsTimesAllow() {
        RunColumns columns = new RunColumns();
        int row = columns.add(record("r-1", AT, AT, AT, AT));
        RunRecord finer = record("r-1", AT.plusNanos(7), AT, AT, AT);
        columns.keep(row, finer);
        assertThat(columns.record(row)).isSameAs(finer);
        RunRecord inParts = record("r-1", AT.minusMillis(1), AT, AT, AT);
        columns.keep(row, inParts);
        assertThat(columns.record(row)).isEqualTo(inParts).isNotSameAs(inParts);
    }

    @Test
    void mayMatchAsTheQueryDoesOnOutcomeAndFinishTime() {
        RunRecord run = record("r-1", AT, AT, AT, AT);
        RunColumns columns = new RunColumns();
        int row = columns.add(run);
        List<RunQuery> queries = List.of(RunQuery.all(), RunQuery.all().withOutcomes(Set.of(RunOutcome.FAILED)),
                RunQuery.all().withOutcomes(Set.of(RunOutcome.SUCCEEDED)), RunQuery.all().until(AT), RunQuery.all().until(AT.plusNanos(1)),
                RunQuery.all().until(AT.minusSeconds(1)));
        for (RunQuery query : queries) {
            assertThat(columns.mayMatch(row, query)).as("%s", query).isEqualTo(query.matches(run));
        }
    }

    @Test
    void aRemovedRowHasNoRecord() {
        RunColumns columns = new RunColumns();
        int row = columns.add(record("r-1", AT, AT, AT, AT));
        columns.markRemoved(row);
        assertThat(columns.isRemoved(row)).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> columns.record(row)).withMessageContaining("r-1");
    }

    @Test
    void freedRowsAreReusedAndTheColumnsGrow() {
        RunColumns columns = new RunColumns();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(columns.add(record("r-" + i, AT, AT, AT, AT.plusMillis(i))));
        }
        assertThat(rows).doesNotHaveDuplicates();
        assertThat(columns.rows()).isEqualTo(1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(columns.runId(rows.get(i))).isEqualTo("r-" + i);
        }
        columns.markRemoved(rows.get(17));
        columns.free(rows.get(17));
        assertThat(columns.rows()).isEqualTo(999);
        RunRecord again = record("r-again", AT, AT, AT, AT);
        int reused = columns.add(again);
        assertThat(reused).isEqualTo(rows.get(17));
        assertThat(columns.isRemoved(reused)).isFalse();
        assertThat(columns.record(reused)).isEqualTo(again);
        assertThat(columns.older(reused)).isEqualTo(reused);
        assertThat(columns.jobRuns(reused)).isEqualTo(1);
    }

    @Test
    void aRowIsFreedOnce() {
        RunColumns columns = new RunColumns();
        int row = columns.add(record("r-1", AT, AT, AT, AT));
        columns.free(row);
        assertThatIllegalStateException().isThrownBy(() -> columns.free(row)).withMessageContaining("freed twice");
        assertThat(columns.add(record("r-2", AT, AT, AT, AT))).isEqualTo(row);
        columns.free(row);
        assertThat(columns.rows()).isZero();
    }

    @Test
    void rowsOfAJobShareTheirNames() {
        RunColumns columns = new RunColumns();
        int first = columns.add(record("r-1", AT, AT, AT, AT));
        int other = columns.add(new RunRecord("r-2", "job-2", "weekly", "t", "default", "pool", AT, null, null, AT, RunOutcome.MISSED, 1,
                "node-a", null, null, false, false));
        int second = columns.add(record("r-3", AT, AT, AT, AT));
        columns.shareNames(second, first);
        columns.shareNames(other, first);
        assertThat(columns.record(second)).isEqualTo(record("r-3", AT, AT, AT, AT));
        assertThat(columns.record(other).jobName()).isEqualTo("weekly");
        assertThat(columns.record(first).jobName()).isEqualTo("nightly");
    }

    @Test
    void ringsLinkAndUnlink() {
        RunColumns columns = new RunColumns();
        int a = columns.add(record("r-a", AT, AT, AT, AT));
        int b = columns.add(record("r-b", AT, AT, AT, AT.plusMillis(1)));
        int c = columns.add(record("r-c", AT, AT, AT, AT.plusMillis(2)));
        columns.linkNewerThan(b, a);
        columns.linkNewerThan(c, b);
        assertThat(List.of(columns.older(c), columns.older(b), columns.older(a))).containsExactly(b, a, c);
        assertThat(List.of(columns.newer(a), columns.newer(b), columns.newer(c))).containsExactly(b, c, a);
        columns.unlink(b);
        assertThat(List.of(columns.older(c), columns.older(a), columns.older(b))).containsExactly(a, c, b);
        assertThat(List.of(columns.newer(a), columns.newer(c), columns.newer(b))).containsExactly(c, a, b);
    }

    @Test
    void runIdsOrderAsTheirText() {
        Random random = new Random(11);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(switch (random.nextInt(4)) {
                case 0 -> String.format("%012x-%08x-%08x", random.nextLong() >>> 16, random.nextInt(), random.nextInt());
                case 1 -> String.format("%012x-%08x-%08x", 0x0190f3a2b4c5L, EDGES[random.nextInt(EDGES.length)],
                        EDGES[random.nextInt(EDGES.length)]);
                case 2 -> String.format("%012x-%08x", 0x0190f3a2b4c5L, random.nextInt(3));
                default -> String.format("%012X-%08x-%08x", 0x0190f3a2b4c5L, random.nextInt(3), random.nextInt(3));
            });
        }
        RunColumns columns = new RunColumns();
        List<Integer> rows = new ArrayList<>();
        for (String id : ids) {
            int row = columns.add(record(id, AT, AT, AT, AT));
            assertThat(columns.runId(row)).isEqualTo(id);
            assertThat(RunKey.of(new RunCursor(AT, id)).runId()).isEqualTo(id);
            rows.add(row);
        }
        for (int i = 0; i < ids.size(); i++) {
            for (int j = 0; j < ids.size(); j++) {
                int expected = Integer.signum(ids.get(i).compareTo(ids.get(j)));
                assertThat(Integer.signum(columns.compare(rows.get(i), rows.get(j)))).as("%s against %s", ids.get(i), ids.get(j))
                        .isEqualTo(expected);
                assertThat(Integer.signum(columns.compare(rows.get(i), RunKey.of(new RunCursor(AT, ids.get(j))))))
                        .as("%s against the key of %s", ids.get(i), ids.get(j)).isEqualTo(expected);
            }
        }
        assertThat(Integer.signum(columns.compare(rows.get(0), RunKey.of(new RunCursor(AT.plusNanos(1), ids.get(0)))))).isEqualTo(-1);
    }
}
