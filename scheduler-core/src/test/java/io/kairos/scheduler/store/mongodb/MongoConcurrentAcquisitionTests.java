package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schedulers, each with its own store and client on one database (as two JVMs would be), acquire the same due
 * jobs at once: every job goes to exactly one of them, both when the jobs are unleased and when they are all held by
 * a third scheduler whose leases have expired (the take-over after a {@code kill -9}). Against mongo-java-server
 * in-process.
 */
class MongoConcurrentAcquisitionTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final int JOBS = 200;

    private InProcessMongo server;

    private final List<MongoJobStore> stores = new ArrayList<>();

    @BeforeEach
    void startServer() {
        this.server = new InProcessMongo(0, false);
        this.server.start();
    }

    @AfterEach
    void stop() {
        this.stores.forEach(MongoJobStore::shutdown);
        this.server.close();
    }

    private MongoJobStore store(String schedulerId) {
        MongoJobStore store = MongoJobStore.builder().connectionString(this.server.uri()).collection("race")
            .timeout(Duration.ofSeconds(10)).build();
        store.start(new JobStoreContext("default", schedulerId, InstantSource.fixed(T0), TestTrigger.codec(), () -> { }));
        this.stores.add(store);
        return store;
    }

    private static StoredJob job(int i) {
        Instant next = T0.minusMillis(i % 5);
        return new StoredJob(String.format("job-%03d", i), "job", "t", List.of(), Map.of(), new TestTrigger(next), "default",
                "default", null, true, 1, null, next, next, JobState.SCHEDULED, null, 0, null);
    }

    private void addJobs(MongoJobStore store) {
        for (int i = 0; i < JOBS; i++) {
            store.addJob(job(i), ConflictPolicy.ERROR);
        }
    }

    @RepeatedTest(2)
    void twoSchedulersNeverLeaseTheSameDueJob() throws Exception {
        MongoJobStore a = store("a");
        MongoJobStore b = store("b");
        addJobs(a);
        assertEachJobOnce(race(Map.of("a", a, "b", b), T0, T0.plusSeconds(60)));
    }

    @RepeatedTest(2)
    void twoSchedulersTakingOverExpiredLeasesNeverTakeTheSameJob() throws Exception {
        MongoJobStore dead = store("dead");
        addJobs(dead);
        assertThat(dead.acquireDueJobs("dead", T0, JOBS, T0.plusSeconds(5))).hasSize(JOBS);
        MongoJobStore a = store("a");
        MongoJobStore b = store("b");
        assertThat(a.acquireDueJobs("a", T0.plusSeconds(4), 10, T0.plusSeconds(60))).as("leases not yet expired").isEmpty();
        assertEachJobOnce(race(Map.of("a", a, "b", b), T0.plusSeconds(5), T0.plusSeconds(65)));
        dead.releaseJobs("dead", dead.getAllJobs().stream().map(JobRelease::finished).toList());
        assertThat(a.getAllJobs()).as("the dead scheduler's late releases are ignored").hasSize(JOBS)
            .allSatisfy((j) -> assertThat(j.version()).isEqualTo(1));
    }

    /** Each store acquires batches of 7 from its own thread, all starting together, until it gets none. */
    private static Map<String, List<String>> race(Map<String, MongoJobStore> stores, Instant now, Instant leaseUntil) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        CyclicBarrier start = new CyclicBarrier(stores.size());
        try {
            Map<String, Future<List<String>>> results = new HashMap<>();
            stores.forEach((schedulerId, store) -> {
                Callable<List<String>> acquirer = () -> {
                    start.await();
                    List<String> got = new ArrayList<>();
                    List<StoredJob> batch;
                    do {
                        batch = store.acquireDueJobs(schedulerId, now, 7, leaseUntil);
                        batch.forEach((j) -> got.add(j.id()));
                    }
                    while (!batch.isEmpty());
                    return got;
                };
                results.put(schedulerId, pool.submit(acquirer));
            });
            Map<String, List<String>> got = new HashMap<>();
            for (Map.Entry<String, Future<List<String>>> result : results.entrySet()) {
                got.put(result.getKey(), result.getValue().get(60, TimeUnit.SECONDS));
            }
            return got;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static void assertEachJobOnce(Map<String, List<String>> got) {
        Map<String, Integer> counts = new HashMap<>();
        got.values().forEach((ids) -> ids.forEach((id) -> counts.merge(id, 1, Integer::sum)));
        assertThat(counts).as("jobs acquired").hasSize(JOBS);
        assertThat(counts.entrySet().stream().filter((e) -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList())
            .as("jobs both schedulers acquired (a: %d, b: %d)", got.get("a").size(), got.get("b").size()).isEmpty();
    }
}
