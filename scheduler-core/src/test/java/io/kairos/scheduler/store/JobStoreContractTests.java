package io.kairos.scheduler.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link JobStore} contract, run against every store: subclass it and implement {@link #createStore()}.
 * Times come from a fixed instant {@link #T0}, never the system clock; every time is a whole millisecond, the
 * precision shared stores keep.
 */
public abstract class JobStoreContractTests extends RunHistoryContractTests {

    /** The fixed "now" of these tests. */
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The first scheduler's id. */
    protected static final String A = "scheduler-a";

    /** The second scheduler's id. */
    protected static final String B = "scheduler-b";

    /** The store under test, started. */
    protected JobStore store;

    /** How often the store called its wake-up callback. */
    protected final AtomicInteger wakeups = new AtomicInteger();

    /**
     * Creates the store under test (not started). It must be empty once {@link JobStore#removeAllJobs()} ran.
     *
     * @return the store
     */
    protected abstract JobStore createStore();

    /**
     * The codec handed to the store: a JSON codec that also reads {@link TestTrigger}s.
     *
     * @return the codec
     */
    protected JobCodec codec() {
        return TestTrigger.codec();
    }

    /**
     * The context the store is started with.
     *
     * @param schedulerId the scheduler id
     * @return the context: alias {@code default}, a clock fixed at {@link #T0}
     */
    protected JobStoreContext context(String schedulerId) {
        return new JobStoreContext("default", schedulerId, InstantSource.fixed(T0), codec(), this.wakeups::incrementAndGet);
    }

    @Override
    protected JobStore startedStore() {
        return this.store;
    }

    @BeforeEach
    void startStore() {
        this.store = createStore();
        this.store.start(context(A));
        this.store.removeAllJobs();
    }

    @AfterEach
    void stopStore() {
        if (this.store != null) {
            this.store.removeAllJobs();
            this.store.shutdown();
        }
    }

    /**
     * A scheduled job with arguments of every JSON kind and non-default policies.
     *
     * @param id the id
     * @param nextRunTime the next run time
     * @return the job, version 0
     */
    protected static StoredJob job(String id, Instant nextRunTime) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("reason", "unpaid");
        kwargs.put("amount", 12.5);
        kwargs.put("nested", Map.of("ids", List.of(1, 2, 3)));
        kwargs.put("none", null);
        return new StoredJob(id, "job " + id, "orderService.cancelUnpaidOrder", List.of(42, "x", true, 9_000_000_000L), kwargs,
                new TestTrigger(nextRunTime), "default", "default", Duration.ofSeconds(30), false, 3, Duration.ofMillis(500),
                nextRunTime, nextRunTime, JobState.SCHEDULED, null, 0, Duration.ofMinutes(5));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<String> ids(List<StoredJob> jobs) {
        return jobs.stream().map(StoredJob::id).toList();
    }

    private StoredJob stored(String id) {
        return this.store.lookupJob(id).orElseThrow();
    }

    // --- add ---------------------------------------------------------------------------------------------

    @Test
    void addJobStoresTheJobAtVersionOne() {
        StoredJob job = job("a", at(10));
        StoredJob added = this.store.addJob(job.withVersion(77), ConflictPolicy.ERROR);
        assertThat(added).isEqualTo(job.withVersion(1));
        assertThat(this.store.lookupJob("a")).contains(job.withVersion(1));
    }

    @Test
    void aBigDecimalArgumentKeepsEveryDigitAndExactDecimalsStayDoubles() {
        BigDecimal precise = new BigDecimal("0.1000000000000000000001");
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("precise", precise);
        kwargs.put("nested", List.of(precise, 0.1));
        StoredJob job = new StoredJob("d", "job d", "orderService.cancelUnpaidOrder", List.of(precise, 0.5, 0.1), kwargs,
                new TestTrigger(at(10)), "default", "default", null, false, 1, null, at(10), at(10), JobState.SCHEDULED,
                null, 0, null);
        this.store.addJob(job, ConflictPolicy.ERROR);
        StoredJob read = stored("d");
        assertThat(read.args()).containsExactly(precise, 0.5, 0.1);
        assertThat(read.args().get(0)).isInstanceOf(BigDecimal.class);
        assertThat(read.args().get(1)).isInstanceOf(Double.class);
        assertThat(read.args().get(2)).isInstanceOf(Double.class);
        assertThat(read.kwargs()).isEqualTo(kwargs);
    }

    @Test
    void addJobWithTakenIdFailsUnderErrorPolicy() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        assertThatThrownBy(() -> this.store.addJob(job("a", at(20)), ConflictPolicy.ERROR))
                .isInstanceOf(ConflictingJobIdException.class).hasMessageContaining("(a)");
        assertThat(stored("a").nextRunTime()).isEqualTo(at(10));
    }

    @Test
    void addJobWithTakenIdKeepsTheExistingJobUnderKeepExisting() {
        StoredJob first = this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        StoredJob result = this.store.addJob(job("a", at(20)), ConflictPolicy.KEEP_EXISTING);
        assertThat(result).isEqualTo(first);
        assertThat(stored("a")).isEqualTo(first);
    }

    @Test
    void addJobWithTakenIdReplacesItUnderReplaceAndMovesTheVersionOn() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        StoredJob replaced = this.store.addJob(job("a", at(20)), ConflictPolicy.REPLACE);
        assertThat(replaced).isEqualTo(job("a", at(20)).withVersion(2));
        assertThat(stored("a")).isEqualTo(replaced);
        assertThat(this.store.nextRunTime()).contains(at(20));
    }

    // --- addJobs ------------------------------------------------------------------------------------------

    @Test
    void addJobsStoresEveryJobAtVersionOneWithOneOutcomeEach() {
        StoredJob paused = job("p", at(5)).withNextRunTime(null, null);
        List<JobAddOutcome> outcomes = this.store.addJobs(List.of(job("b", at(20)).withVersion(9), job("a", at(10)), paused),
                ConflictPolicy.ERROR);
        assertThat(outcomes).containsExactly(JobAddOutcome.added(job("b", at(20)).withVersion(1)),
                JobAddOutcome.added(job("a", at(10)).withVersion(1)), JobAddOutcome.added(paused.withVersion(1)));
        assertThat(ids(this.store.getAllJobs())).containsExactly("a", "b", "p");
        assertThat(stored("p")).isEqualTo(paused.withVersion(1));
        assertThat(this.store.nextRunTime()).contains(at(10));
    }

    @Test
    void addJobsRefusesOnlyTheTakenIdsUnderErrorPolicy() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        List<JobAddOutcome> outcomes = this.store.addJobs(List.of(job("new", at(30)), job("a", at(20))), ConflictPolicy.ERROR);
        assertThat(outcomes.get(0)).isEqualTo(JobAddOutcome.added(job("new", at(30)).withVersion(1)));
        assertThat(outcomes.get(1).failure()).isInstanceOf(ConflictingJobIdException.class).hasMessageContaining("(a)");
        assertThat(outcomes.get(1).stored()).isNull();
        assertThat(stored("a").nextRunTime()).isEqualTo(at(10));
        assertThat(stored("new").version()).isEqualTo(1);
    }

    @Test
    void addJobsKeepsTakenIdsUnderKeepExisting() {
        StoredJob first = this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        List<JobAddOutcome> outcomes = this.store.addJobs(List.of(job("a", at(20)), job("b", at(30))), ConflictPolicy.KEEP_EXISTING);
        assertThat(outcomes).containsExactly(JobAddOutcome.kept(first), JobAddOutcome.added(job("b", at(30)).withVersion(1)));
        assertThat(stored("a")).isEqualTo(first);
        // the same definition again is kept too, not reported as added
        assertThat(this.store.addJobs(List.of(job("a", at(10))), ConflictPolicy.KEEP_EXISTING)).containsExactly(JobAddOutcome.kept(first));
    }

    @Test
    void addJobsReplacesTakenIdsUnderReplaceAndMovesTheirVersionOn() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        List<JobAddOutcome> outcomes = this.store.addJobs(List.of(job("a", at(20)), job("b", at(30))), ConflictPolicy.REPLACE);
        assertThat(outcomes).containsExactly(JobAddOutcome.added(job("a", at(20)).withVersion(2)),
                JobAddOutcome.added(job("b", at(30)).withVersion(1)));
        assertThat(stored("a")).isEqualTo(job("a", at(20)).withVersion(2));
        assertThat(this.store.nextRunTime()).contains(at(20));
    }

    @Test
    void addJobsRefusesAnIdGivenTwiceAndWritesNothing() {
        assertThatThrownBy(() -> this.store.addJobs(List.of(job("a", at(10)), job("b", at(10)), job("a", at(20))), ConflictPolicy.REPLACE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThat(this.store.getAllJobs()).isEmpty();
    }

    @Test
    void addJobsWritesABatchLargerThanOneSelectOfIds() {
        List<StoredJob> jobs = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            jobs.add(job(String.format("j%04d", i), at(100 + (i * 7) % 1_200)));
        }
        this.store.addJob(job("j0600", at(1)), ConflictPolicy.ERROR);
        List<JobAddOutcome> outcomes = this.store.addJobs(jobs, ConflictPolicy.ERROR);
        assertThat(outcomes).hasSize(1_200);
        assertThat(outcomes.stream().filter((o) -> o.failure() != null).map((o) -> ((ConflictingJobIdException) o.failure()).jobId()))
                .containsExactly("j0600");
        assertThat(outcomes.get(1_199).stored()).isEqualTo(jobs.get(1_199).withVersion(1));
        assertThat(this.store.getAllJobs()).hasSize(1_200);
        assertThat(this.store.nextRunTime()).contains(at(1));
    }

    @Test
    void concurrentBatchAddsOfTheSameIdsAddEachIdOnceAndRefuseTheOtherUnderErrorPolicy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                List<StoredJob> jobs = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    jobs.add(job("r" + round + "-" + i, at(10 + i)));
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<JobAddOutcome>>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return this.store.addJobs(jobs, ConflictPolicy.ERROR);
                    }));
                }
                start.countDown();
                int added = 0;
                int refused = 0;
                for (Future<List<JobAddOutcome>> result : results) {
                    for (JobAddOutcome outcome : result.get(60, TimeUnit.SECONDS)) {
                        added += outcome.added() ? 1 : 0;
                        refused += outcome.failure() instanceof ConflictingJobIdException ? 1 : 0;
                    }
                }
                assertThat(added).as("round %d: added", round).isEqualTo(300);
                assertThat(refused).as("round %d: refused", round).isEqualTo(300);
                assertThat(this.store.lookupJob("r" + round + "-299")).hasValueSatisfying((j) -> assertThat(j.version()).isEqualTo(1));
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    // --- update, remove, lookup ----------------------------------------------------------------------------

    @Test
    void updateJobReplacesTheDefinitionAndMovesTheVersionOn() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        StoredJob changed = job("a", at(5)).withNextRunTime(at(5), at(4));
        StoredJob updated = this.store.updateJob(changed);
        assertThat(updated).isEqualTo(changed.withVersion(2));
        assertThat(stored("a")).isEqualTo(updated);
        assertThat(this.store.nextRunTime()).contains(at(5));
    }

    @Test
    void updateJobOfAnUnknownIdFails() {
        assertThatThrownBy(() -> this.store.updateJob(job("nope", at(1)))).isInstanceOf(JobLookupException.class)
                .hasMessageContaining("nope");
        assertThat(this.store.getAllJobs()).isEmpty();
    }

    /**
     * Whether the store under test lists its lease holders ({@link JobStore#leaseHolders()}); those that do not
     * report none.
     *
     * @return {@code false} unless a subclass says so
     */
    protected boolean reportsLeaseHolders() {
        return false;
    }

    @Test
    void leaseHoldersAreTheLeaseOwnersWithTheirJobCountsAndExpiries() {
        this.store.addJob(job("a", at(-10)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-9)), ConflictPolicy.ERROR);
        this.store.addJob(job("c", at(-8)), ConflictPolicy.ERROR);
        assertThat(this.store.leaseHolders()).isEmpty();
        assertThat(ids(this.store.acquireDueJobs(A, T0, 2, at(60)))).containsExactly("a", "b");
        assertThat(ids(this.store.acquireDueJobs(B, T0, 10, at(90)))).containsExactly("c");
        if (!reportsLeaseHolders()) {
            assertThat(this.store.leaseHolders()).isEmpty();
            return;
        }
        assertThat(this.store.leaseHolders()).containsExactly(new LeaseHolder(A, 2, at(60), at(60)),
                new LeaseHolder(B, 1, at(90), at(90)));
        assertThat(this.store.extendLeases(A, List.of("a"), at(120))).isEmpty();
        assertThat(this.store.removeJob("c")).isTrue();
        assertThat(this.store.leaseHolders()).containsExactly(new LeaseHolder(A, 2, at(60), at(120)));
    }

    @Test
    void pausedJobIsKeptButNeitherDueNorAcquired() {
        this.store.addJob(job("a", at(-10)), ConflictPolicy.ERROR);
        StoredJob paused = this.store.updateJob(stored("a").withNextRunTime(null, null));
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);
        assertThat(stored("a").nextRunTime()).isNull();
        assertThat(this.store.nextRunTime()).isEmpty();
        assertThat(this.store.acquireDueJobs(A, T0, 10, at(60))).isEmpty();
        StoredJob resumed = this.store.updateJob(stored("a").withNextRunTime(at(-5), at(-5)));
        assertThat(resumed.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(ids(this.store.acquireDueJobs(A, T0, 10, at(60)))).containsExactly("a");
    }

    @Test
    void removeJobRemovesOnlyThatJob() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(20)), ConflictPolicy.ERROR);
        assertThat(this.store.removeJob("a")).isTrue();
        assertThat(this.store.removeJob("a")).isFalse();
        assertThat(this.store.lookupJob("a")).isEmpty();
        assertThat(ids(this.store.getAllJobs())).containsExactly("b");
        assertThat(this.store.nextRunTime()).contains(at(20));
    }

    @Test
    void removeAllJobsRemovesScheduledPausedAndBrokenJobs() {
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(10)).withNextRunTime(null, null), ConflictPolicy.ERROR);
        this.store.addJob(job("c", at(10)).asBroken("task gone"), ConflictPolicy.ERROR);
        this.store.removeAllJobs();
        assertThat(this.store.getAllJobs()).isEmpty();
        assertThat(this.store.nextRunTime()).isEmpty();
        assertThat(this.store.lookupJob("c")).isEmpty();
    }

    @Test
    void lookupJobOfAnUnknownIdIsEmpty() {
        assertThat(this.store.lookupJob("nope")).isEmpty();
    }

    @Test
    void keepsRealTriggersEqual() {
        List<Trigger> triggers = List.of(Triggers.cron("0 9 * * 1-5", ZoneId.of("Europe/Berlin")),
                Triggers.interval(Duration.ofMinutes(30), T0.atZone(ZoneId.of("Asia/Shanghai"))), Triggers.date(T0.atZone(ZoneOffset.UTC)));
        for (int i = 0; i < triggers.size(); i++) {
            StoredJob job = new StoredJob("real-" + i, "real", "com.acme.Jobs::purge", List.of(), Map.of(), triggers.get(i), "default",
                    "default", null, true, 1, null, at(i), at(i), JobState.SCHEDULED, null, 0, null);
            this.store.addJob(job, ConflictPolicy.ERROR);
            assertThat(stored("real-" + i)).isEqualTo(job.withVersion(1));
        }
    }

    // --- listing and next run time ---------------------------------------------------------------------------

    @Test
    void getAllJobsListsScheduledByNextRunTimeThenIdThenPausedAndBrokenById() {
        this.store.addJob(job("d", at(30)), ConflictPolicy.ERROR);
        this.store.addJob(job("c", at(10)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(30)), ConflictPolicy.ERROR);
        this.store.addJob(job("z", at(1)).withNextRunTime(null, null), ConflictPolicy.ERROR);
        this.store.addJob(job("a", at(1)).asBroken("task gone"), ConflictPolicy.ERROR);
        this.store.addJob(job("m", at(1)).withNextRunTime(null, null), ConflictPolicy.ERROR);
        assertThat(ids(this.store.getAllJobs())).containsExactly("c", "b", "d", "a", "m", "z");
    }

    /** Reads every page of a listing, checking each page's size; the ids in the order they came. */
    private List<String> listAll(JobQuery query, List<Integer> pageSizes) {
        List<String> seen = new ArrayList<>();
        StoredJobPage page = this.store.listJobs(query);
        while (true) {
            assertThat(page.jobs()).hasSizeLessThanOrEqualTo(query.limit());
            pageSizes.add(page.jobs().size());
            seen.addAll(ids(page.jobs()));
            if (page.next() == null) {
                return seen;
            }
            page = this.store.listJobs(query.after(page.next()));
        }
    }

    @Test
    void listJobsPagesThroughEveryJobOnceInIdOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String id = String.format("job-%02d", (i * 7) % 23);
            StoredJob job = job(id, at(100 - i));
            this.store.addJob(i % 5 == 0 ? job.withNextRunTime(null, null) : i % 7 == 0 ? job.asBroken("gone") : job, ConflictPolicy.ERROR);
            expected.add(id);
        }
        Collections.sort(expected);
        List<Integer> pageSizes = new ArrayList<>();
        assertThat(listAll(JobQuery.all().withLimit(5), pageSizes)).containsExactlyElementsOf(expected);
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
        // a look-ahead row tells that a full page is the last one
        StoredJobPage whole = this.store.listJobs(JobQuery.all().withLimit(23));
        assertThat(ids(whole.jobs())).containsExactlyElementsOf(expected);
        assertThat(whole.next()).isNull();
        assertThat(whole.jobs()).filteredOn((j) -> j.id().equals("job-00")).singleElement()
                .satisfies((j) -> assertThat(j).isEqualTo(stored("job-00")));
        assertThat(this.store.listJobs(JobQuery.all().after("job-22")).jobs()).isEmpty();
    }

    @Test
    void listJobsFiltersTheRowsEachPageReadAndGoesOnToTheEnd() {
        for (int i = 0; i < 30; i++) {
            StoredJob job = job(String.format("f-%02d", i), at(10 + i));
            StoredJob variant = new StoredJob(job.id(), job.name(), i % 3 == 0 ? "reports.nightly" : job.task(), job.args(), job.kwargs(),
                    job.trigger(), i % 2 == 0 ? "reports" : "default", job.jobstore(), job.misfireGraceTime(), job.coalesce(),
                    job.maxInstances(), job.jitter(), job.nextRunTime(), job.nextFireTime(), job.state(), null, 0, job.timeout());
            this.store.addJob(i % 4 == 0 ? variant.withNextRunTime(null, null) : variant, ConflictPolicy.ERROR);
        }
        List<Integer> pageSizes = new ArrayList<>();
        // paused: 0, 4, ..., 28; of those, run by 'reports' (even): all; of task reports.nightly (multiple of 3): 0, 12, 24
        JobQuery query = JobQuery.all().withStates(JobState.PAUSED).withExecutor("reports").withTask("reports.nightly").withLimit(4);
        assertThat(listAll(query, pageSizes)).containsExactly("f-00", "f-12", "f-24");
        // every page read at most 4 rows: 30 rows take 8 pages, whatever matched
        assertThat(pageSizes).hasSize(8).contains(0);
        assertThat(listAll(JobQuery.all().withStates(JobState.SCHEDULED, JobState.BROKEN).withLimit(7), new ArrayList<>()))
                .hasSize(22).noneMatch((id) -> Integer.parseInt(id.substring(2)) % 4 == 0);
        assertThat(listAll(JobQuery.all().inStore("other"), new ArrayList<>())).isEmpty();
        assertThat(listAll(JobQuery.all().inStore("default").withLimit(1000), new ArrayList<>())).hasSize(30);
    }

    @Test
    void listJobsSeesJobsAddedAfterTheCursorAndNotThoseRemovedBeforeIt() {
        for (int i = 0; i < 10; i++) {
            this.store.addJob(job("j" + i, at(i)), ConflictPolicy.ERROR);
        }
        JobQuery query = JobQuery.all().withLimit(4);
        StoredJobPage first = this.store.listJobs(query);
        assertThat(ids(first.jobs())).containsExactly("j0", "j1", "j2", "j3");
        this.store.addJob(job("j35", at(1)), ConflictPolicy.ERROR);
        this.store.addJob(job("a-before-the-cursor", at(1)), ConflictPolicy.ERROR);
        this.store.removeJob("j6");
        this.store.removeJob("j1");
        List<String> seen = new ArrayList<>(ids(first.jobs()));
        for (StoredJobPage page = this.store.listJobs(query.after(first.next())); ; page = this.store.listJobs(query.after(page.next()))) {
            seen.addAll(ids(page.jobs()));
            if (page.next() == null) {
                break;
            }
        }
        assertThat(seen).containsExactly("j0", "j1", "j2", "j3", "j35", "j4", "j5", "j7", "j8", "j9");
    }

    @Test
    void listJobsLeavesFinishedMarkersOut() {
        org.junit.jupiter.api.Assumptions.assumeTrue(keepsFinishedMarkers());
        this.store.addJob(job("b", at(5)), ConflictPolicy.ERROR);
        finishWithMarker("a");
        StoredJobPage page = this.store.listJobs(JobQuery.all());
        assertThat(ids(page.jobs())).containsExactly("b");
        assertThat(page.next()).isNull();
    }

    @Test
    void nextRunTimeIsTheEarliestOfScheduledJobs() {
        assertThat(this.store.nextRunTime()).isEmpty();
        this.store.addJob(job("a", at(30)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(20)), ConflictPolicy.ERROR);
        this.store.addJob(job("c", at(5)).withNextRunTime(null, null), ConflictPolicy.ERROR);
        assertThat(this.store.nextRunTime()).contains(at(20));
    }

    @Test
    void nextRunTimeOfALeasedDueJobIsItsLeaseExpiry() {
        this.store.addJob(job("a", at(-5)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(100)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        assertThat(this.store.nextRunTime()).contains(at(60));
        this.store.extendLeases(A, List.of("a"), at(200));
        assertThat(this.store.nextRunTime()).contains(at(100));
    }

    @Test
    void nextRunTimeOfAnExpiredLeaseIsPastSoAnotherSchedulerAcquiresTheJob() {
        this.store.addJob(job("a", at(-5)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        Instant later = at(90);
        assertThat(this.store.nextRunTime()).hasValueSatisfying((next) -> assertThat(next).isBeforeOrEqualTo(later));
        assertThat(ids(this.store.acquireDueJobs(B, later, 10, at(150)))).containsExactly("a");
        assertThat(this.store.nextRunTime()).contains(at(150));
    }

    // --- retries ---------------------------------------------------------------------------------------------

    @Test
    void aPendingRetryWrittenWithAReleaseIsKeptWithTheJobForAnyInstance() {
        RetryPolicy policy = RetryPolicy.maxAttempts(3).withBackoff(Duration.ofSeconds(5), Duration.ofMinutes(1));
        this.store.addJob(job("a", at(10)).withRetry(policy), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, at(10), 1, at(60)).get(0);
        assertThat(acquired.retry()).isEqualTo(policy);
        assertThat(acquired.pendingRetry()).isNull();
        // attempt 1 of the fire time at(10) failed: attempt 2 at(15), the next regular run at(70)
        PendingRetry retry = new PendingRetry(2, at(10), at(15), at(70));
        this.store.releaseJobs(A, List.of(JobRelease.rescheduleWithRetry(acquired, at(15), at(70), retry)));
        StoredJob pending = stored("a");
        assertThat(pending.pendingRetry()).isEqualTo(retry);
        assertThat(pending.nextRunTime()).isEqualTo(at(15));
        assertThat(pending.nextFireTime()).isEqualTo(at(70));
        assertThat(this.store.nextRunTime()).contains(at(15));
        assertThat(this.store.acquireDueJobs(B, at(14), 1, at(74))).isEmpty();

        StoredJob takenByB = this.store.acquireDueJobs(B, at(15), 1, at(75)).get(0);
        assertThat(takenByB.pendingRetry()).as("another instance finds the retry").isEqualTo(retry);
        assertThat(takenByB.retry()).isEqualTo(policy);
        // the retry ran: back to the regular run time, no retry pending
        this.store.releaseJobs(B, List.of(JobRelease.rescheduleWithRetry(takenByB, at(70), at(70), null)));
        StoredJob done = stored("a");
        assertThat(done.pendingRetry()).isNull();
        assertThat(done.nextRunTime()).isEqualTo(at(70));
        assertThat(done).isEqualTo(job("a", at(10)).withRetry(policy).withNextRunTime(at(70), at(70)).withVersion(done.version()));
    }

    @Test
    void aPendingRetryOfAJobChangedWhileItWasLeasedIsNotWritten() {
        this.store.addJob(job("a", at(10)).withRetry(RetryPolicy.maxAttempts(2)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, at(10), 1, at(60)).get(0);
        StoredJob paused = this.store.updateJob(acquired.withNextRunTime(null, null));
        this.store.releaseJobs(A, List.of(JobRelease.rescheduleWithRetry(acquired, at(15), at(70), new PendingRetry(2, at(10), at(15), at(70)))));
        StoredJob kept = stored("a");
        assertThat(kept.pendingRetry()).isNull();
        assertThat(kept.nextRunTime()).isNull();
        assertThat(kept.version()).isEqualTo(paused.version());
    }

    @Test
    void aPlainReleaseKeepsThePendingRetryTheJobHas() {
        PendingRetry retry = new PendingRetry(2, at(5), at(40), at(10));
        this.store.addJob(job("a", at(10)).withPendingRetry(retry), ConflictPolicy.ERROR);
        // due for its regular run at(10); the retry stays pending (its regular run time moved on) until at(40)
        StoredJob acquired = this.store.acquireDueJobs(A, at(10), 1, at(60)).get(0);
        assertThat(acquired.pendingRetry()).isEqualTo(retry);
        this.store.releaseJobs(A, List.of(JobRelease.rescheduleWithRetry(acquired, at(40), at(70), retry.withRegularRunTime(at(70)))));
        assertThat(stored("a").pendingRetry()).isEqualTo(retry.withRegularRunTime(at(70)));
        StoredJob again = this.store.acquireDueJobs(A, at(40), 1, at(100)).get(0);
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(again, at(40), at(70))));
        assertThat(stored("a").pendingRetry()).as("a release without a retry change keeps the stored one")
                .isEqualTo(retry.withRegularRunTime(at(70)));
    }

    @Test
    void listJobsReturnsEachScheduledJobWithItsPendingRetry() {
        PendingRetry retry = new PendingRetry(2, at(5), at(40), at(70));
        this.store.addJob(job("a", at(40)).withPendingRetry(retry), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(10)), ConflictPolicy.ERROR);
        assertThat(this.store.listJobs(JobQuery.all().withStates(JobState.SCHEDULED)).jobs())
                .extracting(StoredJob::id, StoredJob::pendingRetry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", retry), org.assertj.core.groups.Tuple.tuple("b", null));
    }

    @Test
    void removeAllJobsOfASchedulerRecordsThePendingRetriesItDrops() {
        RemovedRetries.check(createStore());
    }

    @Test
    void theRetryOfADateJobsTimedOutAttemptIsWrittenWithTheJobAndRunsOnce() throws InterruptedException {
        TimedOutRetries.retriedAfterTheTimeout(createStore(), true);
    }

    @Test
    void theRetryOfAnIntervalJobsTimedOutAttemptIsWrittenWithTheJobAndRunsOnce() throws InterruptedException {
        TimedOutRetries.retriedAfterTheTimeout(createStore(), false);
    }

    @Test
    void theRetryOfADateJobsStuckAttemptRunsOnceTheTaskReturns() throws InterruptedException {
        TimedOutRetries.retriedAfterAStuckAttemptEnds(createStore(), true);
    }

    @Test
    void theRetryOfAnIntervalJobsStuckAttemptRunsOnceTheTaskReturns() throws InterruptedException {
        TimedOutRetries.retriedAfterAStuckAttemptEnds(createStore(), false);
    }

    @Test
    void aRetryDroppedBecauseAnotherSchedulerRemovedTheJobIsRecorded() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(this.store.isShared());
        RetriesDroppedElsewhere.duringTheAttempt(this::createStore, false);
    }

    @Test
    void aRetryDroppedBecauseAnotherSchedulerPausedTheJobIsRecorded() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(this.store.isShared());
        RetriesDroppedElsewhere.duringTheAttempt(this::createStore, true);
    }

    @Test
    void aWrittenRetryDroppedByAnotherSchedulerIsRecordedOnceByThatScheduler() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(this.store.isShared());
        RetriesDroppedElsewhere.afterTheRetryWasWritten(this::createStore, true);
        RetriesDroppedElsewhere.afterTheRetryWasWritten(this::createStore, false);
    }

    // --- acquire ---------------------------------------------------------------------------------------------

    @Test
    void acquireReturnsDueJobsOnlyEarliestFirstUpToTheLimit() {
        this.store.addJob(job("late", at(1)), ConflictPolicy.ERROR);
        this.store.addJob(job("c", at(-10)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-20)), ConflictPolicy.ERROR);
        this.store.addJob(job("a", at(-10)), ConflictPolicy.ERROR);
        this.store.addJob(job("now", at(0)), ConflictPolicy.ERROR);
        List<StoredJob> first = this.store.acquireDueJobs(A, T0, 3, at(60));
        // earliest first; "a" and "c" are due at the same instant and may come in either order
        assertThat(ids(first)).startsWith("b").containsExactlyInAnyOrder("b", "a", "c");
        assertThat(first.get(0)).isEqualTo(job("b", at(-20)).withVersion(1));
        assertThat(ids(this.store.acquireDueJobs(A, T0, 3, at(60)))).containsExactly("now");
        assertThat(this.store.acquireDueJobs(A, T0, 3, at(60))).isEmpty();
    }

    @Test
    void markBrokenWritesOnlyWhenTheVersionIsStillTheOneRead() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        long acquired = this.store.acquireDueJobs(A, T0, 1, at(60)).get(0).version();
        this.store.updateJob(job("a", at(-1)));
        // changed since it was read: the change wins
        assertThat(this.store.markBroken(A, "a", acquired, "trigger failed")).isFalse();
        StoredJob changed = this.store.lookupJob("a").orElseThrow();
        assertThat(changed.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(this.store.markBroken(A, "a", changed.version(), "trigger failed")).isTrue();
        StoredJob broken = this.store.lookupJob("a").orElseThrow();
        assertThat(broken.state()).isEqualTo(JobState.BROKEN);
        assertThat(broken.brokenReason()).isEqualTo("trigger failed");
        assertThat(broken.nextRunTime()).isNull();
        assertThat(broken.version()).isGreaterThan(changed.version());
        assertThat(broken.args()).isEqualTo(changed.args());
        assertThat(this.store.getAllJobs()).extracting(StoredJob::id).containsExactly("a");
        assertThat(this.store.acquireDueJobs(B, at(120), 10, at(180))).isEmpty();
        assertThat(this.store.markBroken(A, "missing", 1, "x")).isFalse();
        // replacing it brings it back
        this.store.addJob(job("a", at(-1)), ConflictPolicy.REPLACE);
        assertThat(ids(this.store.acquireDueJobs(B, at(120), 10, at(180)))).containsExactly("a");
    }

    @Test
    void acquireReturnsTheVersionTheJobHasInTheStore() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.updateJob(job("a", at(-1)));
        assertThat(this.store.acquireDueJobs(A, T0, 1, at(60))).extracting(StoredJob::version).containsExactly(2L);
    }

    @Test
    void leasedJobIsNotAcquiredAgainUntilItsLeaseExpires() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        assertThat(ids(this.store.acquireDueJobs(A, T0, 10, at(60)))).containsExactly("a");
        assertThat(this.store.acquireDueJobs(A, at(30), 10, at(90))).isEmpty();
        assertThat(this.store.acquireDueJobs(B, at(59), 10, at(90))).isEmpty();
        assertThat(ids(this.store.acquireDueJobs(B, at(60), 10, at(120)))).containsExactly("a");
        assertThat(this.store.acquireDueJobs(A, at(61), 10, at(120))).isEmpty();
    }

    @Test
    void acquireRefusesABadLimitOrLease() {
        assertThatThrownBy(() -> this.store.acquireDueJobs(A, T0, 0, at(60))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> this.store.acquireDueJobs(A, T0, 1, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseUntil");
    }

    @Test
    void replacingOrUpdatingALeasedJobKeepsTheLease() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        this.store.addJob(job("a", at(-2)), ConflictPolicy.REPLACE);
        this.store.updateJob(job("a", at(-3)));
        assertThat(this.store.acquireDueJobs(B, at(1), 10, at(90))).isEmpty();
    }

    @Test
    void extendLeasesExtendsOnlyTheCallersLeases() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-1)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        assertThat(this.store.extendLeases(B, List.of("a"), at(600))).containsExactly("a");
        assertThat(this.store.extendLeases(A, List.of("b", "unknown"), at(600))).containsExactly("unknown");
        assertThat(ids(this.store.acquireDueJobs(B, at(60), 10, at(700)))).containsExactly("a");
        assertThat(this.store.acquireDueJobs(B, at(599), 10, at(700))).isEmpty();
        assertThat(ids(this.store.acquireDueJobs(B, at(600), 10, at(700)))).containsExactly("b");
    }

    @Test
    void extendingOwnLeasesReturnsNothingLost() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-1)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        assertThat(this.store.extendLeases(A, List.of("a", "b", "a"), at(600))).isEmpty();
        assertThat(this.store.extendLeases(A, List.of(), at(600))).isEmpty();
        assertThat(this.store.acquireDueJobs(B, at(599), 10, at(700))).isEmpty();
    }

    @Test
    void extendingALeaseAnotherSchedulerTookOverAfterItExpiredReturnsItsIdAndLeavesTheirLease() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-1)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        assertThat(this.store.extendLeases(A, List.of("b"), at(600))).isEmpty();
        // A's lease on "a" lapses (a long pause, say) and B takes the job over
        assertThat(ids(this.store.acquireDueJobs(B, at(60), 10, at(120)))).containsExactly("a");
        assertThat(this.store.extendLeases(A, List.of("a", "b"), at(600))).containsExactly("a");
        // B's lease is untouched: the job is acquirable when B's lease ends, not at the expiry A asked for
        assertThat(this.store.acquireDueJobs(A, at(119), 10, at(700))).isEmpty();
        assertThat(ids(this.store.acquireDueJobs(A, at(120), 10, at(700)))).containsExactly("a");
    }

    @Test
    void extendingALeaseTakenOverAndReleasedByAnotherSchedulerReturnsItsId() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        StoredJob takenOver = this.store.acquireDueJobs(B, at(60), 10, at(120)).get(0);
        this.store.releaseJobs(B, List.of(JobRelease.reschedule(takenOver, at(90), at(90))));
        assertThat(this.store.extendLeases(A, List.of("a"), at(600))).containsExactly("a");
        assertThat(ids(this.store.acquireDueJobs(B, at(90), 10, at(700)))).containsExactly("a");
    }

    @Test
    void extendingTheLeaseOfADeletedJobReturnsItsId() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-1)), ConflictPolicy.ERROR);
        this.store.acquireDueJobs(A, T0, 10, at(60));
        assertThat(this.store.removeJob("a")).isTrue();
        assertThat(this.store.extendLeases(A, List.of("a", "b"), at(600))).containsExactly("a");
        assertThat(this.store.lookupJob("a")).isEmpty();
    }

    // --- release ---------------------------------------------------------------------------------------------

    @Test
    void releaseWritesTheNextRunTimeAndDropsTheLease() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, at(60)).get(0);
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, at(11), at(10))));
        StoredJob released = stored("a");
        assertThat(released.nextRunTime()).isEqualTo(at(11));
        assertThat(released.nextFireTime()).isEqualTo(at(10));
        assertThat(released.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(released.version()).isEqualTo(acquired.version() + 1);
        assertThat(released.withVersion(0)).isEqualTo(acquired.withNextRunTime(at(11), at(10)).withVersion(0));
        assertThat(this.store.nextRunTime()).contains(at(11));
        assertThat(this.store.acquireDueJobs(B, at(10), 10, at(70))).isEmpty();
        assertThat(ids(this.store.acquireDueJobs(B, at(11), 10, at(70)))).containsExactly("a");
    }

    @Test
    void releaseOfAFinishedJobDeletesIt() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(-1)), ConflictPolicy.ERROR);
        List<StoredJob> acquired = this.store.acquireDueJobs(A, T0, 10, at(60));
        this.store.releaseJobs(A, List.of(JobRelease.finished(acquired.get(0)), JobRelease.reschedule(acquired.get(1), at(5), at(5))));
        assertThat(this.store.lookupJob("a")).isEmpty();
        assertThat(ids(this.store.getAllJobs())).containsExactly("b");
    }

    // --- executor aliases as worker groups -------------------------------------------------------------------

    private static StoredJob forExecutor(String id, Instant nextRunTime, String executor) {
        StoredJob job = job(id, nextRunTime);
        return new StoredJob(job.id(), job.name(), job.task(), job.args(), job.kwargs(), job.trigger(), executor, job.jobstore(),
                job.misfireGraceTime(), job.coalesce(), job.maxInstances(), job.jitter(), job.nextRunTime(), job.nextFireTime(),
                job.state(), null, 0, job.timeout());
    }

    @Test
    void sharedStoreGivesAnInstanceOnlyTheJobsOfItsExecutorsAndCountsTheOthers() {
        org.junit.jupiter.api.Assumptions.assumeTrue(this.store.isShared());
        this.store.addJob(forExecutor("r1", at(-3), "reports"), ConflictPolicy.ERROR);
        this.store.addJob(job("d1", at(-2)), ConflictPolicy.ERROR);
        this.store.addJob(forExecutor("r2", at(-1), "reports"), ConflictPolicy.ERROR);
        this.store.addJob(forExecutor("m1", at(-1), "mail"), ConflictPolicy.ERROR);
        this.store.addJob(forExecutor("r3", at(30), "reports"), ConflictPolicy.ERROR);
        // an argument named like the field does not count (H2 reads the executor from the JSON text)
        StoredJob tricky = forExecutor("d2", at(-2), "default");
        this.store.addJob(new StoredJob(tricky.id(), tricky.name(), tricky.task(), tricky.args(),
                Map.of("executor", "reports", "kw", Map.of("executor", "mail")), tricky.trigger(), tricky.executor(), tricky.jobstore(),
                tricky.misfireGraceTime(), tricky.coalesce(), tricky.maxInstances(), tricky.jitter(), tricky.nextRunTime(),
                tricky.nextFireTime(), tricky.state(), null, 0, tricky.timeout()), ConflictPolicy.ERROR);

        assertThat(this.store.acquireDueJobs(A, T0, 10, at(60), java.util.Set.of("default"))).extracting(StoredJob::id)
                .containsExactlyInAnyOrder("d1", "d2");
        assertThat(stored("r1").state()).isEqualTo(JobState.SCHEDULED);
        assertThat(this.store.countDueWithoutExecutor(T0, java.util.Set.of("default")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("reports", 2, "mail", 1));
        assertThat(this.store.countDueWithoutExecutor(at(-2), java.util.Set.of("default"))).containsExactlyEntriesOf(Map.of("reports", 1));

        assertThat(this.store.acquireDueJobs(B, T0, 1, at(60), java.util.Set.of("reports", "default"))).extracting(StoredJob::id)
                .containsExactly("r1");
        assertThat(this.store.acquireDueJobs(B, T0, 10, at(60), java.util.Set.of("reports", "default"))).extracting(StoredJob::id)
                .containsExactly("r2");
        // leased jobs wait for no one
        assertThat(this.store.countDueWithoutExecutor(T0, java.util.Set.of("default"))).containsExactlyEntriesOf(Map.of("mail", 1));
        assertThat(this.store.countDueWithoutExecutor(T0, java.util.Set.of("default", "mail"))).isEmpty();
    }

    @Test
    void sharedStoreGivesJobsAddedInABatchOnlyToTheInstancesOfTheirExecutors() {
        org.junit.jupiter.api.Assumptions.assumeTrue(this.store.isShared());
        this.store.addJobs(List.of(forExecutor("r1", at(-3), "reports"), job("d1", at(-2)), forExecutor("m1", at(-1), "mail"),
                forExecutor("r2", at(30), "reports")), ConflictPolicy.ERROR);

        assertThat(this.store.acquireDueJobs(A, T0, 10, at(60), java.util.Set.of("default"))).extracting(StoredJob::id)
                .containsExactly("d1");
        assertThat(this.store.countDueWithoutExecutor(T0, java.util.Set.of("default")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("reports", 1, "mail", 1));
        assertThat(this.store.acquireDueJobs(B, T0, 10, at(60), java.util.Set.of("reports"))).extracting(StoredJob::id)
                .containsExactly("r1");
    }

    // --- finished markers -----------------------------------------------------------------------------------

    /**
     * Whether the store keeps {@link JobState#FINISHED} markers (the built-in ones do); a store that does not skips
     * the marker tests and deletes finished jobs.
     *
     * @return {@code true} unless overridden
     */
    protected boolean keepsFinishedMarkers() {
        return true;
    }

    private StoredJob finishWithMarker(String id) {
        this.store.addJob(job(id, at(-1)).withKeepsFinishedMarker(true), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 10, at(60)).stream().filter((j) -> j.id().equals(id)).findFirst()
                .orElseThrow();
        assertThat(acquired.keepsFinishedMarker()).isTrue();
        this.store.releaseJobs(A, List.of(JobRelease.finished(acquired)));
        return acquired;
    }

    @Test
    void finishedJobWhoseIdWasChosenLeavesAMarkerThatIsNoJob() {
        org.junit.jupiter.api.Assumptions.assumeTrue(keepsFinishedMarkers());
        this.store.addJob(job("other", at(5)), ConflictPolicy.ERROR);
        StoredJob acquired = finishWithMarker("once");

        assertThat(this.store.lookupJob("once")).isEmpty();
        assertThat(ids(this.store.getAllJobs())).containsExactly("other");
        assertThat(this.store.nextRunTime()).contains(at(5));
        assertThat(this.store.acquireDueJobs(B, at(3600), 10, at(7200))).extracting(StoredJob::id).containsExactly("other");
        assertThat(this.store.lookupFinished("once")).hasValueSatisfying((marker) -> {
            assertThat(marker.state()).isEqualTo(JobState.FINISHED);
            assertThat(marker.trigger()).isEqualTo(acquired.trigger());
            assertThat(marker.task()).isEqualTo(acquired.task());
            assertThat(marker.nextRunTime()).isNull();
            assertThat(marker.nextFireTime()).isNull();
        });
        assertThat(this.store.lookupFinished("other")).isEmpty();
    }

    @Test
    void keepExistingDoesNotAddAJobThatAlreadyRanButErrorAndReplaceDo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(keepsFinishedMarkers());
        finishWithMarker("once");

        StoredJob kept = this.store.addJob(job("once", at(-1)).withKeepsFinishedMarker(true), ConflictPolicy.KEEP_EXISTING);
        assertThat(kept.state()).isEqualTo(JobState.FINISHED);
        assertThat(this.store.lookupJob("once")).isEmpty();
        assertThat(this.store.acquireDueJobs(A, at(1), 10, at(60))).isEmpty();

        StoredJob again = this.store.addJob(job("once", at(20)), ConflictPolicy.ERROR);
        assertThat(again.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(stored("once").nextRunTime()).isEqualTo(at(20));
        assertThat(this.store.lookupFinished("once")).isEmpty();
        assertThatThrownBy(() -> this.store.addJob(job("once", at(30)), ConflictPolicy.ERROR))
                .isInstanceOf(ConflictingJobIdException.class);

        this.store.removeJob("once");
        finishWithMarker("twice");
        assertThat(this.store.addJob(job("twice", at(40)), ConflictPolicy.REPLACE).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(stored("twice").nextRunTime()).isEqualTo(at(40));
        assertThat(this.store.lookupFinished("twice")).isEmpty();
    }

    @Test
    void addJobsKeepsAFinishedMarkerUnderKeepExisting() {
        org.junit.jupiter.api.Assumptions.assumeTrue(keepsFinishedMarkers());
        finishWithMarker("once");
        StoredJob marker = this.store.lookupFinished("once").orElseThrow();

        List<JobAddOutcome> outcomes = this.store.addJobs(List.of(job("new", at(30)), job("once", at(-1)).withKeepsFinishedMarker(true)),
                ConflictPolicy.KEEP_EXISTING);
        assertThat(outcomes).containsExactly(JobAddOutcome.added(job("new", at(30)).withVersion(1)), JobAddOutcome.kept(marker));
        assertThat(outcomes.get(1).stored().state()).isEqualTo(JobState.FINISHED);
        assertThat(this.store.lookupJob("once")).isEmpty();
        assertThat(this.store.lookupFinished("once")).contains(marker);
        assertThat(ids(this.store.getAllJobs())).containsExactly("new");
        assertThat(this.store.acquireDueJobs(A, at(1), 10, at(60))).isEmpty();
    }

    @Test
    void addJobsReplacesAFinishedMarkerUnderErrorAndReplace() {
        org.junit.jupiter.api.Assumptions.assumeTrue(keepsFinishedMarkers());
        long takenVersion = this.store.addJob(job("taken", at(50)), ConflictPolicy.ERROR).version();
        finishWithMarker("m1");
        finishWithMarker("m2");

        List<JobAddOutcome> outcomes = this.store.addJobs(List.of(job("m1", at(20)), job("taken", at(21))), ConflictPolicy.ERROR);
        // the version a replaced marker's job gets is the store's own (1, or the marker's + 1), as for addJob
        assertThat(outcomes.get(0).added()).isTrue();
        assertThat(outcomes.get(0).stored()).isEqualTo(job("m1", at(20)).withVersion(outcomes.get(0).stored().version()));
        assertThat(outcomes.get(1).failure()).isInstanceOf(ConflictingJobIdException.class).hasMessageContaining("(taken)");
        assertThat(stored("m1")).isEqualTo(outcomes.get(0).stored());
        assertThat(this.store.lookupFinished("m1")).isEmpty();
        assertThat(stored("taken").version()).isEqualTo(takenVersion);

        List<JobAddOutcome> replaced = this.store.addJobs(List.of(job("m2", at(40))), ConflictPolicy.REPLACE);
        assertThat(replaced.get(0).added()).isTrue();
        assertThat(replaced.get(0).stored().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(stored("m2")).isEqualTo(replaced.get(0).stored());
        assertThat(this.store.lookupFinished("m2")).isEmpty();
        assertThat(ids(this.store.getAllJobs())).containsExactly("m1", "m2", "taken");
        assertThat(this.store.acquireDueJobs(A, at(40), 10, at(60))).extracting(StoredJob::id).containsExactly("m1", "m2");
    }

    @Test
    void finishedJobWithAGeneratedIdLeavesNoMarker() {
        this.store.addJob(job("generated", at(-1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 10, at(60)).get(0);
        this.store.releaseJobs(A, List.of(JobRelease.finished(acquired)));
        assertThat(this.store.lookupFinished("generated")).isEmpty();
        assertThat(this.store.addJob(job("generated", at(-1)), ConflictPolicy.KEEP_EXISTING).state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void markersAreRemovedAfterTheRetentionAndWithAllJobsOrTheirId() {
        org.junit.jupiter.api.Assumptions.assumeTrue(keepsFinishedMarkers());
        finishWithMarker("m1");
        finishWithMarker("m2");
        // the store's clock stamps markers with T0
        assertThat(this.store.removeFinishedMarkers(T0)).isZero();
        assertThat(this.store.lookupFinished("m1")).isPresent();
        assertThat(this.store.removeJob("m2")).isTrue();
        assertThat(this.store.lookupFinished("m2")).isEmpty();
        assertThat(this.store.removeFinishedMarkers(T0.plusMillis(1))).isEqualTo(1);
        assertThat(this.store.lookupFinished("m1")).isEmpty();

        finishWithMarker("m3");
        this.store.removeAllJobs();
        assertThat(this.store.lookupFinished("m3")).isEmpty();
    }

    @Test
    void releaseWithoutNextRunTimePausesTheJob() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, at(60)).get(0);
        this.store.releaseJobs(A, List.of(new JobRelease("a", acquired.version(), null, null, false)));
        assertThat(stored("a").state()).isEqualTo(JobState.PAUSED);
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void releaseAfterTheVersionMovedOnOnlyDropsTheLease() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, at(60)).get(0);
        StoredJob paused = this.store.updateJob(acquired.withNextRunTime(null, null));
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, at(10), at(10))));
        assertThat(stored("a")).isEqualTo(paused);

        StoredJob resumed = this.store.updateJob(paused.withNextRunTime(at(-1), at(-1)));
        assertThat(ids(this.store.acquireDueJobs(B, at(1), 10, at(70)))).containsExactly("a");
        this.store.releaseJobs(B, List.of(JobRelease.finished(resumed.withVersion(resumed.version() - 1))));
        assertThat(this.store.lookupJob("a")).contains(resumed);
    }

    @Test
    void releaseByASchedulerThatLostTheLeaseIsIgnored() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        StoredJob byA = this.store.acquireDueJobs(A, T0, 1, at(60)).get(0);
        StoredJob byB = this.store.acquireDueJobs(B, at(60), 1, at(120)).get(0);
        this.store.releaseJobs(A, List.of(JobRelease.finished(byA)));
        assertThat(stored("a")).isEqualTo(byB);
        assertThat(this.store.acquireDueJobs(A, at(61), 10, at(130))).isEmpty();
        this.store.releaseJobs(B, List.of(JobRelease.reschedule(byB, at(500), at(500))));
        assertThat(stored("a").nextRunTime()).isEqualTo(at(500));
    }

    @Test
    void releaseOfARemovedJobDoesNotBringItBack() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, at(60)).get(0);
        this.store.removeJob("a");
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, at(10), at(10))));
        assertThat(this.store.lookupJob("a")).isEmpty();
        assertThat(this.store.getAllJobs()).isEmpty();
    }

    // --- counts ---------------------------------------------------------------------------------------------

    @Test
    void countJobsFollowsAddPauseResumeBreakAndRemoveAndLeavesFinishedMarkersOut() {
        assertThat(this.store.countJobs()).isEqualTo(JobCounts.NONE);
        this.store.addJob(job("a", at(10)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(20)), ConflictPolicy.ERROR);
        this.store.addJob(job("c", at(30)), ConflictPolicy.ERROR);
        this.store.addJob(job("d", at(40)).withNextRunTime(null, null), ConflictPolicy.ERROR);
        this.store.addJob(job("e", at(50)).asBroken("task gone"), ConflictPolicy.ERROR);
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(3, 1, 1));

        this.store.updateJob(stored("a").withNextRunTime(null, null));
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(2, 2, 1));
        this.store.updateJob(stored("a").withNextRunTime(at(15), at(15)));
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(3, 1, 1));
        assertThat(this.store.markBroken(A, "c", stored("c").version(), "trigger failed")).isTrue();
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(2, 1, 2));
        assertThat(this.store.removeJob("b")).isTrue();
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(1, 1, 2));
        this.store.updateJob(stored("e").withNextRunTime(at(60), at(60)));
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(2, 1, 1));

        if (keepsFinishedMarkers()) {
            finishWithMarker("once");
            assertThat(this.store.lookupFinished("once")).isPresent();
            assertThat(this.store.countJobs()).isEqualTo(new JobCounts(2, 1, 1));
        }
        this.store.removeAllJobs();
        assertThat(this.store.countJobs()).isEqualTo(JobCounts.NONE);
    }

    @Test
    void countJobsOfALeasedJobReleasedPausedCountsItPaused() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        this.store.addJob(job("b", at(10)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 10, at(60)).get(0);
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(2, 0, 0));
        this.store.releaseJobs(A, List.of(JobRelease.reschedule(acquired, null, null)));
        assertThat(this.store.countJobs()).isEqualTo(new JobCounts(1, 1, 0));
    }

    // --- broken jobs -----------------------------------------------------------------------------------------

    @Test
    void brokenJobIsKeptListedAndNeverAcquired() {
        this.store.addJob(job("a", at(-1)), ConflictPolicy.ERROR);
        StoredJob broken = this.store.updateJob(stored("a").asBroken("task orderService.cancel no longer exists"));
        assertThat(broken.state()).isEqualTo(JobState.BROKEN);
        assertThat(stored("a")).isEqualTo(broken);
        assertThat(stored("a").brokenReason()).isEqualTo("task orderService.cancel no longer exists");
        assertThat(this.store.acquireDueJobs(A, at(1000), 10, at(2000))).isEmpty();
        assertThat(this.store.nextRunTime()).isEmpty();
        assertThat(ids(this.store.getAllJobs())).containsExactly("a");

        this.store.updateJob(job("a", at(-1)));
        assertThat(ids(this.store.acquireDueJobs(A, T0, 10, at(60)))).containsExactly("a");
    }

    // --- concurrency -----------------------------------------------------------------------------------------

    @Test
    void concurrentAcquirersGetEveryDueJobExactlyOnce() throws Exception {
        int jobCount = 120;
        for (int i = 0; i < jobCount; i++) {
            this.store.addJob(job(String.format("job-%03d", i), at(-i % 7)), ConflictPolicy.ERROR);
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String schedulerId = "scheduler-" + t;
                Callable<List<String>> acquirer = () -> {
                    start.await();
                    List<String> got = new ArrayList<>();
                    List<StoredJob> batch;
                    do {
                        batch = this.store.acquireDueJobs(schedulerId, T0, 7, at(60));
                        got.addAll(ids(batch));
                    }
                    while (!batch.isEmpty());
                    return got;
                };
                results.add(pool.submit(acquirer));
            }
            start.countDown();
            Map<String, Integer> counts = new HashMap<>();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                for (String id : result.get(60, TimeUnit.SECONDS)) {
                    counts.merge(id, 1, Integer::sum);
                    all.add(id);
                }
            }
            assertThat(all).hasSize(jobCount);
            assertThat(counts).hasSize(jobCount);
            assertThat(Collections.max(counts.values())).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }
}
