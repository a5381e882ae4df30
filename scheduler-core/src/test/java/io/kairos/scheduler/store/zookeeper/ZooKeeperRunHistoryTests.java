package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.RunRecordCodec;
import io.kairos.scheduler.store.TestTrigger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the ZooKeeper run history promises beyond the run history contract (which {@link ZooKeeperJobStoreTests}
 * runs): its znode layout, unreadable znodes reported and kept, containers emptied and created again, large
 * batches, and the retention run by two instances at once. Against a real ZooKeeper server in this JVM.
 */
class ZooKeeperRunHistoryTests {

    private static final String ROOT = "/kairos-runs-test";

    private static final Instant T0 = Instant.parse("2031-06-01T00:00:00Z");

    private static final RunRetention ONE_HOUR = new RunRetention(100, Duration.ofHours(1));

    @RegisterExtension
    static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();

    private final List<ZooKeeperJobStore> stores = new ArrayList<>();

    private int sequence;

    @BeforeEach
    void removeEarlierRuns() throws Exception {
        zooKeeper.deleteTree(ROOT);
    }

    @AfterEach
    void stopStores() {
        this.stores.forEach(ZooKeeperJobStore::shutdown);
    }

    private RunHistory history(String schedulerId) {
        ZooKeeperJobStore store = ZooKeeperJobStore.builder().connectString(zooKeeper.connectString()).rootPath(ROOT).build();
        store.start(new JobStoreContext("default", schedulerId, InstantSource.fixed(T0), TestTrigger.codec(), () -> { }));
        this.stores.add(store);
        return store.runHistory();
    }

    private RunRecord run(String jobId, Instant finished, RunOutcome outcome, String stackTrace) {
        String runId = String.format("%012x-%06d", finished.toEpochMilli(), ++this.sequence);
        RunError error = outcome.isFailure() ? new RunError("x.Boom", "boom", stackTrace, false) : null;
        return new RunRecord(runId, jobId, "name", "tasks.work", "default", "pool", finished.minusSeconds(1), null, null, finished,
                outcome, 1, "instance-1", error, null, false, false);
    }

    private RunRecord run(String jobId, Instant finished) {
        return run(jobId, finished, RunOutcome.SUCCEEDED, "");
    }

    private Scheduler scheduler(ZooKeeperJobStore store, int maxRunsPerJob, boolean history) {
        return Scheduler.builder().jobStore("default", store).historyEnabled(history).historyMaxRunsPerJob(maxRunsPerJob).build();
    }

    @Test
    void aSchedulerWithHistoryRefusesMoreRunsPerJobThanOneReplyHoldsAndShutsTheStoreDown() {
        ZooKeeperJobStore store = ZooKeeperJobStore.builder().connectString(zooKeeper.connectString()).rootPath(ROOT).build();
        this.stores.add(store);
        Scheduler scheduler = scheduler(store, ZooKeeperRunHistory.MAX_RUNS_PER_JOB + 1, true);
        assertThatThrownBy(scheduler::start).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kairos.history.max-runs-per-job").hasMessageContaining("5001")
                .hasMessageContaining("1 to 5000");
        assertThat(store.runHistory().isRecording()).isFalse();
    }

    @Test
    void theBoundItselfAndAnyBoundWithoutHistoryStart() {
        for (Scheduler scheduler : List.of(scheduler(ZooKeeperJobStore.builder().connectString(zooKeeper.connectString()).rootPath(ROOT).build(),
                ZooKeeperRunHistory.MAX_RUNS_PER_JOB, true), scheduler(ZooKeeperJobStore.builder().connectString(zooKeeper.connectString())
                        .rootPath(ROOT).build(), 100_000, false))) {
            scheduler.start(true);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.PAUSED);
            scheduler.shutdown();
        }
    }

    @Test
    void eachRunIsAZnodeNamedByFinishTimeOutcomeAndRunIdInAContainerOfItsJob() throws Exception {
        RunHistory history = history("a");
        RunRecord failed = run("reports/daily", T0, RunOutcome.FAILED, "trace");
        history.record(List.of(failed));
        String container = ROOT + "/runs/reports%2Fdaily";
        assertThat(zooKeeper.raw().getChildren().forPath(container))
                .containsExactly(T0.toEpochMilli() + "~FAILED~" + failed.runId());
        byte[] data = zooKeeper.raw().getData().forPath(container + "/" + T0.toEpochMilli() + "~FAILED~" + failed.runId());
        assertThat(RunRecordCodec.read(new String(data, StandardCharsets.UTF_8))).isEqualTo(failed);
    }

    @Test
    void anUnreadableRunZnodeIsReportedNotSkippedAndKept() throws Exception {
        RunHistory history = history("a");
        RunRecord good = run("j", T0);
        history.record(List.of(good));
        String corrupt = ROOT + "/runs/j/" + T0.plusSeconds(1).toEpochMilli() + "~FAILED~broken-run";
        zooKeeper.raw().create().forPath(corrupt, "{not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> history.findRuns(RunQuery.ofJob("j")))
                .isInstanceOf(JobDecodeException.class).hasMessageContaining(corrupt);
        assertThatThrownBy(() -> history.findRuns(RunQuery.all().withOutcomes(RunOutcome.FAILED)))
                .isInstanceOf(JobDecodeException.class).hasMessageContaining(corrupt);
        assertThat(history.findRuns(RunQuery.ofJob("j").withOutcomes(RunOutcome.SUCCEEDED))).containsExactly(good);
        assertThat(zooKeeper.raw().checkExists().forPath(corrupt)).isNotNull();
        // the retention removes it by the finish time in its name, as any run
        assertThat(history.removeExpiredRuns("a", ONE_HOUR, T0.plus(Duration.ofHours(2)), 100)).isEqualTo(2);
        assertThat(zooKeeper.raw().checkExists().forPath(corrupt)).isNull();
    }

    @Test
    void aChildThatIsNotARunIsLeftAloneByQueriesAndRetention() throws Exception {
        RunHistory history = history("a");
        RunRecord good = run("j", T0);
        history.record(List.of(good));
        zooKeeper.raw().create().forPath(ROOT + "/runs/j/notes", "kept".getBytes(StandardCharsets.UTF_8));

        assertThat(history.findRuns(RunQuery.ofJob("j"))).containsExactly(good);
        assertThat(history.removeExpiredRuns("a", ONE_HOUR, T0.plus(Duration.ofHours(2)), 100)).isEqualTo(1);
        assertThat(zooKeeper.raw().getChildren().forPath(ROOT + "/runs/j")).containsExactly("notes");
    }

    @Test
    void aRemovedJobKeepsItsHistoryUntilTheRetentionRemovesItThenItsContainerGoes() throws Exception {
        RunHistory history = history("a");
        history.record(List.of(run("gone", T0)));
        assertThat(history.removeExpiredRuns("a", ONE_HOUR, T0.plus(Duration.ofMinutes(30)), 100)).isZero();
        assertThat(history.findRuns(RunQuery.ofJob("gone"))).hasSize(1);

        assertThat(history.removeExpiredRuns("a", ONE_HOUR, T0.plus(Duration.ofHours(2)), 100)).isEqualTo(1);

        assertThat(zooKeeper.raw().checkExists().forPath(ROOT + "/runs/gone")).isNull();
        // this instance still remembers the container: the next run creates it again
        RunRecord next = run("gone", T0.plus(Duration.ofHours(3)));
        history.record(List.of(next));
        assertThat(history.findRuns(RunQuery.ofJob("gone"))).containsExactly(next);
    }

    @Test
    void aBatchLargerThanOneTransactionIsWrittenWhole() {
        RunHistory history = history("a");
        List<RunRecord> big = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            big.add(run("big" + (i % 3), T0.plusSeconds(i), RunOutcome.FAILED, "x".repeat(40_000)));
        }
        history.record(big);
        history.record(big);
        assertThat(history.findRuns(RunQuery.all().withLimit(100))).hasSize(30);
    }

    @Test
    void aRecordTooLargeForAZooKeeperRequestIsLeftOutAndTheOthersWritten() {
        RunHistory history = history("a");
        RunRecord huge = run("j", T0, RunOutcome.FAILED, "x".repeat(1024 * 1024));    // beyond ZooKeeper's 1 MiB request limit
        RunRecord small = run("j", T0.plusSeconds(1));
        history.record(List.of(huge, small));
        assertThat(history.findRuns(RunQuery.ofJob("j"))).containsExactly(small);
    }

    @Test
    void twoInstancesEnforcingTheRetentionAtOnceRemoveEachRunOnce() throws Exception {
        // the same scheduler id on two sessions: both hold the lease, as two schedulers do for a moment when one
        // takes over a lease that expired during the other's pass, so that their passes overlap on the same jobs
        RunHistory a = history("scheduler-a");
        RunHistory b = history("scheduler-a");
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            runs.add(run("job" + (i % 8), T0.plusMillis(i)));
        }
        a.record(runs);
        RunRetention retention = new RunRetention(10, Duration.ofDays(1));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> byA = pool.submit(removeAll(a, retention, start));
            Future<Integer> byB = pool.submit(removeAll(b, retention, start));
            assertThat(byA.get() + byB.get()).isEqualTo(400 - 8 * 10);
        }
        finally {
            pool.shutdown();
        }
        for (int job = 0; job < 8; job++) {
            assertThat(a.findRuns(RunQuery.ofJob("job" + job))).hasSize(10);
        }
    }

    @Test
    void anotherSchedulerWaitsForTheRetentionLease() {
        RunHistory a = history("scheduler-a");
        RunHistory b = history("scheduler-b");
        a.record(List.of(run("j", T0)));
        RunRetention keepOne = new RunRetention(1, Duration.ofDays(1));
        assertThat(a.removeExpiredRuns("scheduler-a", keepOne, T0, 10)).isZero();
        b.record(List.of(run("j", T0.plusSeconds(1))));
        assertThat(b.removeExpiredRuns("scheduler-b", keepOne, T0.plus(Duration.ofMinutes(4)), 10)).isZero();
        assertThat(b.findRuns(RunQuery.ofJob("j"))).hasSize(2);
        assertThat(b.removeExpiredRuns("scheduler-b", keepOne, T0.plus(ZooKeeperRunRetention.LEASE_TIME), 10)).isEqualTo(1);
    }

    /** Enforces the retention until only the kept runs are left (a call may find the lease busy and remove none). */
    private static Callable<Integer> removeAll(RunHistory history, RunRetention retention, CyclicBarrier start) {
        return () -> {
            start.await();
            int total = 0;
            for (int call = 0; call < 500 && storedRuns() > 80; call++) {
                total += history.removeExpiredRuns("scheduler-a", retention, T0.plus(Duration.ofHours(1)), 15);
            }
            return total;
        };
    }

    private static int storedRuns() throws Exception {
        int count = 0;
        for (String job : zooKeeper.raw().getChildren().forPath(ROOT + "/runs")) {
            if (!job.startsWith(".")) {
                count += zooKeeper.raw().getChildren().forPath(ROOT + "/runs/" + job).size();
            }
        }
        return count;
    }
}
