package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory history's bounds as a job goes from one record (kept alone) to several (a map of its own) and back;
 * the contract as such is in {@code RunHistoryContractTests}.
 */
class MemoryRunHistoryTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static RunRecord run(String jobId, int second) {
        Instant finished = T0.plusSeconds(second);
        return new RunRecord(String.format("%012x-%s", finished.toEpochMilli(), jobId), jobId, jobId, "t", "default", "pool",
                finished.minusSeconds(1), finished.minusSeconds(1), finished.minusSeconds(1), finished, RunOutcome.SUCCEEDED, 1,
                "i", null, null, false, false);
    }

    private static List<String> runIds(MemoryRunHistory history, RunQuery query) {
        return history.findRuns(query).stream().map(RunRecord::runId).toList();
    }

    @Test
    void aJobsRecordsAreBoundedAsTheyGrowFromOneToMany() {
        MemoryRunHistory history = new MemoryRunHistory(2, 100);
        RunRecord first = run("a", 1);
        RunRecord second = run("a", 2);
        RunRecord third = run("a", 3);

        history.record(List.of(first));
        history.record(List.of(first));
        assertThat(runIds(history, RunQuery.ofJob("a"))).containsExactly(first.runId());

        history.record(List.of(second, third));
        assertThat(runIds(history, RunQuery.ofJob("a"))).containsExactly(third.runId(), second.runId());
        assertThat(runIds(history, RunQuery.all())).containsExactly(third.runId(), second.runId());
    }

    @Test
    void oneRunPerJobKeepsTheNewestAloneAndTheTotalBoundDropsTheOldestJobs() {
        MemoryRunHistory history = new MemoryRunHistory(1, 2);

        history.record(List.of(run("a", 1), run("a", 2), run("b", 3), run("c", 4)));

        assertThat(runIds(history, RunQuery.ofJob("a"))).isEmpty();
        assertThat(runIds(history, RunQuery.ofJob("b"))).containsExactly(run("b", 3).runId());
        assertThat(runIds(history, RunQuery.all())).containsExactly(run("c", 4).runId(), run("b", 3).runId());
    }

    @Test
    void retentionTrimsJobsWithManyRecordsDownToOneAndAgesOutSingleOnes() {
        MemoryRunHistory history = new MemoryRunHistory(10, 100);
        history.record(List.of(run("a", 100), run("a", 101), run("a", 102), run("b", 1)));

        int removed = history.removeExpiredRuns("i", new RunRetention(1, Duration.ofSeconds(50)), T0.plusSeconds(60), 10);

        assertThat(removed).isEqualTo(3);
        assertThat(runIds(history, RunQuery.ofJob("a"))).containsExactly(run("a", 102).runId());
        assertThat(runIds(history, RunQuery.ofJob("b"))).isEmpty();
        history.record(List.of(run("a", 103)));
        assertThat(runIds(history, RunQuery.ofJob("a"))).containsExactly(run("a", 103).runId(), run("a", 102).runId());
    }
}
