package io.kairos.scheduler;

import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.store.redis.RedisJobStoreKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code addJobs} of several batches on the real Redis store (127.0.0.1:6379), which pipelines them: each request
 * gets the outcome adding it alone with {@code addJob} gives, the store ends in the same state, and the same
 * {@code JobAdded} events are published, in request order per conflict policy. Keys carry a prefix unique to the
 * run and are deleted afterwards.
 */
class SchedulerRedisAddJobsIT extends SchedulerTestSupport {

    private static final String PREFIX = "kairos-addjobs-it-" + UUID.randomUUID() + ".";

    /** Requests, two conflict policies alternating: four batches of each (the last one short). */
    private static final int REQUESTS = 6 * JobStore.ADD_BATCH_SIZE + 100;

    /** The ids that hold a job before the adds: the first of each policy, and around its batch boundaries. */
    private static final List<String> TAKEN = List.of(id(0), id(1), id(1_998), id(1_999), id(2_000), id(2_001), id(2_002),
            id(2_003), id(3_998), id(4_001), id(4_002), id(5_999));

    /** The ids that hold a finished marker before the adds: one per policy. */
    private static final List<String> FINISHED = List.of(id(4), id(5));

    private static final Instant DUE = T0.plus(Duration.ofHours(1));

    private RedisClient client;

    /** The ids of the {@code JobAdded} events, in the order they were published. */
    private final List<String> added = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startOnRedis() {
        this.client = RedisClient.create("redis://127.0.0.1:6379");
        build((b) -> b.jobStore("default", RedisJobStore.builder().client(this.client).keys(RedisJobStoreKeys.withPrefix(PREFIX)).build()));
        this.scheduler.addListener(JobAdded.class, (event) -> this.added.add(event.jobId()));
        this.scheduler.start();
    }

    @AfterEach
    void deleteKeys() {
        this.scheduler.close();
        try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
            List<String> keys = connection.sync().keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
        this.client.shutdown();
    }

    @Test
    void severalBatchesGiveEachRequestTheOutcomeOfAddingItAlone() {
        List<JobRequest> requests = requests();
        takeIds();
        List<String> alone = new ArrayList<>();
        for (JobRequest request : requests) {
            try {
                this.scheduler.addJob(request);
                alone.add("added");
            }
            catch (RuntimeException ex) {
                alone.add(ex.getClass().getSimpleName() + ": " + ex.getMessage());
            }
        }
        List<String> storedAlone = storedJobs();
        List<String> addedAlone = List.copyOf(this.added);

        this.scheduler.removeAllJobs();
        takeIds();
        List<String> batched = new ArrayList<>(Collections.nCopies(requests.size(), "added"));
        JobsNotAddedException ex = catchThrowableOfType(JobsNotAddedException.class,
                () -> this.scheduler.addJobs(requests));
        ex.failures().forEach((failure) -> batched.set(failure.index(),
                failure.cause().getClass().getSimpleName() + ": " + failure.cause().getMessage()));

        long conflicts = TAKEN.stream().filter((id) -> policy(id) == ConflictPolicy.ERROR).count();
        long kept = TAKEN.size() - conflicts + 1;
        assertThat(batched).containsExactlyElementsOf(alone);
        assertThat(alone).filteredOn("added"::equals).hasSize((int) (REQUESTS - 2 - conflicts));
        assertThat(ex.addedIds()).hasSize((int) (REQUESTS - 2 - conflicts));
        assertThat(storedJobs()).containsExactlyElementsOf(storedAlone);
        // per policy, the events come in request order; the kept requests publish none
        assertThat(this.added).hasSize((int) (REQUESTS - 2 - conflicts - kept));
        for (ConflictPolicy policy : List.of(ConflictPolicy.ERROR, ConflictPolicy.KEEP_EXISTING)) {
            assertThat(this.added).filteredOn((id) -> policy(id) == policy)
                    .containsExactlyElementsOf(addedAlone.stream().filter((id) -> policy(id) == policy).toList());
        }
    }

    /**
     * The requests, date jobs due in an hour or later: even positions under {@code ERROR}, odd ones under
     * {@code KEEP_EXISTING}; an unknown task and a bad trigger in the middle.
     */
    private static List<JobRequest> requests() {
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(dated(id(i), DUE.plusMillis(i)).conflictPolicy(policy(id(i))));
        }
        requests.set(1_201, JobRequest.of("no.such.task").id(id(1_201)).conflictPolicy(policy(id(1_201))));
        requests.set(1_500, JobRequest.of("record").id(id(1_500)).trigger(Map.of("type", "date", "run_date", "not a date")));
        return requests;
    }

    /**
     * Adds the jobs that take {@link #TAKEN} (due a day later than their requests) and the finished markers of
     * {@link #FINISHED} (one-shot jobs due now, run to the end), then forgets their events.
     */
    private void takeIds() {
        TAKEN.forEach((id) -> this.scheduler.addJob(dated(id, DUE.plus(Duration.ofDays(1)))));
        FINISHED.forEach((id) -> this.scheduler.addJob(dated(id, T0)));
        JobStore store = this.scheduler.jobStores().get("default");
        await().until(() -> FINISHED.stream().allMatch((id) -> store.lookupFinished(id).isPresent()));
        this.added.clear();
    }

    /** Every job and finished marker in the store, with its version, state and next run time. */
    private List<String> storedJobs() {
        JobStore store = this.scheduler.jobStores().get("default");
        List<String> jobs = new ArrayList<>(store.getAllJobs().stream().map(SchedulerRedisAddJobsIT::describe).toList());
        FINISHED.forEach((id) -> store.lookupFinished(id).ifPresent((marker) -> jobs.add(describe(marker))));
        return jobs;
    }

    private static String describe(StoredJob job) {
        return job.id() + " v" + job.version() + " " + job.state() + " " + job.nextRunTime();
    }

    private static JobRequest dated(String id, Instant due) {
        return JobRequest.of("record").id(id).trigger(Map.of("type", "date", "run_date", due.toString()));
    }

    private static String id(int position) {
        return String.format("job-%04d", position);
    }

    private static ConflictPolicy policy(String id) {
        return Integer.parseInt(id.substring(4)) % 2 == 0 ? ConflictPolicy.ERROR : ConflictPolicy.KEEP_EXISTING;
    }
}
