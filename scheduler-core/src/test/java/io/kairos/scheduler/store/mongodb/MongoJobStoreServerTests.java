package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What only the MongoDB store promises, against mongo-java-server in-process: the document layout, unreadable
 * documents kept, change-stream wake-ups (the test server offers change streams when its oplog is enabled, as a
 * replica set would) and polling without them, and a server that goes away and comes back on the same port.
 */
class MongoJobStoreServerTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private InProcessMongo server;

    private MongoJobStore store;

    private MongoJobStore other;

    private final AtomicInteger wakeups = new AtomicInteger();

    private MongoJobStore start(boolean oplog, String schedulerId, Runnable wakeup) {
        if (this.server == null) {
            this.server = new InProcessMongo(0, oplog);
            this.server.start();
        }
        MongoJobStore started = MongoJobStore.builder().connectionString(this.server.uri())
            .timeout(Duration.ofSeconds(2)).build();
        started.start(new JobStoreContext("default", schedulerId, InstantSource.fixed(T0), TestTrigger.codec(), wakeup));
        return started;
    }

    @AfterEach
    void stop() {
        if (this.store != null) {
            this.store.shutdown();
        }
        if (this.other != null) {
            this.other.shutdown();
        }
        if (this.server != null) {
            this.server.close();
        }
    }

    private static StoredJob job(String id, Instant next) {
        return new StoredJob(id, "job " + id, "orderService.cancel", List.of(1, "$x"), Map.of("note", Map.of("k", 9_000_000_000L)),
                new TestTrigger(next), "default", "default", null, true, 1, null, next, next, JobState.SCHEDULED, null, 0, null);
    }

    @Test
    void storesTheJobAsASubDocumentWithIndexedDates() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        this.store.addJob(job("a", T0.plusMillis(1500)), ConflictPolicy.ERROR);
        Document stored = this.store.collectionForTests().find(new Document("_id", "a")).first();
        assertThat(stored.get("next_run_time")).isEqualTo(Date.from(T0.plusMillis(1500)));
        assertThat(stored.get("version")).isEqualTo(1L);
        assertThat(stored.get("job", Document.class).getString("task")).isEqualTo("orderService.cancel");
        assertThat(stored.get("job", Document.class).get("kwargs", Document.class).get("note", Document.class).get("k"))
            .isEqualTo(9_000_000_000L);
        assertThat(stored.get("job_json")).isNull();
        List<String> indexes = this.store.collectionForTests().listIndexes().map((d) -> d.getString("name")).into(new java.util.ArrayList<>());
        assertThat(indexes).contains("kairos_next_run_time", "kairos_lease_until");
    }

    @Test
    void aFinishedMarkerIsTheJobsOwnDocumentStampedWithItsFinishTime() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        this.store.addJob(job("once", T0.minusSeconds(1)).withKeepsFinishedMarker(true), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs("a", T0, 1, T0.plusSeconds(60)).get(0);
        this.store.releaseJobs("a", List.of(JobRelease.finished(acquired)));
        Document marker = this.store.collectionForTests().find(new Document("_id", "once")).first();
        assertThat(marker.getString("state")).isEqualTo("FINISHED");
        assertThat(marker.get("finished_at")).isEqualTo(Date.from(T0));
        assertThat(marker.get("next_run_time")).isNull();
        assertThat(marker.get("lease_owner")).isNull();
        assertThat(marker.get("version")).isEqualTo(2L);
        assertThat(marker.get("job", Document.class).getBoolean("keeps_finished_marker")).isTrue();

        this.store.addJob(job("once", T0.plusSeconds(5)), ConflictPolicy.ERROR);
        assertThat(this.store.collectionForTests().find(new Document("_id", "once")).first()).doesNotContainKey("finished_at");
    }

    @Test
    void runsAreDocumentsOfTheRunsCollectionWithQueryableFields() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        RunRecord run = new RunRecord("0001-run", "job-1", "job 1", "orderService.cancel", "default", "pool", T0, T0, T0,
                T0.plusMillis(1500), RunOutcome.FAILED, 2, "a", new RunError("java.io.IOException", "down", "trace", false), null,
                false, false);
        this.store.runHistory().record(List.of(run));
        MongoCollection<Document> runs = this.store.runsCollectionForTests();
        assertThat(this.store.runsCollection()).isEqualTo("jobs_runs");
        Document stored = runs.find(new Document("_id", "0001-run")).first();
        assertThat(stored.getString("job_id")).isEqualTo("job-1");
        assertThat(stored.get("finished_at")).isEqualTo(Date.from(T0.plusMillis(1500)));
        assertThat(stored.getString("outcome")).isEqualTo("FAILED");
        assertThat(stored.get("run", Document.class).get("error", Document.class).getString("type")).isEqualTo("java.io.IOException");
        assertThat(this.store.runHistory().findRuns(RunQuery.ofJob("job-1"))).containsExactly(run);
    }

    @Test
    void keysADocumentCannotCarryAreStoredAsJsonTextAndReadBack() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        StoredJob dotted = new StoredJob("d", "d", "t", List.of(), Map.of("a.b", 1, "$where", "x"), new TestTrigger(T0), "default",
                "default", null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null);
        this.store.addJob(dotted, ConflictPolicy.ERROR);
        Document stored = this.store.collectionForTests().find(new Document("_id", "d")).first();
        assertThat(stored.get("job")).isNull();
        assertThat(stored.getString("job_json")).contains("\"a.b\"");
        assertThat(this.store.lookupJob("d")).contains(dotted.withVersion(1));
    }

    @Test
    void unreadableDocumentsAreMarkedBrokenOnAcquisitionAndKept() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        this.store.addJob(job("good", T0.minusSeconds(2)), ConflictPolicy.ERROR);
        MongoCollection<Document> jobs = this.store.collectionForTests();
        jobs.insertOne(new Document("_id", "garbled").append("job", new Document("format", 999)).append("next_run_time",
                Date.from(T0.minusSeconds(1))).append("state", "SCHEDULED").append("version", 4L));
        jobs.insertOne(new Document("_id", "nodata").append("next_run_time", Date.from(T0.minusSeconds(1))).append("state", "SCHEDULED"));
        List<StoredJob> acquired = this.store.acquireDueJobs("a", T0, 10, T0.plusSeconds(30));
        assertThat(acquired).extracting(StoredJob::id).containsExactly("good");
        StoredJob garbled = this.store.lookupJob("garbled").orElseThrow();
        assertThat(garbled.state()).isEqualTo(JobState.BROKEN);
        assertThat(garbled.brokenReason()).contains("format");
        assertThat(garbled.version()).isEqualTo(5);
        assertThat(this.store.lookupJob("nodata").orElseThrow().state()).isEqualTo(JobState.BROKEN);
        Document kept = jobs.find(new Document("_id", "garbled")).first();
        assertThat(kept.get("job", Document.class)).isEqualTo(new Document("format", 999));
        assertThat(kept.get("lease_owner")).isNull();
        assertThat(kept.get("next_run_time")).isNull();
        assertThat(this.store.getAllJobs()).extracting(StoredJob::id).containsExactlyInAnyOrder("good", "garbled", "nodata");
        assertThat(this.store.acquireDueJobs("a", T0.plusSeconds(60), 10, T0.plusSeconds(90))).extracting(StoredJob::id)
            .containsExactly("good");
    }

    @Test
    void changeStreamWakesOtherInstancesWhenTheServerOffersOne() {
        this.store = start(true, "a", () -> { });
        AtomicInteger otherWakeups = new AtomicInteger();
        this.other = start(true, "b", otherWakeups::incrementAndGet);
        assertThat(this.other.hasChangeStreamWakeups()).isTrue();
        int before = otherWakeups.get();
        this.store.addJob(job("a", T0.plusSeconds(5)), ConflictPolicy.ERROR);
        await().atMost(Duration.ofSeconds(20)).until(() -> otherWakeups.get() > before);
    }

    @Test
    void withoutChangeStreamsTheStoreReliesOnPolling() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        assertThat(this.store.hasChangeStreamWakeups()).isFalse();
    }

    @Test
    void serverRestartOnTheSamePortLosesNothing() {
        this.store = start(false, "a", this.wakeups::incrementAndGet);
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        assertThat(this.store.healthDetails()).containsEntry("namespace", "kairos.jobs").containsEntry("servers", "127.0.0.1:" + this.server.port())
            .containsEntry("cluster", "STANDALONE").containsEntry("connected", true).containsEntry("wakeups", "polling");
        this.server.crash();
        assertThatThrownBy(() -> this.store.acquireDueJobs("a", T0, 10, T0.plusSeconds(30))).isInstanceOf(JobStoreException.class)
            .hasMessageContaining("'default'");
        await().atMost(Duration.ofSeconds(30)).until(() -> this.store.healthDetails().get("connected").equals(false));
        this.server.start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(JobStoreException.class)
            .until(() -> this.store.acquireDueJobs("a", T0, 10, T0.plusSeconds(30)).size() == 1);
        assertThat(this.store.healthDetails()).containsEntry("connected", true);
    }

    @Test
    void unreachableServerFailsStartWithJobStoreException() {
        MongoJobStore unreachable = MongoJobStore.builder().connectionString("mongodb://127.0.0.1:1").timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> unreachable.start(new JobStoreContext("x", "a", InstantSource.fixed(T0), TestTrigger.codec(), () -> { })))
            .isInstanceOfSatisfying(MongoUnreachableException.class, (ex) -> {
                assertThat(ex.alias()).isEqualTo("x");
                assertThat(ex.servers()).isEqualTo("127.0.0.1:1");
                assertThat(ex.namespace()).isEqualTo("kairos.jobs");
            })
            .hasMessageContaining("'x'").hasMessageContaining("kairos.jobs");
    }

    @Test
    void builderRefusesBadNamesAndMissingConnection() {
        assertThatThrownBy(() -> MongoJobStore.builder().database("a.b")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'a.b'");
        assertThatThrownBy(() -> MongoJobStore.builder().collection("x$y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MongoJobStore.builder().connectionString("http://nope")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("connection-string");
        assertThatThrownBy(() -> MongoJobStore.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("neither");
    }
}
