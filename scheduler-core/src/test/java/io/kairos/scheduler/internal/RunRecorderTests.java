package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder keeps what a store whose server is down fails to take, retries it with a back-off on a manual clock,
 * and goes on writing the other stores' records meanwhile. The stores are in-memory stores whose history can be
 * made to fail like a store whose server is down.
 */
class RunRecorderTests {

    private static final Instant T = Instant.parse("2026-12-07T03:00:00Z");

    private final AtomicLong nanos = new AtomicLong();

    private final Components components = new Components();

    private final OutageStore flaky = new OutageStore();

    private final OutageStore healthy = new OutageStore();

    private final RunRecorder recorder;

    private final List<RunRecord> flakyRecords = new ArrayList<>();

    private final List<RunRecord> healthyRecords = new ArrayList<>();

    private int sequence;

    RunRecorderTests() {
        this.components.stores().put("flaky", this.flaky);
        this.components.stores().put("healthy", this.healthy);
        this.recorder = new RunRecorder("instance-1", InstantSource.fixed(T), this.components, HistorySettings.DEFAULTS, this.nanos::get);
    }

    @Test
    void nothingIsLostAcrossAnOutageAndTheOtherStoreIsWrittenMeanwhile() {
        this.flaky.history.down = true;
        add("flaky", 10);
        add("healthy", 10);
        this.recorder.writeQueued();
        assertThat(this.healthy.history.taken).containsExactlyElementsOf(this.healthyRecords);
        assertThat(this.flaky.history.taken).isEmpty();
        assertThat(this.flaky.history.calls).hasValue(1);

        // during the back-off the other store is written and the failing one is not called
        advance(Duration.ofMillis(400));
        add("flaky", 5);
        add("healthy", 5);
        this.recorder.writeQueued();
        assertThat(this.healthy.history.taken).containsExactlyElementsOf(this.healthyRecords);
        assertThat(this.flaky.history.calls).hasValue(1);

        advance(Duration.ofMillis(100));
        this.recorder.writeQueued();
        assertThat(this.flaky.history.calls).as("the retry after 0.5 s").hasValue(2);
        advance(Duration.ofMillis(999));
        this.recorder.writeQueued();
        assertThat(this.flaky.history.calls).as("the next retry waits 1 s").hasValue(2);

        this.flaky.history.down = false;
        advance(Duration.ofMillis(1));
        this.recorder.writeQueued();
        assertThat(this.flaky.history.taken).as("every record, in order").containsExactlyElementsOf(this.flakyRecords);
        assertThat(this.recorder.droppedRecords()).isZero();
    }

    @Test
    void beyondTheBoundTheOldestRecordsAreDroppedAndCounted() {
        this.flaky.history.down = true;
        add("flaky", RunRecorder.QUEUE_CAPACITY);
        this.recorder.writeQueued();
        add("flaky", 100);
        this.recorder.writeQueued();
        assertThat(this.recorder.droppedRecords()).isEqualTo(RunRecorder.QUEUE_CAPACITY + 100 - RunRecorder.BACKLOG_CAPACITY);

        this.flaky.history.down = false;
        advance(RunBacklog.MAX_BACKOFF);
        for (int i = 0; i <= RunRecorder.BACKLOG_CAPACITY / RunRecorder.BATCH_SIZE; i++) {
            this.recorder.writeQueued();
        }
        assertThat(this.flaky.history.taken).as("the newest records, in order")
                .containsExactlyElementsOf(this.flakyRecords.subList(this.flakyRecords.size() - RunRecorder.BACKLOG_CAPACITY, this.flakyRecords.size()));
    }

    @Test
    void stopMakesOneLastAttemptPerStore() {
        this.flaky.history.down = true;
        add("flaky", 3);
        this.recorder.writeQueued();
        this.flaky.history.down = false;
        add("healthy", 2);
        this.recorder.start();
        this.recorder.stop(Duration.ofSeconds(30));
        assertThat(this.flaky.history.taken).containsExactlyElementsOf(this.flakyRecords);
        assertThat(this.healthy.history.taken).containsExactlyElementsOf(this.healthyRecords);
    }

    private void add(String store, int count) {
        for (int i = 0; i < count; i++) {
            RunRecord run = this.recorder.records().record(job(), store, T, T, T, T.plusMillis(this.sequence++), RunOutcome.SUCCEEDED, 1, null, null);
            (store.equals("flaky") ? this.flakyRecords : this.healthyRecords).add(run);
            this.recorder.add(run);
        }
    }

    private void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }

    private static StoredJob job() {
        return new StoredJob("j", "job j", "tasks.work", List.of(), Map.of(), Triggers.date(T.atZone(ZoneOffset.UTC)), "default", "pool", null, true, 1,
                null, T, T, JobState.SCHEDULED, null, 1, null);
    }

    /** An in-memory store whose history fails while {@code down}, as a store whose server is down does. */
    private static final class OutageStore extends MemoryJobStore {

        final OutageHistory history = new OutageHistory(super.runHistory());

        @Override
        public RunHistory runHistory() {
            return this.history;
        }
    }

    private static final class OutageHistory implements RunHistory {

        private final RunHistory delegate;

        volatile boolean down;

        final AtomicInteger calls = new AtomicInteger();

        final List<RunRecord> taken = Collections.synchronizedList(new ArrayList<>());

        OutageHistory(RunHistory delegate) {
            this.delegate = delegate;
        }

        @Override
        public void record(List<RunRecord> runs) {
            this.calls.incrementAndGet();
            if (this.down) {
                throw new JobStoreException("the server is down", null);
            }
            this.delegate.record(runs);
            this.taken.addAll(runs);
        }

        @Override
        public List<RunRecord> findRuns(RunQuery query) {
            return this.delegate.findRuns(query);
        }

        @Override
        public int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
            return this.delegate.removeExpiredRuns(schedulerId, retention, now, batchSize);
        }
    }
}
