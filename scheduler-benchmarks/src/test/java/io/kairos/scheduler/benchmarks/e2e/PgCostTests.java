package io.kairos.scheduler.benchmarks.e2e;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server CPU time of a W3-pg round counts only the processes present at its start and end, and is unknown when
 * one of them cannot be read.
 */
class PgCostTests {

    @Test
    void onlyProcessesInBothSnapshotsCount() {
        Map<String, Long> before = Map.of("10@t1", 1_000L, "11@t1", 5_000L, "12@t1", 9_000L);
        // 11 closed, 13 opened by the pool in between; pid 12 reused by another backend
        Map<String, Long> after = Map.of("10@t1", 1_700L, "12@t2", 100L, "13@t2", 400L);
        assertThat(PgCost.serverNanos(before, after)).isEqualTo(700.0);
    }

    @Test
    void anUnreadableProcessMakesTheFigureUnknown() {
        assertThat(PgCost.serverNanos(Map.of("10@t1", 1_000L, "11@t1", 2_000L), Map.of("10@t1", 1_500L, "11@t1", PgCost.UNREADABLE)))
                .isNaN();
        assertThat(PgCost.serverNanos(Map.of("10@t1", PgCost.UNREADABLE), Map.of("10@t1", 1_500L))).isNaN();
    }

    @Test
    void aMedianWithAnUnknownValueIsUnknown() {
        assertThat(Stats.median(new double[] {1, 2, Double.NaN})).isNaN();
        assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    }
}
