package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobAddBatches;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreContractTests;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.StoredJob;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.kairos.scheduler.store.redis.RedisJobStore.PUT_PIPELINE_DEPTH;
import static org.awaitility.Awaitility.await;

/**
 * The job store contract on {@link RedisJobStore} against the Redis on 127.0.0.1:6379, plus what only a shared
 * Redis store promises: the key layout, unreadable entries kept, wake-ups across instances (also after a
 * reconnect), atomic acquisition across instances, lease takeover. Keys carry a prefix unique to this run.
 */
class RedisJobStoreIT extends JobStoreContractTests {

    static final String URI = "redis://127.0.0.1:6379";

    private static final String PREFIX = "kairos-it-" + UUID.randomUUID() + ".";

    private static final RedisJobStoreKeys KEYS = RedisJobStoreKeys.withPrefix(PREFIX);

    private static RedisClient client;

    private static StatefulRedisConnection<String, String> connection;

    private final List<JobStore> extraStores = new ArrayList<>();

    @BeforeAll
    static void connect() {
        client = RedisClient.create(URI);
        connection = client.connect();
    }

    @AfterAll
    static void deleteKeysAndDisconnect() {
        if (connection != null) {
            connection.sync().del(KEYS.all());
            List<String> history = connection.sync().keys(KEYS.jobs() + ":runs*");
            if (!history.isEmpty()) {
                connection.sync().del(history.toArray(String[]::new));
            }
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    @AfterEach
    void stopExtraStores() {
        this.extraStores.forEach(JobStore::shutdown);
    }

    /** A store on the class's shared client (one Lettuce event loop for all tests). */
    @Override
    protected boolean reportsLeaseHolders() {
        return true;
    }

    @Override
    protected JobStore createStore() {
        return RedisJobStore.builder().client(client).keys(KEYS).commandTimeout(Duration.ofSeconds(10)).build();
    }

    private static RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /** Another started store instance on the same keys, with its own connections. */
    private RedisJobStore otherStore(String schedulerId, Runnable wakeup) {
        RedisJobStore other = (RedisJobStore) createStore();
        other.start(new JobStoreContext("default", schedulerId, InstantSource.fixed(T0), codec(), wakeup));
        this.extraStores.add(other);
        return other;
    }

    @Test
    void isShared() {
        assertThat(this.store.isShared()).isTrue();
    }

    @Test
    void keepsApschedulersLayoutWithEpochMillisScores() {
        this.store.addJob(job("a", T0.plusMillis(1500)), ConflictPolicy.ERROR);
        this.store.addJob(job("p", T0).withNextRunTime(null, null), ConflictPolicy.ERROR);
        assertThat(codec().decode(redis().hget(KEYS.jobs(), "a")).id()).isEqualTo("a");
        assertThat(redis().zscore(KEYS.runTimes(), "a")).isEqualTo((double) T0.plusMillis(1500).toEpochMilli());
        assertThat(redis().zscore(KEYS.runTimes(), "p")).isNull();
        assertThat(redis().hexists(KEYS.jobs(), "p")).isTrue();
    }

    @Test
    void aNewJobWithoutJitterHasNoVersionOrFireTimeEntryAndReadsAsVersionOneFiringAtItsRunTime() {
        this.store.addJobs(List.of(job("a", T0.minusSeconds(1)), job("b", T0.plusSeconds(5))), ConflictPolicy.ERROR);
        assertThat(redis().hexists(KEYS.versions(), "a")).isFalse();
        assertThat(redis().hexists(KEYS.fireTimes(), "a")).isFalse();
        assertThat(this.store.lookupJob("b")).hasValueSatisfying((job) -> {
            assertThat(job.version()).isEqualTo(1);
            assertThat(job.nextFireTime()).isEqualTo(T0.plusSeconds(5));
        });
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60)).get(0);
        assertThat(acquired.version()).isEqualTo(1);
        assertThat(acquired.nextFireTime()).isEqualTo(T0.minusSeconds(1));
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, T0.plusSeconds(300), T0.plusSeconds(299))));
        assertThat(redis().hget(KEYS.versions(), "a")).isEqualTo("2");
        assertThat(redis().hget(KEYS.fireTimes(), "a")).isEqualTo(Long.toString(T0.plusSeconds(299).toEpochMilli()));
        assertThat(this.store.lookupJob("a").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aJitteredJobKeepsItsFireTimeEvenInACallWithPlainJobs() {
        StoredJob jittered = job("j", T0).withNextRunTime(T0.plusMillis(400), T0);
        this.store.addJobs(List.of(job("a", T0), jittered), ConflictPolicy.ERROR);
        assertThat(redis().hget(KEYS.fireTimes(), "j")).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(redis().hexists(KEYS.fireTimes(), "a")).isFalse();
        assertThat(this.store.lookupJob("j").orElseThrow().nextFireTime()).isEqualTo(T0);
        assertThat(this.store.lookupJob("a").orElseThrow().nextFireTime()).isEqualTo(T0);
    }

    @Test
    void entriesLeftWithoutTheirJobDoNotAttachToANewJobOfThatId() {
        redis().hset(KEYS.versions(), "a", "7");
        redis().hset(KEYS.fireTimes(), "a", "1");
        this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        assertThat(redis().hexists(KEYS.versions(), "a")).isFalse();
        assertThat(redis().hexists(KEYS.fireTimes(), "a")).isFalse();
        assertThat(this.store.lookupJob("a").orElseThrow()).satisfies((job) -> {
            assertThat(job.version()).isEqualTo(1);
            assertThat(job.nextFireTime()).isEqualTo(T0);
        });
    }

    @Test
    void jobsStoredWithVersionAndFireTimeEntriesStayReadable() {
        // as put.lua wrote every job before it left out version 1 and a fire time equal to the run time
        String millis = Long.toString(T0.minusSeconds(1).toEpochMilli());
        for (String id : List.of("one", "four")) {
            redis().hset(KEYS.jobs(), id, codec().encode(job(id, T0.minusSeconds(1))));
            redis().zadd(KEYS.runTimes(), T0.minusSeconds(1).toEpochMilli(), id);
            redis().zadd(KEYS.ids(), 0, id);
            redis().hset(KEYS.fireTimes(), id, millis);
        }
        redis().hset(KEYS.versions(), "one", "1");
        redis().hset(KEYS.versions(), "four", "4");
        assertThat(this.store.getAllJobs()).extracting(StoredJob::id, StoredJob::version, StoredJob::nextFireTime)
                .containsExactly(tuple("four", 4L, T0.minusSeconds(1)), tuple("one", 1L, T0.minusSeconds(1)));
        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60));
        assertThat(acquired).extracting(StoredJob::version).containsExactly(4L, 1L);
        this.store.releaseJobs(A, acquired.stream().map((job) -> JobRelease.reschedule(job, T0.plusSeconds(300), T0.plusSeconds(300))).toList());
        assertThat(redis().hmget(KEYS.versions(), "four", "one")).extracting((value) -> value.getValue()).containsExactly("5", "2");
        this.store.addJob(job("one", T0.plusSeconds(5)), ConflictPolicy.REPLACE);
        assertThat(this.store.lookupJob("one").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void idIndexIsKeptByEveryWriteAndFilledOnStartWhenKeysPredateIt() {
        for (String id : List.of("c", "a", "b", "d")) {
            this.store.addJob(job(id, T0.plusSeconds(5)), ConflictPolicy.ERROR);
        }
        this.store.removeJob("d");
        assertThat(redis().zrange(KEYS.ids(), 0, -1)).containsExactly("a", "b", "c");
        // keys written by a version without the index: a start fills it
        redis().del(KEYS.ids());
        RedisJobStore restarted = otherStore("scheduler-c", () -> { });
        assertThat(restarted.listJobs(JobQuery.all().withLimit(2)).jobs()).extracting(StoredJob::id).containsExactly("a", "b");
        assertThat(redis().zcard(KEYS.ids())).isEqualTo(3);
    }

    @Test
    void unreadableEntriesAreMarkedBrokenAndKeptUntouched() {
        this.store.addJob(job("good", T0.minusSeconds(2)), ConflictPolicy.ERROR);
        String newerFormat = codec().encode(job("newer", T0)).replace("\"format\":1", "\"format\":999");
        assertThat(newerFormat).contains("\"format\":999");
        redis().hset(KEYS.jobs(), "newer", newerFormat);
        redis().zadd(KEYS.runTimes(), T0.minusSeconds(3).toEpochMilli(), "newer");
        redis().hset(KEYS.jobs(), "garbage", "{not json");
        redis().zadd(KEYS.runTimes(), T0.minusSeconds(1).toEpochMilli(), "garbage");

        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60));

        assertThat(acquired).extracting(StoredJob::id, StoredJob::state).containsExactly(tuple("good", JobState.SCHEDULED),
                tuple("garbage", JobState.BROKEN), tuple("newer", JobState.BROKEN));
        assertThat(acquired.get(1).brokenReason()).startsWith("stored job 'garbage' is not valid JSON");
        assertThat(redis().hget(KEYS.leaseOwners(), "garbage")).isNull();
        assertThat(redis().hget(KEYS.jobs(), "newer")).isEqualTo(newerFormat);
        assertThat(redis().hget(KEYS.jobs(), "garbage")).isEqualTo("{not json");
        assertThat(redis().zscore(KEYS.runTimes(), "newer")).isNull();
        assertThat(redis().zscore(KEYS.runTimes(), "garbage")).isNull();
        assertThat(redis().hget(KEYS.broken(), "newer")).contains("999");
        // planted without a versions entry: read as version 1, marked broken as version 2
        assertThat(redis().hget(KEYS.versions(), "newer")).isEqualTo("2");
        StoredJob newer = this.store.lookupJob("newer").orElseThrow();
        assertThat(newer.state()).isEqualTo(JobState.BROKEN);
        assertThat(newer.brokenReason()).contains("999");
        assertThat(this.store.lookupJob("garbage").orElseThrow().state()).isEqualTo(JobState.BROKEN);
        assertThat(this.store.getAllJobs()).extracting(StoredJob::id).containsExactly("good", "garbage", "newer");
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(60));
        assertThat(this.store.acquireDueJobs(B, T0.plusSeconds(3600), 10, T0.plusSeconds(3700))).extracting(StoredJob::id)
                .containsExactly("good");
    }

    @Test
    void unreadableEntryIsMarkedBrokenWhenListedToo() {
        redis().hset(KEYS.jobs(), "garbage", "[]");
        redis().zadd(KEYS.runTimes(), T0.toEpochMilli(), "garbage");
        assertThat(this.store.getAllJobs()).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo("garbage");
            assertThat(job.state()).isEqualTo(JobState.BROKEN);
        });
        assertThat(redis().hexists(KEYS.broken(), "garbage")).isTrue();
        assertThat(redis().hget(KEYS.jobs(), "garbage")).isEqualTo("[]");
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void aFinishedMarkerIsNotMarkedBrokenSoTheCountsStayRight() {
        redis().hset(KEYS.jobs(), "done", "{\"finished\":true}");
        redis().zadd(KEYS.finished(), T0.toEpochMilli(), "done");
        redis().hset(KEYS.versions(), "done", "3");
        assertThat(this.store.markBroken(A, "done", 3, "unreadable")).isFalse();
        assertThat(redis().hexists(KEYS.broken(), "done")).isFalse();
        assertThat(redis().hget(KEYS.versions(), "done")).isEqualTo("3");
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(0, 0, 0));
    }

    @Test
    void keySizesThatDisagreeCountNoPausedJobsInsteadOfFailing() {
        redis().hset(KEYS.broken(), "ghost", "a broken entry whose job is gone");
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(0, 0, 1));
    }

    @Test
    void replacingABrokenEntryBringsItBack() {
        redis().hset(KEYS.jobs(), "a", "{not json");
        this.store.lookupJob("a");
        assertThat(redis().hexists(KEYS.broken(), "a")).isTrue();
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.REPLACE);
        assertThat(redis().hexists(KEYS.broken(), "a")).isFalse();
        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).extracting(StoredJob::id).containsExactly("a");
    }

    @Test
    void runTimeWithoutAJobIsDroppedInsteadOfLookingDueForever() {
        redis().zadd(KEYS.runTimes(), T0.minusSeconds(1).toEpochMilli(), "orphan");
        this.store.addJob(job("a", T0.minusSeconds(2)), ConflictPolicy.ERROR);
        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).extracting(StoredJob::id).containsExactly("a");
        assertThat(redis().zscore(KEYS.runTimes(), "orphan")).isNull();
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(60));
    }

    @Test
    void commandThatOutlivesTheTimeoutFailsWithJobStoreException() throws Exception {
        RedisJobStore impatient = RedisJobStore.builder().client(client).keys(KEYS).commandTimeout(Duration.ofMillis(300)).build();
        impatient.start(context(B));
        this.extraStores.add(impatient);
        String blocker = PREFIX + "blocker";
        // Occupy the store's command connection: Redis answers the next command only after this BLPOP ends.
        var blocked = impatient.connections().commandConnection().async().blpop(30, blocker);
        try {
            assertThatThrownBy(impatient::getAllJobs).isInstanceOf(JobStoreException.class)
                    .hasMessageContaining("could not list jobs").hasRootCauseInstanceOf(io.lettuce.core.RedisCommandTimeoutException.class);
        }
        finally {
            redis().lpush(blocker, "go");
            blocked.toCompletableFuture().handle((value, error) -> value).get(30, TimeUnit.SECONDS);
            redis().del(blocker);
        }
    }

    @Test
    void addOnOneInstanceWakesTheOthers() {
        AtomicInteger wakeupsOfB = new AtomicInteger();
        otherStore(B, wakeupsOfB::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() >= 1);
        int before = wakeupsOfB.get();
        this.store.addJob(job("a", T0.plusSeconds(5)), ConflictPolicy.ERROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() > before);
    }

    @Test
    void onlyAnAddBeforeTheStoresNextRunTimePublishesAWakeUp() {
        List<String> messages = wakeUpMessages(() -> {
            this.store.addJob(job("a", T0.plusSeconds(10)), ConflictPolicy.ERROR);
            this.store.addJob(job("b", T0.plusSeconds(10)), ConflictPolicy.ERROR);
            this.store.addJob(job("c", T0.plusSeconds(20)), ConflictPolicy.ERROR);
            this.store.acquireDueJobs(A, T0.plusSeconds(10), 1, T0.plusSeconds(30));
            // a is leased until 30 s; b is due at 10 s, so the next run time stays 10 s
            this.store.addJob(job("d", T0.plusSeconds(15)), ConflictPolicy.ERROR);
            this.store.addJob(job("e", T0.plusSeconds(5)), ConflictPolicy.ERROR);
            this.store.addJob(job("p", T0).withNextRunTime(null, null), ConflictPolicy.ERROR);
        });
        // a (the store was empty) and e (before 10 s); messages on one channel arrive in order
        assertThat(messages).containsExactly(A, A, "end");
    }

    /** The wake-up messages published while {@code writes} ran, then {@code end}. */
    private List<String> wakeUpMessages(Runnable writes) {
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> listener = client.connectPubSub()) {
            listener.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    messages.add(message);
                }
            });
            listener.sync().subscribe(KEYS.wakeupChannel());
            writes.run();
            redis().publish(KEYS.wakeupChannel(), "end");
            await().atMost(Duration.ofSeconds(10)).until(() -> messages.contains("end"));
        }
        return messages;
    }

    @Test
    void aBatchOfAddsPublishesAtMostOneWakeUp() {
        List<String> messages = wakeUpMessages(() -> {
            this.store.addJobs(List.of(job("a", T0.plusSeconds(10)), job("b", T0.plusSeconds(5)), job("c", T0.plusSeconds(20))),
                    ConflictPolicy.ERROR);
            // all at or after the store's next run time (5 s), or paused: no wake-up
            this.store.addJobs(List.of(job("d", T0.plusSeconds(5)), job("e", T0.plusSeconds(30)), job("p", T0).withNextRunTime(null, null)),
                    ConflictPolicy.ERROR);
        });
        assertThat(messages).containsExactly(A, "end");
    }

    @Test
    void batchesArePipelinedAndEachIsReportedWithTheOutcomesOfItsOwnAddJobsCall() {
        this.store.addJob(job("b1-taken", T0.plusSeconds(1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b3-taken", T0.plusSeconds(1)), ConflictPolicy.ERROR);
        FixedBatches batches = new FixedBatches(PUT_PIPELINE_DEPTH + 2, "b1-taken", "b3-taken");
        this.store.addJobBatches(batches, ConflictPolicy.ERROR);
        // the next batch is taken before the earlier ones are reported, never more than the window
        assertThat(batches.mostUnreported).isEqualTo(PUT_PIPELINE_DEPTH);
        assertThat(batches.reported).hasSize(PUT_PIPELINE_DEPTH + 2);
        for (int b = 0; b < batches.reported.size(); b++) {
            List<JobAddOutcome> outcomes = batches.reported.get(b);
            assertThat(outcomes).hasSize(FixedBatches.SIZE);
            for (int k = 0; k < FixedBatches.SIZE; k++) {
                String id = batches.ids.get(b).get(k);
                if (id.endsWith("-taken")) {
                    assertThat(outcomes.get(k).failure()).as(id).isInstanceOf(ConflictingJobIdException.class);
                }
                else {
                    assertThat(outcomes.get(k).added()).as(id).isTrue();
                    assertThat(outcomes.get(k).stored().id()).isEqualTo(id);
                    assertThat(outcomes.get(k).stored().version()).isEqualTo(1);
                }
            }
        }
        assertThat(redis().hlen(KEYS.jobs())).isEqualTo((PUT_PIPELINE_DEPTH + 2) * FixedBatches.SIZE);
    }

    @Test
    void afterAFailedBatchTheBatchesAlreadySentAreReportedAsRedisAnsweredAndNoFurtherBatchIsTaken() {
        // an id that exists makes put.lua read the finished markers' key, which is made a string: WRONGTYPE for
        // that batch alone, raised before the script writes anything
        this.store.addJob(job("b1-taken", T0.plusSeconds(1)), ConflictPolicy.ERROR);
        redis().set(KEYS.finished(), "not a sorted set");
        try {
            FixedBatches batches = new FixedBatches(PUT_PIPELINE_DEPTH + 3, "b1-taken");
            this.store.addJobBatches(batches, ConflictPolicy.ERROR);
            // batch 0 reported, batch 1 failed: batches 2 .. DEPTH were sent meanwhile, nothing after them
            assertThat(batches.taken).isEqualTo(PUT_PIPELINE_DEPTH + 1);
            assertThat(batches.reported).hasSize(PUT_PIPELINE_DEPTH + 1);
            assertThat(batches.reported.get(1)).allSatisfy((outcome) -> assertThat(outcome.failure())
                    .isInstanceOf(JobStoreException.class).hasMessageContaining("WRONGTYPE"));
            for (int b = 0; b < batches.reported.size(); b++) {
                if (b != 1) {
                    assertThat(batches.reported.get(b)).as("batch " + b).allMatch(JobAddOutcome::added);
                }
            }
            for (int b = 0; b < PUT_PIPELINE_DEPTH + 3; b++) {
                boolean written = b != 1 && b <= PUT_PIPELINE_DEPTH;
                for (String id : batches.ids.get(b)) {
                    assertThat(redis().hexists(KEYS.jobs(), id)).as(id).isEqualTo(written || id.equals("b1-taken"));
                }
            }
        }
        finally {
            redis().del(KEYS.finished());
        }
    }

    /**
     * Batches of {@link #SIZE} new jobs each ({@code b<batch>-<k>}), the given ids taking the place of batch 1's
     * first job and batch 3's; records what the store reports, and the most batches taken and not yet reported.
     */
    private static final class FixedBatches implements JobAddBatches {

        static final int SIZE = 3;

        final List<List<String>> ids = new ArrayList<>();

        final List<List<JobAddOutcome>> reported = new ArrayList<>();

        int taken;

        int mostUnreported;

        FixedBatches(int count, String... takenIds) {
            for (int b = 0; b < count; b++) {
                List<String> batch = new ArrayList<>();
                for (int k = 0; k < SIZE; k++) {
                    batch.add("b" + b + "-" + k);
                }
                this.ids.add(batch);
            }
            for (int t = 0; t < takenIds.length; t++) {
                this.ids.get(1 + 2 * t).set(0, takenIds[t]);
            }
        }

        @Override
        public List<StoredJob> next() {
            if (this.taken == this.ids.size()) {
                return null;
            }
            List<StoredJob> batch = this.ids.get(this.taken++).stream().map((id) -> job(id, T0.plusSeconds(60))).toList();
            this.mostUnreported = Math.max(this.mostUnreported, this.taken - this.reported.size());
            return batch;
        }

        @Override
        public void written(List<JobAddOutcome> outcomes) {
            this.reported.add(outcomes);
        }
    }

    @Test
    void releaseThatMakesAJobDueBeforeItsLeaseExpiryWakesTheOthers() {
        AtomicInteger wakeupsOfB = new AtomicInteger();
        otherStore(B, wakeupsOfB::incrementAndGet);
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, T0.plusSeconds(60)).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() >= 2);
        int before = wakeupsOfB.get();
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, T0.plusSeconds(10), T0.plusSeconds(10))));
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() > before);
    }

    @Test
    void wakeUpSubscriptionSurvivesALostConnection() {
        AtomicInteger wakeupsOfB = new AtomicInteger();
        RedisJobStore other = otherStore(B, wakeupsOfB::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() >= 1);
        int beforeKill = wakeupsOfB.get();
        Long clientId = other.connections().pubSub().sync().clientId();
        redis().clientKill(io.lettuce.core.KillArgs.Builder.id(clientId));
        // Lettuce reconnects and subscribes again; the store wakes its scheduler on the new subscription.
        await().atMost(Duration.ofSeconds(20)).until(() -> wakeupsOfB.get() > beforeKill);
        int afterReconnect = wakeupsOfB.get();
        this.store.addJob(job("a", T0.plusSeconds(5)), ConflictPolicy.ERROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() > afterReconnect);
    }

    /** After an outage the scheduler's back-off must not outlast Redis's return: the reconnect itself wakes it. */
    @Test
    void aReconnectedCommandConnectionWakesTheScheduler() {
        AtomicInteger wakeupsOfB = new AtomicInteger();
        RedisJobStore other = otherStore(B, wakeupsOfB::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeupsOfB.get() >= 1); // the subscription's
        int beforeKill = wakeupsOfB.get();
        Long clientId = other.connections().commandConnection().sync().clientId();
        redis().clientKill(io.lettuce.core.KillArgs.Builder.id(clientId));
        // only the command connection is lost: the subscription stays, so no wake-up comes from it
        await().atMost(Duration.ofSeconds(20)).until(() -> wakeupsOfB.get() > beforeKill);
        assertThat(other.connections().commandConnection().sync().clientId()).isNotEqualTo(clientId);
    }

    @Test
    void instancesAcquireEveryDueJobExactlyOnce() throws Exception {
        int jobCount = 200;
        for (int i = 0; i < jobCount; i++) {
            this.store.addJob(job(String.format("job-%03d", i), T0.minusMillis(i % 13)), ConflictPolicy.ERROR);
        }
        int instances = 4;
        List<RedisJobStore> stores = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            stores.add(otherStore("instance-" + i, () -> { }));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                RedisJobStore instance = stores.get(i);
                String schedulerId = "instance-" + i;
                Callable<List<String>> acquirer = () -> {
                    start.await();
                    List<String> got = new ArrayList<>();
                    List<StoredJob> batch;
                    do {
                        batch = instance.acquireDueJobs(schedulerId, T0, 5, T0.plusSeconds(60));
                        batch.forEach(job -> got.add(job.id()));
                    }
                    while (!batch.isEmpty());
                    return got;
                };
                results.add(pool.submit(acquirer));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            Set<String> distinct = new HashSet<>(all);
            assertThat(all).hasSize(jobCount);
            assertThat(distinct).hasSize(jobCount);
            for (int i = 0; i < instances; i++) {
                assertThat(redis().hget(KEYS.leaseOwners(), String.format("job-%03d", i))).startsWith("instance-");
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchesLargerThanOneCommandChunkAreAcquiredExtendedAndReleasedWhole() {
        int count = 2500; // the scripts pass at most 1000 values to one Redis command
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("job-%04d", i);
            expected.add(id);
            this.store.addJob(job(id, T0.minusSeconds(1)), ConflictPolicy.ERROR);
        }
        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, count, T0.plusSeconds(60));
        assertThat(acquired).extracting(StoredJob::id).containsExactlyElementsOf(expected);
        assertThat(redis().hlen(KEYS.leaseOwners())).isEqualTo(count);

        List<String> withOneLost = new ArrayList<>(expected);
        withOneLost.add("job-unknown");
        assertThat(this.store.extendLeases(A, withOneLost, T0.plusSeconds(120))).containsExactly("job-unknown");
        double extended = T0.plusSeconds(120).toEpochMilli();
        assertThat(redis().zcount(KEYS.leases(), io.lettuce.core.Range.create(extended, extended))).isEqualTo(count);

        List<JobRelease> releases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StoredJob job = acquired.get(i);
            releases.add(i % 2 == 0 ? JobRelease.finished(job) : JobRelease.reschedule(job, T0.plusSeconds(300), T0.plusSeconds(299)));
        }
        this.store.releaseJobs(A, releases);
        assertThat(redis().hlen(KEYS.jobs())).isEqualTo(count / 2);
        assertThat(redis().zcard(KEYS.leases())).isZero();
        assertThat(redis().hlen(KEYS.leaseOwners())).isZero();
        assertThat(redis().hget(KEYS.versions(), "job-0001")).isEqualTo("2");
        assertThat(redis().hget(KEYS.fireTimes(), "job-2499")).isEqualTo(Long.toString(T0.plusSeconds(299).toEpochMilli()));
        assertThat(redis().zscore(KEYS.runTimes(), "job-2499")).isEqualTo((double) T0.plusSeconds(300).toEpochMilli());
        assertThat(redis().hexists(KEYS.versions(), "job-2498")).isFalse();
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(300));
    }

    @Test
    void acquisitionAndNextRunTimeLookPastManyLeasedJobsInFront() {
        RedisJobStore other = otherStore(B, () -> { });
        for (int i = 0; i < 1200; i++) {
            this.store.addJob(job(String.format("early-%04d", i), T0.minusSeconds(2)), ConflictPolicy.ERROR);
        }
        for (String id : List.of("late-1", "late-2", "late-3")) {
            this.store.addJob(job(id, T0.minusSeconds(1)), ConflictPolicy.ERROR);
        }
        assertThat(other.acquireDueJobs(B, T0.minusSeconds(2), 1200, T0.plusSeconds(60))).hasSize(1200);
        assertThat(this.store.acquireDueJobs(A, T0, 2, T0.plusSeconds(60))).extracting(StoredJob::id)
                .containsExactly("late-1", "late-2");
        assertThat(this.store.nextRunTime()).contains(T0.minusSeconds(1));
        this.store.acquireDueJobs(A, T0, 2, T0.plusSeconds(30));
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(30));
    }

    @Test
    void nextRunTimeLooksPastAFewLeasedJobsAndIgnoresLeasesOfPausedJobs() {
        for (int i = 0; i < 50; i++) {
            this.store.addJob(job(String.format("early-%02d", i), T0.minusSeconds(2)), ConflictPolicy.ERROR);
        }
        this.store.addJob(job("late", T0.plusSeconds(20)), ConflictPolicy.ERROR);
        List<StoredJob> leased = this.store.acquireDueJobs(A, T0, 50, T0.plusSeconds(60));
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(20));
        this.store.extendLeases(A, List.of("early-07"), T0.plusSeconds(10));
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(10));
        this.store.updateJob(leased.get(7).withNextRunTime(null, null));
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(20));
    }

    @Test
    void aJobListedTwiceInOneReleaseIsWrittenByTheFirstListingOnly() {
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, T0.plusSeconds(60)).get(0);
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, T0.plusSeconds(10), T0.plusSeconds(10)),
                JobRelease.finished(acquired)));
        StoredJob kept = this.store.lookupJob("a").orElseThrow();
        assertThat(kept.nextRunTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(kept.version()).isEqualTo(acquired.version() + 1);
        assertThat(redis().hexists(KEYS.leaseOwners(), "a")).isFalse();
    }

    @Test
    void nextRunTimeAfterAnyChangeSinceTheAcquisitionAsksRedisAgain() {
        RedisJobStore other = otherStore(B, () -> { });
        this.store.addJob(job("a", T0.plusSeconds(50)), ConflictPolicy.ERROR);
        assertThat(this.store.acquireDueJobs(A, T0, 1, T0.plusSeconds(60))).isEmpty();
        // a change through this store voids the answer the acquisition computed
        this.store.addJob(job("b", T0.plusSeconds(40)), ConflictPolicy.ERROR);
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(40));

        assertThat(this.store.acquireDueJobs(A, T0, 1, T0.plusSeconds(60))).isEmpty();
        int before = this.wakeups.get();
        other.addJob(job("c", T0.plusSeconds(30)), ConflictPolicy.ERROR);
        // so does another scheduler's change, once its wake-up arrived
        await().atMost(Duration.ofSeconds(10)).until(() -> this.wakeups.get() > before);
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(30));
    }

    @Test
    void anotherInstanceTakesOverAnExpiredLease() {
        RedisJobStore other = otherStore(B, () -> { });
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        StoredJob byA = this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(30)).get(0);
        assertThat(other.acquireDueJobs(B, T0.plusSeconds(29), 10, T0.plusSeconds(90))).isEmpty();
        StoredJob byB = other.acquireDueJobs(B, T0.plusSeconds(30), 10, T0.plusSeconds(90)).get(0);
        assertThat(byB.id()).isEqualTo("a");
        assertThat(redis().hget(KEYS.leaseOwners(), "a")).isEqualTo(B);

        this.store.extendLeases(A, List.of("a"), T0.plusSeconds(600));
        this.store.releaseJobs(A, List.of(JobRelease.finished(byA)));
        assertThat(redis().zscore(KEYS.leases(), "a")).isEqualTo((double) T0.plusSeconds(90).toEpochMilli());
        assertThat(this.store.lookupJob("a")).isPresent();
        other.releaseJobs(B, List.of(JobRelease.finished(byB)));
        assertThat(this.store.lookupJob("a")).isEmpty();
        assertThat(redis().hexists(KEYS.leaseOwners(), "a")).isFalse();
    }

    @Test
    void unreachableRedisFailsStartNamingTheStoreAndTheAddress() {
        RedisJobStore unreachable = RedisJobStore.builder().uri("redis://127.0.0.1:1").commandTimeout(Duration.ofSeconds(2))
                .keys(KEYS).build();
        assertThatThrownBy(() -> unreachable.start(context(A))).isInstanceOf(RedisUnreachableException.class)
                .hasMessageStartingWith("Redis job store 'default' cannot connect to Redis at 127.0.0.1:1: ")
                .satisfies((ex) -> assertThat(((RedisUnreachableException) ex).alias()).isEqualTo("default"))
                .satisfies((ex) -> assertThat(((RedisUnreachableException) ex).address()).isEqualTo("127.0.0.1:1"));

        RedisClient nowhere = RedisClient.create("redis://127.0.0.1:1");
        try {
            RedisJobStore named = RedisJobStore.builder().client(nowhere, "127.0.0.1:1").keys(KEYS).build();
            assertThatThrownBy(() -> named.start(context(A))).isInstanceOf(RedisUnreachableException.class)
                    .hasMessageStartingWith("Redis job store 'default' cannot connect to Redis at 127.0.0.1:1: ");
            RedisJobStore unnamed = RedisJobStore.builder().client(nowhere).keys(KEYS).build();
            assertThatThrownBy(() -> unnamed.start(context(A))).isInstanceOf(RedisUnreachableException.class)
                    .hasMessageStartingWith("Redis job store 'default' cannot connect to Redis through the given RedisClient: ")
                    .satisfies((ex) -> assertThat(((RedisUnreachableException) ex).address()).isNull());
        }
        finally {
            nowhere.shutdown();
        }
    }

    @Test
    void storeOnAUriConnectsItselfAndStopsCleanly() {
        RedisJobStore onUri = RedisJobStore.builder().uri(URI).keys(KEYS).build();
        onUri.start(context(B));
        this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        assertThat(onUri.lookupJob("a")).isPresent();
        onUri.shutdown();
        assertThatThrownBy(() -> onUri.lookupJob("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        onUri.shutdown();
    }

    @Test
    void givenClientIsNotShutDownWithTheStore() {
        RedisJobStore onClient = RedisJobStore.builder().client(client).keys(KEYS).build();
        onClient.start(context(A));
        this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        assertThat(onClient.lookupJob("a")).isPresent();
        onClient.shutdown();
        try (StatefulRedisConnection<String, String> fresh = client.connect()) {
            assertThat(fresh.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void commandsBeforeStartFailClearly() {
        RedisJobStore notStarted = (RedisJobStore) createStore();
        assertThatThrownBy(notStarted::getAllJobs).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    }
}
