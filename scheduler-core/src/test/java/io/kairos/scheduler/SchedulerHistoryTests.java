package io.kairos.scheduler;

import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.memory.MemoryJobStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Runs end up in the run history of the job's store, read through the scheduler's query methods.
 */
class SchedulerHistoryTests {

    private Scheduler scheduler;

    @AfterEach
    void stop() {
        if (this.scheduler != null && this.scheduler.state() != SchedulerState.STOPPED) {
            this.scheduler.shutdown();
        }
    }

    private Scheduler start(HistorySettings history) {
        this.scheduler = Scheduler.builder().history(history).build();
        this.scheduler.taskRegistry().register("works", () -> Map.of("cancelled", 42));
        this.scheduler.taskRegistry().register("fails", () -> {
            throw new IllegalStateException("payment service down");
        });
        this.scheduler.start();
        return this.scheduler;
    }

    @Test
    void succeededAndFailedRunsAreRecordedWithResultAndError() {
        Scheduler scheduler = start(HistorySettings.DEFAULTS);
        scheduler.addJob(JobRequest.of("works").id("ok").trigger(Map.of("type", "date")));
        scheduler.addJob(JobRequest.of("fails").id("bad").trigger(Map.of("type", "date")));
        List<RunRecord> ok = await().until(() -> scheduler.getRuns("ok", 10), (runs) -> !runs.isEmpty());
        assertThat(ok).singleElement().satisfies((run) -> {
            assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(run.result()).isEqualTo("{\"cancelled\":42}");
            assertThat(run.task()).isEqualTo("works");
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.instance()).isEqualTo(scheduler.schedulerId());
            assertThat(run.startedAt()).isNotNull();
            assertThat(run.submittedAt()).isNotNull();
        });
        List<RunRecord> bad = await().until(() -> scheduler.getRuns("bad", 10), (runs) -> !runs.isEmpty());
        assertThat(bad).singleElement().satisfies((run) -> {
            assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(run.error().type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(run.error().message()).isEqualTo("payment service down");
            assertThat(run.error().stackTrace()).contains("payment service down");
            assertThat(run.result()).isNull();
        });
        assertThat(scheduler.findRuns(RunQuery.all().withOutcomes(RunOutcome.FAILED)).runs()).extracting(RunRecord::jobId)
                .containsExactly("bad");
    }

    @Test
    void aRemovedJobKeepsItsHistory() {
        Scheduler scheduler = start(HistorySettings.DEFAULTS);
        scheduler.addJob(JobRequest.of("works").id("gone").trigger(Map.of("type", "date")));
        await().until(() -> scheduler.getRuns("gone", 1), (runs) -> !runs.isEmpty());
        await().until(() -> scheduler.getJob("gone").isEmpty());   // a finished date job is removed
        assertThat(scheduler.getRuns("gone", 5)).hasSize(1);
    }

    @Test
    void nothingIsRecordedWhenHistoryIsDisabled() {
        Scheduler scheduler = start(HistorySettings.DEFAULTS.withEnabled(false));
        scheduler.addJob(JobRequest.of("works").id("ok").trigger(Map.of("type", "date")));
        await().until(() -> scheduler.getJob("ok").isEmpty());   // ran and finished
        scheduler.shutdown();   // the writer thread would have written what was queued
        scheduler.start();
        assertThat(scheduler.getRuns("ok", 10)).isEmpty();
    }

    @Test
    void lastRunsReadOneStoreOrAllAndTheNewestRunWinsAcrossStores() {
        MemoryJobStore cache = new MemoryJobStore();
        this.scheduler = Scheduler.builder().jobStore("cache", cache).build();
        this.scheduler.start();
        Instant at = Instant.parse("2031-05-01T00:00:00Z");
        RunRecord older = lastRunsRun("r-1", "shared", at);
        RunRecord newer = lastRunsRun("r-2", "shared", at.plusSeconds(1));
        RunRecord only = lastRunsRun("r-3", "only-default", at);
        this.scheduler.jobStores().get("default").runHistory().record(List.of(older, only));
        cache.runHistory().record(List.of(newer));
        assertThat(this.scheduler.getLastRuns(List.of("shared", "only-default", "never"), null))
            .containsOnly(Map.entry("shared", newer), Map.entry("only-default", only));
        assertThat(this.scheduler.getLastRuns(List.of("shared", "only-default"), "default"))
            .containsOnly(Map.entry("shared", older), Map.entry("only-default", only));
        assertThatThrownBy(() -> this.scheduler.getLastRuns(List.of("shared"), "nope")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("nope");
    }

    private static RunRecord lastRunsRun(String runId, String jobId, Instant finished) {
        return new RunRecord(runId, jobId, jobId, "t", "default", "default", finished, finished, finished, finished, RunOutcome.SUCCEEDED, 1,
                "i", null, null, false, false);
    }

    @Test
    void readingHistoryNeedsAStartedScheduler() {
        Scheduler stopped = Scheduler.builder().build();
        assertThatThrownBy(() -> stopped.getRuns("x", 1)).isInstanceOf(SchedulerNotRunningException.class);
        assertThatThrownBy(() -> stopped.getLastRuns(List.of("x"), null)).isInstanceOf(SchedulerNotRunningException.class);
    }

    @Test
    void historyKeysAreConfigurable() {
        Scheduler configured = Scheduler.builder().properties(Map.of("kairos.history.enabled", "false",
                "kairos.history.max-runs-per-job", "5", "kairos.history.max-age", "1h")).build();
        assertThat(configured).isNotNull();
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.history.max-runs-per-job", "0")).build())
                .hasMessageContaining("kairos.history.max-runs-per-job");
    }
}
