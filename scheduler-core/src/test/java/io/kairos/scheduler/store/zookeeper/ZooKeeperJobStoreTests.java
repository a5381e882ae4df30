package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreContractTests;
import io.kairos.scheduler.store.StoredJob;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The job store contract on {@link ZooKeeperJobStore} against a real ZooKeeper server running in this JVM
 * ({@link InProcessZooKeeper}, Curator's TestingServer), plus what only the ZooKeeper store promises: unreadable znodes kept, wake-ups
 * across instances, leases vanishing with their session.
 */
class ZooKeeperJobStoreTests extends JobStoreContractTests {

    @RegisterExtension
    static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();

    private final List<JobStore> extraStores = new ArrayList<>();

    /** The run history contract's retention tests expect no expired runs of earlier tests in the way. */
    @BeforeEach
    void removeEarlierRuns() throws Exception {
        zooKeeper.deleteChildren("/kairos-test/runs");
    }

    @AfterEach
    void stopExtraStores() {
        this.extraStores.forEach(JobStore::shutdown);
    }

    @Override
    protected boolean reportsLeaseHolders() {
        return true;
    }

    @Override
    protected JobStore createStore() {
        return ZooKeeperJobStore.builder().connectString(zooKeeper.connectString()).rootPath("/kairos-test").build();
    }

    private ZooKeeperJobStore otherStore(String schedulerId, Runnable wakeup) {
        ZooKeeperJobStore other = (ZooKeeperJobStore) createStore();
        other.start(new JobStoreContext("default", schedulerId, InstantSource.fixed(T0), codec(), wakeup));
        this.extraStores.add(other);
        return other;
    }

    @Test
    void isShared() {
        assertThat(this.store.isShared()).isTrue();
    }

    @Test
    void keepsTheJsonAndTheIndexEntryInZnodes() throws Exception {
        this.store.addJob(job("a/b", T0.plusMillis(1500)), ConflictPolicy.ERROR);
        String json = new String(zooKeeper.raw().getData().forPath("/kairos-test/jobs/a%2Fb"), StandardCharsets.UTF_8);
        assertThat(codec().decode(json).id()).isEqualTo("a/b");
        assertThat(new String(zooKeeper.raw().getData().forPath("/kairos-test/due/a%2Fb"), StandardCharsets.UTF_8))
                .isEqualTo(Long.toString(T0.plusMillis(1500).toEpochMilli()));
    }

    @Test
    void unreadableZnodeIsMarkedBrokenAndKeptUntouched() throws Exception {
        this.store.addJob(job("good", T0.minusSeconds(2)), ConflictPolicy.ERROR);
        zooKeeper.raw().create().forPath("/kairos-test/jobs/garbage", "{not json".getBytes(StandardCharsets.UTF_8));
        zooKeeper.raw().create().forPath("/kairos-test/due/garbage", Long.toString(T0.minusSeconds(3).toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.store.nextRunTime().orElseThrow().isBefore(T0.minusSeconds(2)));

        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60));

        assertThat(acquired).extracting(StoredJob::id, StoredJob::state)
                .containsExactly(tuple("good", JobState.SCHEDULED), tuple("garbage", JobState.BROKEN));
        assertThat(acquired.get(1).brokenReason()).contains("'garbage'");
        assertThat(this.store.acquireDueJobs(B, T0, 10, T0.plusSeconds(60))).isEmpty();
        assertThat(new String(zooKeeper.raw().getData().forPath("/kairos-test/jobs/garbage"), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(zooKeeper.raw().getData().forPath("/kairos-test/due/garbage")).isEmpty();
        StoredJob garbage = this.store.lookupJob("garbage").orElseThrow();
        assertThat(garbage.state()).isEqualTo(JobState.BROKEN);
        assertThat(garbage.brokenReason()).startsWith("stored job 'garbage' is not valid JSON");
        assertThat(this.store.getAllJobs()).extracting(StoredJob::id).containsExactly("good", "garbage");
        this.store.addJob(job("garbage", T0.minusSeconds(1)), ConflictPolicy.REPLACE);
        assertThat(zooKeeper.raw().checkExists().forPath("/kairos-test/broken/garbage")).isNull();
        assertThat(this.store.acquireDueJobs(B, T0, 10, T0.plusSeconds(60))).extracting(StoredJob::id).containsExactly("garbage");
    }

    @Test
    void instancesTakingOverExpiredLeasesAtOnceGetEachJobExactlyOnce() throws Exception {
        int jobCount = 60;
        for (int i = 0; i < jobCount; i++) {
            this.store.addJob(job("job-" + i, T0.minusSeconds(1)), ConflictPolicy.ERROR);
        }
        assertThat(this.store.acquireDueJobs(A, T0, jobCount, T0.plusSeconds(60))).hasSize(jobCount);
        List<ZooKeeperJobStore> others = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            ZooKeeperJobStore other = otherStore("taker-" + t, () -> { });
            assertThat(other.nextRunTime()).contains(T0.plusSeconds(60));
            others.add(other);
        }
        ExecutorService pool = Executors.newFixedThreadPool(others.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < others.size(); t++) {
                ZooKeeperJobStore other = others.get(t);
                String id = "taker-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> got = new ArrayList<>();
                    List<StoredJob> batch;
                    do {
                        batch = other.acquireDueJobs(id, T0.plusSeconds(61), 5, T0.plusSeconds(120));
                        batch.forEach((job) -> got.add(job.id()));
                    }
                    while (!batch.isEmpty());
                    return got;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(jobCount).doesNotHaveDuplicates();
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * The lease keeper extends the leases of runs in flight on its own thread, so an extension (which moves the lease
     * znode's version on) can fall between a release's read of the lease and its transaction: the release must still
     * finish the job, never leave it due to run again, and never fail the batch.
     */
    @Test
    void releaseRacingAnExtensionOfTheSameLeaseStillFinishesTheJob() throws Exception {
        int jobCount = 150;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobCount; i++) {
            ids.add("race-" + i);
            this.store.addJob(job("race-" + i, T0.minusSeconds(1)), ConflictPolicy.ERROR);
        }
        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, jobCount, T0.plusSeconds(60));
        assertThat(acquired).hasSize(jobCount);
        AtomicBoolean releasing = new AtomicBoolean(true);
        ExecutorService extender = Executors.newSingleThreadExecutor();
        try {
            Future<?> extending = extender.submit(() -> {
                for (long i = 1; releasing.get(); i++) {
                    this.store.extendLeases(A, ids, T0.plusSeconds(60 + i));
                }
                return null;
            });
            for (StoredJob job : acquired) {
                this.store.releaseJobs(A, List.of(JobRelease.finished(job)));
            }
            releasing.set(false);
            extending.get(60, TimeUnit.SECONDS);
        }
        finally {
            releasing.set(false);
            extender.shutdownNow();
        }
        assertThat(this.store.getAllJobs()).isEmpty();
        assertThat(this.store.acquireDueJobs(B, T0.plusSeconds(3600), jobCount, T0.plusSeconds(7200))).isEmpty();
    }

    /** As above for {@link ZooKeeperJobStore#markBroken}: an extension of the caller's lease does not stop it. */
    @Test
    void markBrokenRacingAnExtensionOfTheSameLeaseStillMarksTheJob() throws Exception {
        int jobCount = 100;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobCount; i++) {
            ids.add("broken-" + i);
            this.store.addJob(job("broken-" + i, T0.minusSeconds(1)), ConflictPolicy.ERROR);
        }
        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, jobCount, T0.plusSeconds(60));
        AtomicBoolean marking = new AtomicBoolean(true);
        ExecutorService extender = Executors.newSingleThreadExecutor();
        List<String> notMarked = new ArrayList<>();
        try {
            Future<?> extending = extender.submit(() -> {
                for (long i = 1; marking.get(); i++) {
                    this.store.extendLeases(A, ids, T0.plusSeconds(60 + i));
                }
                return null;
            });
            for (StoredJob job : acquired) {
                if (!this.store.markBroken(A, job.id(), job.version(), "trigger failed")) {
                    notMarked.add(job.id());
                }
            }
            marking.set(false);
            extending.get(60, TimeUnit.SECONDS);
        }
        finally {
            marking.set(false);
            extender.shutdownNow();
        }
        assertThat(notMarked).isEmpty();
        assertThat(this.store.getAllJobs()).hasSize(jobCount).allSatisfy((job) -> assertThat(job.state()).isEqualTo(JobState.BROKEN));
    }

    @Test
    void addOnOneInstanceWakesTheOthers() {
        AtomicInteger wakeupsOfB = new AtomicInteger();
        ZooKeeperJobStore b = otherStore(B, wakeupsOfB::incrementAndGet);
        assertThat(b.nextRunTime()).isEmpty();
        int before = wakeupsOfB.get();
        this.store.addJob(job("a", T0.plusSeconds(5)), ConflictPolicy.ERROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() > before);
        assertThat(b.nextRunTime()).contains(T0.plusSeconds(5));
    }

    @Test
    void leasesVanishWithTheSessionOfTheirHolderAndItsJobsAreTakenOver() throws Exception {
        // a short session: the server, not the client, ends an expired session and deletes its ephemeral znodes
        ZooKeeperJobStore a = ZooKeeperJobStore.builder().connectString(zooKeeper.connectString()).rootPath("/kairos-test")
                .sessionTimeout(Duration.ofSeconds(2)).build();
        a.start(new JobStoreContext("default", "dying", InstantSource.fixed(T0), codec(), () -> { }));
        this.extraStores.add(a);
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        assertThat(a.acquireDueJobs("dying", T0, 10, T0.plusSeconds(3600))).extracting(StoredJob::id).containsExactly("a");
        assertThat(this.store.acquireDueJobs(B, T0, 10, T0.plusSeconds(60))).isEmpty();
        AtomicInteger wakeupsOfB = new AtomicInteger();
        ZooKeeperJobStore b = otherStore(B, wakeupsOfB::incrementAndGet);
        assertThat(b.nextRunTime()).contains(T0.plusSeconds(3600));
        int before = wakeupsOfB.get();

        a.client().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        // the lease vanishing is what wakes B: the job is due and nothing else changed
        await().atMost(Duration.ofSeconds(20)).until(() -> wakeupsOfB.get() > before);
        assertThat(b.acquireDueJobs(B, T0, 10, T0.plusSeconds(60))).extracting(StoredJob::id).containsExactly("a");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.client().getZookeeperClient().isConnected());
        assertThat(a.extendLeases("dying", List.of("a"), T0.plusSeconds(7200))).containsExactly("a");
    }
}
