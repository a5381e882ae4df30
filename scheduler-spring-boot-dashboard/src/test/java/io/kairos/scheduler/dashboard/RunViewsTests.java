package io.kairos.scheduler.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's summary of recent runs: counts by outcome, failure rate and lateness percentiles.
 */
class RunViewsTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void countsOutcomesAndTheFailureRateAndTakesLatenessOfStartedRunsByNearestRank() {
        List<RunRecord> runs = new java.util.ArrayList<>();
        for (int late = 1; late <= 100; late++) {
            runs.add(run("r" + late, RunOutcome.SUCCEEDED, late * 10L));
        }
        runs.add(run("f1", RunOutcome.FAILED, 5));
        runs.add(run("f2", RunOutcome.FAILED, 5));
        runs.add(missed("m1"));
        runs.add(missed("m2"));
        Map<String, Object> summary = RunViews.summary(new RunPage(runs, null));
        assertThat(summary.get("total")).isEqualTo(104);
        assertThat(summary.get("more")).isEqualTo(false);
        assertThat(summary.get("byOutcome"))
            .isEqualTo(Map.of(RunOutcome.SUCCEEDED, 100, RunOutcome.FAILED, 2, RunOutcome.MISSED, 2));
        assertThat((double) summary.get("failureRate")).isEqualTo(2 / 104.0);
        // 102 started runs late by 5, 5, 10, 20, ..., 1000 ms (missed runs never started and do not count):
        // p50 is the 51st (490 ms), p99 the 101st (990 ms)
        assertThat(summary.get("latenessP50Millis")).isEqualTo(490L);
        assertThat(summary.get("latenessP99Millis")).isEqualTo(990L);
    }

    @Test
    void withoutRunsThereIsNoRateNorLatenessAndAFullPageSaysSo() {
        Map<String, Object> none = RunViews.none();
        assertThat(none.get("total")).isEqualTo(0);
        assertThat(none.get("failureRate")).isNull();
        assertThat(none.get("latenessP50Millis")).isNull();
        Map<String, Object> onlyMissed = RunViews.summary(new RunPage(List.of(missed("m")), RunCursor.fromToken("1~m")));
        assertThat(onlyMissed.get("more")).isEqualTo(true);
        assertThat(onlyMissed.get("latenessP99Millis")).isNull();
        assertThat(onlyMissed.get("failureRate")).isEqualTo(0.0);
    }

    @Test
    void nearestRankPercentiles() {
        assertThat(RunViews.percentile(List.of(7L), 1)).isEqualTo(7L);
        assertThat(RunViews.percentile(List.of(1L, 2L), 50)).isEqualTo(1L);
        assertThat(RunViews.percentile(List.of(1L, 2L), 51)).isEqualTo(2L);
        assertThat(RunViews.percentile(List.of(1L, 2L, 3L), 99)).isEqualTo(3L);
        assertThat(RunViews.percentile(List.of(), 50)).isNull();
    }

    private static RunRecord run(String id, RunOutcome outcome, long lateMillis) {
        Instant start = T0.plusMillis(lateMillis);
        return new RunRecord(id, "j", "j", "t", "default", "default", T0, start, start, start.plusMillis(20), outcome, 1, "node-a",
                null, null, false, false);
    }

    private static RunRecord missed(String id) {
        return new RunRecord(id, "j", "j", "t", "default", "default", T0, null, null, T0.plusSeconds(60), RunOutcome.MISSED, 1,
                "node-a", null, null, false, false);
    }
}
