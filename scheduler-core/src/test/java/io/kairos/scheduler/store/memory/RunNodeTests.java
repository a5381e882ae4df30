package io.kairos.scheduler.store.memory;

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
 * A node gives back a record equal to the one it was made from, whether its parts are kept unpacked or the record is
 * kept whole, and run ids of the engine's shape (kept as numbers) order as their text does.
 */
class RunNodeTests {

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
        RunNode node = new RunNode(run);
        assertThat(node.record()).isEqualTo(run);
        assertThat(node.runId()).isEqualTo(run.runId());
    }

    @Test
    void givesBackAnEqualRecordWithoutSubmitOrStart() {
        RunRecord run = new RunRecord("r-7", "job-1", "nightly", "reports.build", "default", "pool", AT, null, null, AT, RunOutcome.MISSED, 1,
                "node-a", null, null, false, false);
        assertThat(new RunNode(run).record()).isEqualTo(run);
    }

    @Test
    void keepsARecordWithAFinerTimeWhole() {
        RunRecord run = record("0190f3a2b4c5-0000002a-8f00beef", AT.plusNanos(1), AT, AT.plusNanos(500), AT.plusNanos(999_999));
        RunNode node = new RunNode(run);
        assertThat(node.record()).isSameAs(run);
        assertThat(node.finishedAt()).isEqualTo(run.finishedAt());
    }

    @Test
    void keepsAReplacingRecord() {
        RunNode node = new RunNode(record("r-1", AT, AT, AT, AT));
        RunRecord replacing = new RunRecord("r-1", "job-1", "nightly", "reports.build", "default", "pool", AT, AT, AT, AT,
                RunOutcome.SUCCEEDED, 3, "node-b", null, "7", false, false);
        node.keep(replacing);
        assertThat(node.record()).isEqualTo(replacing);
    }

    @Test
    void aReplacingRecordIsKeptWholeOrInPartsAsItsTimesAllow() {
        RunNode node = new RunNode(record("r-1", AT, AT, AT, AT));
        RunRecord finer = record("r-1", AT.plusNanos(7), AT, AT, AT);
        node.keep(finer);
        assertThat(node.record()).isSameAs(finer);
        RunRecord whole = record("r-1", AT.minusMillis(1), AT, AT, AT);
        node.keep(whole);
        assertThat(node.record()).isEqualTo(whole).isNotSameAs(whole);
    }

    @Test
    void mayMatchAsTheQueryDoesOnOutcomeAndFinishTime() {
        RunRecord run = record("r-1", AT, AT, AT, AT);
        RunNode node = new RunNode(run);
        List<RunQuery> queries = List.of(RunQuery.all(), RunQuery.all().withOutcomes(Set.of(RunOutcome.FAILED)),
                RunQuery.all().withOutcomes(Set.of(RunOutcome.SUCCEEDED)), RunQuery.all().until(AT), RunQuery.all().until(AT.plusNanos(1)),
                RunQuery.all().until(AT.minusSeconds(1)));
        for (RunQuery query : queries) {
            assertThat(node.mayMatch(query)).as("%s", query).isEqualTo(query.matches(run));
        }
    }

    @Test
    void aRemovedNodeHasNoRecord() {
        RunNode node = new RunNode(record("r-1", AT, AT, AT, AT));
        node.removed = true;
        assertThatIllegalStateException().isThrownBy(node::record).withMessageContaining("r-1");
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
        for (String a : ids) {
            RunKey keyA = new RunKey(AT, a);
            assertThat(keyA.runId()).isEqualTo(a);
            for (String b : ids) {
                assertThat(Integer.signum(keyA.compareTo(new RunKey(AT, b)))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(a.compareTo(b)));
            }
        }
    }
}
