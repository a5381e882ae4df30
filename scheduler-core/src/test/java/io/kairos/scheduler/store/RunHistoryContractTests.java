package io.kairos.scheduler.store;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@link RunHistory} contract, inherited by {@link JobStoreContractTests} so that it runs against every store.
 * Skipped for a store that keeps no history ({@link RunHistory#none()}). Each test uses job ids and a time window
 * of its own, so records left by other tests of the class do not matter.
 */
public abstract class RunHistoryContractTests {

    /** A prefix unique to the test, for job ids. */
    private String job;

    /** The start of a time window unique to the test. */
    private Instant base;

    private int sequence;

    /**
     * The store under test, started.
     *
     * @return the store
     */
    protected abstract JobStore startedStore();

    @BeforeEach
    void openHistory() {
        this.job = "h-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        this.base = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(1, 5_000_000)));
    }

    private RunHistory history() {
        RunHistory current = startedStore().runHistory();
        assumeTrue(current.isRecording(), "the store keeps no run history");
        return current;
    }

    private RunRecord run(String jobId, long secondsAfterBase, RunOutcome outcome) {
        Instant finished = this.base.plusSeconds(secondsAfterBase);
        String runId = String.format("%012x-%08x-test", finished.toEpochMilli(), ++this.sequence);
        RunError error = outcome.isFailure() ? new RunError("java.lang.IllegalStateException", "boom", "trace", false) : null;
        return new RunRecord(runId, this.job + jobId, "name " + jobId, "tasks.work", "default", "pool", finished.minusSeconds(2),
                finished.minusSeconds(1), outcome == RunOutcome.MISSED ? null : finished.minusMillis(500), finished, outcome, 1, "instance-1",
                error, outcome == RunOutcome.SUCCEEDED ? "{\"n\":1}" : null, false, false);
    }

    @Test
    void recordsReadBackNewestFirstWithEveryField() {
        RunHistory history = history();
        RunRecord older = run("a", 1, RunOutcome.FAILED);
        RunRecord newest = run("a", 3, RunOutcome.SUCCEEDED);
        RunRecord middle = new RunRecord(run("a", 2, RunOutcome.MISSED).runId(), this.job + "a", "n", "t", "default", "pool",
                this.base, null, null, this.base.plusSeconds(2), RunOutcome.MISSED, 2, "i", null, "plain text", true, true);
        history.record(List.of(older, newest));
        history.record(List.of(middle));
        history.record(List.of(run("b", 4, RunOutcome.SUCCEEDED)));
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "a"))).containsExactly(newest, middle, older);
    }

    @Test
    void lastRunsHoldTheNewestRunOfEachJobAndNothingForJobsWithoutRuns() {
        RunHistory history = history();
        RunRecord oldA = run("a", 1, RunOutcome.SUCCEEDED);
        RunRecord newA = run("a", 5, RunOutcome.FAILED);
        RunRecord midA = run("a", 3, RunOutcome.SUCCEEDED);
        RunRecord onlyB = run("b", 2, RunOutcome.MISSED);
        RunRecord newerOtherJob = run("c", 9, RunOutcome.SUCCEEDED);   // newer, but not asked for
        history.record(List.of(oldA, newA, onlyB));
        history.record(List.of(midA, newerOtherJob));
        Map<String, RunRecord> last = history.lastRuns(List.of(this.job + "a", this.job + "b", this.job + "never-ran", this.job + "a"));
        assertThat(last).containsOnly(Map.entry(this.job + "a", newA), Map.entry(this.job + "b", onlyB));
        assertThat(history.lastRuns(List.of(this.job + "unknown-1", this.job + "unknown-2"))).isEmpty();
        assertThat(history.lastRuns(List.of())).isEmpty();
    }

    @Test
    void lastRunsBreakFinishTimeTiesByGreatestRunIdAndSeeNewRuns() {
        RunHistory history = history();
        RunRecord first = run("a", 4, RunOutcome.SUCCEEDED);
        RunRecord sameMillisLaterId = run("a", 4, RunOutcome.FAILED);   // same finish time, greater run id
        history.record(List.of(sameMillisLaterId, first));
        assertThat(history.lastRuns(List.of(this.job + "a"))).containsOnly(Map.entry(this.job + "a", sameMillisLaterId));
        RunRecord newer = run("a", 6, RunOutcome.SUCCEEDED);
        history.record(List.of(newer));
        assertThat(history.lastRuns(List.of(this.job + "a"))).containsOnly(Map.entry(this.job + "a", newer));
    }

    @Test
    void lastRunsReadManyJobsAcrossInternalChunks() {
        RunHistory history = history();
        List<RunRecord> runs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < RunHistory.MAX_JOB_IDS; i++) {
            ids.add(this.job + i);
            if (i % 3 == 0) {
                runs.add(run(Integer.toString(i), i, RunOutcome.SUCCEEDED));
                runs.add(run(Integer.toString(i), i + 1, RunOutcome.FAILED));
            }
        }
        for (int from = 0; from < runs.size(); from += 200) {
            history.record(runs.subList(from, Math.min(runs.size(), from + 200)));
        }
        Map<String, RunRecord> last = history.lastRuns(ids);
        assertThat(last).hasSize((RunHistory.MAX_JOB_IDS + 2) / 3);
        for (int i = 0; i < RunHistory.MAX_JOB_IDS; i += 3) {
            assertThat(last.get(this.job + i)).as("job %d", i).isEqualTo(runs.get(2 * (i / 3) + 1));
        }
    }

    @Test
    void lastRunsRefuseMoreIdsThanTheBoundNamingTheArgument() {
        RunHistory history = history();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= RunHistory.MAX_JOB_IDS; i++) {
            ids.add(this.job + i);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> history.lastRuns(ids))
            .withMessageContaining("jobIds")
            .withMessageContaining(Integer.toString(RunHistory.MAX_JOB_IDS + 1))
            .withMessageContaining("at most " + RunHistory.MAX_JOB_IDS);
    }

    @Test
    void lastRunsNameTheIndexOfANullId() {
        RunHistory history = history();
        assertThatNullPointerException().isThrownBy(() -> history.lastRuns(java.util.Arrays.asList(this.job + "a", null)))
            .withMessage("jobIds holds a null id at index 1 (in iteration order)");
    }

    @Test
    void theLastRunsBoundIsTheLargestListingPage() {
        // a listing page of jobs is read for its last runs in one call
        assertThat(RunHistory.MAX_JOB_IDS).isEqualTo(JobQuery.MAX_LIMIT);
    }

    @Test
    void aRunRecordedTwiceIsKeptOnce() {
        RunHistory history = history();
        RunRecord once = run("a", 1, RunOutcome.SUCCEEDED);
        history.record(List.of(once));
        history.record(List.of(once));
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "a"))).containsExactly(once);
    }

    @Test
    void pagesFollowTheCursorAndTiesGoByRunIdDescending() {
        RunHistory history = history();
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            runs.add(run("a", i / 2, RunOutcome.SUCCEEDED));   // pairs finish in the same millisecond
        }
        history.record(runs);
        List<RunRecord> newestFirst = new ArrayList<>(runs);
        java.util.Collections.reverse(newestFirst);
        RunQuery query = RunQuery.ofJob(this.job + "a").withLimit(3);
        List<RunRecord> first = history.findRuns(query);
        assertThat(first).containsExactlyElementsOf(newestFirst.subList(0, 3));
        RunCursor after = first.get(2).cursor();
        assertThat(history.findRuns(query.after(after))).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(history.findRuns(query.after(newestFirst.get(5).cursor()))).containsExactly(newestFirst.get(6));
    }

    @Test
    void filtersByOutcomeAndTimeRangeAcrossJobs() {
        RunHistory history = history();
        RunRecord failedA = run("a", 10, RunOutcome.FAILED);
        RunRecord timedOutB = run("b", 20, RunOutcome.TIMED_OUT);
        RunRecord succeededB = run("b", 30, RunOutcome.SUCCEEDED);
        RunRecord failedLate = run("c", 40, RunOutcome.FAILED);
        history.record(List.of(failedA, timedOutB, succeededB, failedLate));
        RunQuery window = RunQuery.all().since(this.base.plusSeconds(10)).until(this.base.plusSeconds(40)).withLimit(100);
        assertThat(history.findRuns(window)).containsExactly(succeededB, timedOutB, failedA);
        assertThat(history.findRuns(window.withOutcomes(RunOutcome.FAILED, RunOutcome.TIMED_OUT))).containsExactly(timedOutB, failedA);
        assertThat(history.findRuns(window.withOutcomes(RunOutcome.FAILED).since(this.base.plusSeconds(11)))).isEmpty();
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "b").withOutcomes(RunOutcome.SUCCEEDED))).containsExactly(succeededB);
    }

    @Test
    void retentionRemovesOldRunsAndEachJobsRunsBeyondTheBoundInBatches() {
        RunHistory history = history();
        List<RunRecord> a = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            a.add(run("a", 3600 + i, RunOutcome.SUCCEEDED));
        }
        RunRecord oldB = run("b", 0, RunOutcome.FAILED);
        RunRecord freshB = run("b", 3700, RunOutcome.FAILED);
        history.record(a);
        history.record(List.of(oldB, freshB));
        Instant now = this.base.plusSeconds(3600 + 1800);   // oldB is older than an hour
        RunRetention retention = new RunRetention(2, Duration.ofHours(1));
        int removed = 0;
        for (int i = 0; i < 20; i++) {
            int batch = history.removeExpiredRuns("scheduler-a", retention, now, 2);
            assertThat(batch).isBetween(0, 2);
            removed += batch;
            if (batch < 2) {
                break;
            }
        }
        assertThat(removed).isGreaterThanOrEqualTo(5);
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "a"))).containsExactly(a.get(5), a.get(4));
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "b"))).containsExactly(freshB);
    }

    @Test
    void oneSchedulerAtATimeEnforcesRetentionInASharedStore() {
        RunHistory history = history();
        assumeTrue(startedStore().isShared(), "only shared stores have several schedulers");
        history.record(List.of(run("a", 0, RunOutcome.SUCCEEDED)));
        Instant now = this.base.plus(Duration.ofDays(30));
        RunRetention retention = new RunRetention(100, Duration.ofDays(1));
        history.removeExpiredRuns("scheduler-a", retention, now, 1000);
        history.record(List.of(run("b", 0, RunOutcome.SUCCEEDED)));
        assertThat(history.removeExpiredRuns("scheduler-b", retention, now, 1000)).isZero();
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "b"))).hasSize(1);
        assertThat(history.removeExpiredRuns("scheduler-a", retention, now, 1000)).isGreaterThanOrEqualTo(1);
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "b"))).isEmpty();
        // the lease runs out: another scheduler takes over
        history.record(List.of(run("c", 0, RunOutcome.SUCCEEDED)));
        assertThat(history.removeExpiredRuns("scheduler-b", retention, now.plus(Duration.ofMinutes(10)), 1000)).isGreaterThanOrEqualTo(1);
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "c"))).isEmpty();
    }

    @Test
    void keepsLargeErrorsAndResultsWhole() {
        RunHistory history = history();
        String trace = "\u00e9\ud83d\ude00".repeat(16 * 1024 / 3) + "x";    // 16 KiB of two- and four-byte characters
        String result = "\"" + "\u00e9".repeat(4 * 1024 - 2) + "\"";
        RunRecord big = new RunRecord(run("a", 1, RunOutcome.FAILED).runId(), this.job + "a", "n", "t", "default", "pool", this.base,
                this.base, this.base, this.base.plusSeconds(1), RunOutcome.FAILED, 3, "i",
                new RunError("x.Y", "m".repeat(2000), trace, true), result, false, true);
        history.record(List.of(big));
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "a"))).containsExactly(big);
    }

    @Test
    void idsAndTextsWithTabsNewlinesAndBackslashesReadBack() {
        RunHistory history = history();
        String jobId = this.job + "a\tb\nc\\d\re";
        RunRecord odd = new RunRecord(run("a", 1, RunOutcome.FAILED).runId(), jobId, "name\t\\N", "t\\x", "default", "pool",
                this.base, this.base, this.base, this.base.plusSeconds(1), RunOutcome.FAILED, 1, "i",
                new RunError("x.Y", "line 1\nline 2\t\\", "trace\r\n\tat x", false), null, false, false);
        history.record(List.of(odd, run("b", 2, RunOutcome.SUCCEEDED)));
        assertThat(history.findRuns(RunQuery.ofJob(jobId))).containsExactly(odd);
    }

    @Test
    void nonAsciiIdsAndTextsReadBack() {
        RunHistory history = history();
        String jobId = this.job + "ö€😀";
        RunRecord odd = new RunRecord(run("a", 1, RunOutcome.FAILED).runId(), jobId, "nämé €", "tâsk", "default", "pool",
                this.base, this.base, this.base, this.base.plusSeconds(1), RunOutcome.FAILED, 1, "i",
                new RunError("x.Y", "ünïcode 😀\\ ✓", "träce", false), "\"ß\"", false, false);
        history.record(List.of(odd, run("b", 2, RunOutcome.SUCCEEDED)));
        assertThat(history.findRuns(RunQuery.ofJob(jobId))).containsExactly(odd);
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        RunHistory history = history();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<RunRecord> mine = new ArrayList<>();
                synchronized (this) {
                    for (int i = 0; i < 50; i++) {
                        mine.add(run(i % 2 == 0 ? "shared" : "own" + t, i, RunOutcome.SUCCEEDED));
                    }
                }
                done.add(pool.submit(() -> {
                    for (int from = 0; from < mine.size(); from += 10) {
                        history.record(mine.subList(from, from + 10));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            pool.shutdown();
        }
        assertThat(history.findRuns(RunQuery.ofJob(this.job + "shared").withLimit(1000))).hasSize(100);
        for (int t = 0; t < 4; t++) {
            assertThat(history.findRuns(RunQuery.ofJob(this.job + "own" + t).withLimit(1000))).hasSize(25);
        }
        List<RunRecord> all = new ArrayList<>();
        RunQuery window = RunQuery.all().since(this.base).until(this.base.plusSeconds(60)).withLimit(30);
        for (List<RunRecord> page = history.findRuns(window); !page.isEmpty();
                page = history.findRuns(window.after(page.get(page.size() - 1).cursor()))) {
            page.stream().filter((run) -> run.jobId().startsWith(this.job)).forEach(all::add);
        }
        assertThat(all).hasSize(200).doesNotHaveDuplicates();
    }
}
