package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunIds;
import io.kairos.scheduler.history.RunOrder;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory history against a plain reference (a list sorted on every read) under random operations: records in
 * order, a little out of order and far out of order, duplicates of the same and of another job, both write-time
 * bounds, retention, and reads of all runs and of one job, with cursors, time ranges and outcome filters; run ids of
 * the engine's shape and of others, and records with finer times, errors and results.
 */
class MemoryRunHistoryModelTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static final RunOutcome[] OUTCOMES = {RunOutcome.SUCCEEDED, RunOutcome.FAILED, RunOutcome.MISSED};

    /** The reference: records in arrival order, bounded and searched by sorting. */
    private static final class Reference {

        private final List<RunRecord> runs = new ArrayList<>();

        private final int maxPerJob;

        private final int maxTotal;

        Reference(int maxPerJob, int maxTotal) {
            this.maxPerJob = maxPerJob;
            this.maxTotal = maxTotal;
        }

        void record(RunRecord run) {
            for (int i = 0; i < this.runs.size(); i++) {
                RunRecord stored = this.runs.get(i);
                if (stored.cursor().equals(run.cursor())) {
                    if (stored.jobId().equals(run.jobId())) {
                        this.runs.set(i, run);
                    }
                    return;
                }
            }
            this.runs.add(run);
            while (newestFirst(run.jobId()).size() > this.maxPerJob) {
                this.runs.remove(oldest(newestFirst(run.jobId())));
            }
            while (this.runs.size() > this.maxTotal) {
                this.runs.remove(oldest(newestFirst(null)));
            }
        }

        List<RunRecord> newestFirst(String jobId) {
            List<RunRecord> sorted = new ArrayList<>();
            for (RunRecord run : this.runs) {
                if (jobId == null || run.jobId().equals(jobId)) {
                    sorted.add(run);
                }
            }
            sorted.sort((a, b) -> RunOrder.NEWEST_FIRST.compare(a.cursor(), b.cursor()));
            return sorted;
        }

        static RunRecord oldest(List<RunRecord> newestFirst) {
            return newestFirst.get(newestFirst.size() - 1);
        }

        List<RunRecord> find(RunQuery query) {
            return newestFirst(query.jobId()).stream().filter(query::matches).limit(query.limit()).toList();
        }

        void retain(RunRetention retention, Instant now) {
            Instant oldest = now.minus(retention.maxAge());
            this.runs.removeIf((run) -> run.finishedAt().isBefore(oldest));
            for (String jobId : this.runs.stream().map(RunRecord::jobId).distinct().toList()) {
                List<RunRecord> job = newestFirst(jobId);
                this.runs.removeAll(job.subList(Math.min(job.size(), retention.maxRunsPerJob()), job.size()));
            }
        }
    }

    /**
     * A run: its id mostly of the engine's shape (kept packed; sequence and tag with the top bit set at times), else of
     * another; now and then a time finer than a millisecond, no submit or start time, an error, a result, a renamed job.
     */
    private static RunRecord run(Random random, String jobId, long millis, int sequence) {
        Instant finished = T0.plusMillis(millis).plusNanos(random.nextInt(20) == 0 ? 1 + random.nextInt(999_999) : 0);
        String runId = random.nextInt(4) == 0 ? String.format("%012x-%08x-t", finished.toEpochMilli(), sequence)
                : RunIds.of(finished.toEpochMilli(), random.nextBoolean() ? sequence : sequence | 0x8000_0000L,
                        random.nextBoolean() ? 0x5ca1ab1e : 0xf00dbeef);
        Instant scheduled = T0.plusMillis(millis - random.nextInt(3));
        boolean started = random.nextInt(8) != 0;
        Instant startedAt = started ? finished.minusNanos(random.nextInt(20) == 0 ? 1 : 0) : null;
        RunError error = random.nextInt(10) == 0 ? new RunError("java.lang.IllegalStateException", "boom " + sequence, "trace", false) : null;
        String result = random.nextInt(10) == 0 ? "{\"n\":" + sequence + "}" : null;
        String name = random.nextInt(10) == 0 ? jobId + "-renamed" : jobId;
        return new RunRecord(runId, jobId, name, "t", "default", "pool", scheduled, started ? scheduled : null, startedAt, finished,
                OUTCOMES[random.nextInt(OUTCOMES.length)], 1 + random.nextInt(3), "i", error, result, result != null && random.nextBoolean(),
                random.nextInt(10) == 0);
    }

    /** A record of the same run (same key), with another outcome: it replaces the stored one, unless of another job. */
    private static RunRecord again(Random random, RunRecord run, String jobId) {
        return new RunRecord(run.runId(), jobId, run.jobName(), run.task(), run.jobStore(), run.executor(), run.scheduledAt(),
                run.submittedAt(), run.startedAt(), run.finishedAt(), OUTCOMES[random.nextInt(OUTCOMES.length)], 1, "i", null, null, false,
                false);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void agreesWithTheReference(int seed) {
        Random random = new Random(seed);
        int maxPerJob = 1 + random.nextInt(6);
        int maxTotal = 5 + random.nextInt(120);
        MemoryRunHistory history = new MemoryRunHistory(maxPerJob, maxTotal);
        Reference reference = new Reference(maxPerJob, maxTotal);
        int jobs = 1 + random.nextInt(60);
        List<RunRecord> recorded = new ArrayList<>();
        long clock = 0;
        int sequence = 0;
        for (int step = 0; step < 400; step++) {
            List<RunRecord> batch = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                clock += random.nextInt(3);   // ties in the same millisecond are common
                long millis = switch (random.nextInt(10)) {
                    case 0 -> clock - random.nextInt(5);   // a little late
                    case 1 -> random.nextInt((int) clock + 1);   // far out of order
                    default -> clock;
                };
                RunRecord run;
                if (random.nextInt(30) == 0 && !recorded.isEmpty()) {
                    RunRecord earlier = recorded.get(random.nextInt(recorded.size()));
                    run = again(random, earlier, random.nextInt(4) == 0 ? "job-" + random.nextInt(jobs) : earlier.jobId());
                }
                else {
                    run = run(random, "job-" + random.nextInt(jobs), millis, ++sequence);
                }
                batch.add(run);
                recorded.add(run);
            }
            Collections.shuffle(batch.subList(0, Math.min(batch.size(), random.nextInt(3))), random);
            history.record(batch);
            batch.forEach(reference::record);
            if (random.nextInt(25) == 0) {
                RunRetention retention = new RunRetention(1 + random.nextInt(4), Duration.ofMillis(1 + random.nextInt(200)));
                Instant now = T0.plusMillis(clock);
                int removed = 0;
                for (int n; (n = history.removeExpiredRuns("i", retention, now, 1 + random.nextInt(10))) > 0;) {
                    removed += n;
                }
                int before = reference.runs.size();
                reference.retain(retention, now);
                assertThat(removed).isEqualTo(before - reference.runs.size());
            }
            check(history, reference, random, jobs, clock);
        }
    }

    private static void check(MemoryRunHistory history, Reference reference, Random random, int jobs, long clock) {
        List<RunRecord> all = reference.newestFirst(null);
        List<RunRecord> oldestFirst = new ArrayList<>(all);
        Collections.reverse(oldestFirst);
        assertThat(history.records()).containsExactlyElementsOf(oldestFirst);
        // rows are freed as the log drops their slots, and the log holds at most about twice its records in slots
        assertThat(history.rowsInUse()).isLessThanOrEqualTo(2 * oldestFirst.size() + 64);
        String jobId = "job-" + random.nextInt(jobs);
        RunQuery query = random.nextBoolean() ? RunQuery.all() : RunQuery.ofJob(jobId);
        query = query.withLimit(1 + random.nextInt(8));
        if (random.nextInt(4) == 0) {
            query = query.since(T0.plusMillis(random.nextInt((int) clock + 1)));
        }
        if (random.nextInt(4) == 0) {
            Instant from = query.since() == null ? T0 : query.since();
            query = query.until(from.plusMillis(random.nextInt((int) clock + 1)));
        }
        if (random.nextInt(4) == 0) {
            query = query.withOutcomes(OUTCOMES[random.nextInt(OUTCOMES.length)]);
        }
        if (random.nextBoolean() && !all.isEmpty()) {
            RunRecord at = all.get(random.nextInt(all.size()));
            query = query.after(random.nextBoolean() ? at.cursor() : new RunCursor(at.finishedAt(), at.runId() + "~"));
        }
        for (int page = 0; page < 4; page++) {
            List<RunRecord> expected = reference.find(query);
            assertThat(history.findRuns(query)).as("%s", query).containsExactlyElementsOf(expected);
            if (expected.isEmpty()) {
                break;
            }
            query = query.after(expected.get(expected.size() - 1).cursor());
        }
        Map<String, RunRecord> newest = new HashMap<>();
        for (int j = 0; j < jobs + 2; j++) {
            List<RunRecord> job = reference.newestFirst("job-" + j);
            if (!job.isEmpty()) {
                newest.put("job-" + j, job.get(0));
            }
        }
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < jobs + 2; j++) {
            ids.add("job-" + j);
        }
        assertThat(history.lastRuns(ids)).isEqualTo(newest);
    }
}
