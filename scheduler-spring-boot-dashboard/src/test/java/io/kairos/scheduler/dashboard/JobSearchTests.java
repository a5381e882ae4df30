package io.kairos.scheduler.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.operations.JobDescriptor;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.TaskAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs table reads the scheduler's paged listing, never every job: against a memory store that refuses
 * {@code getAllJobs}, each request's reads are counted and bounded, and the cursors reach every matching job once.
 */
class JobSearchTests {

    /** A memory store whose whole-store read fails the test. */
    static class PagedOnlyStore extends MemoryJobStore {

        @Override
        public List<StoredJob> getAllJobs() {
            throw new AssertionError("the jobs table read every job");
        }
    }

    private final Scheduler scheduler = Scheduler.builder().jobStore("default", new PagedOnlyStore()).startPaused(true).build();

    /** The limit of every listing read, per request. */
    private final List<Integer> reads = new ArrayList<>();

    private final Function<JobQuery, JobPage<Job>> listing = (query) -> {
        this.reads.add(query.limit());
        return this.scheduler.findJobs(query);
    };

    @AfterEach
    void close() {
        this.scheduler.close();
    }

    private void addJobs(int count, Function<Integer, JobRequest> customizer) {
        this.scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
        this.scheduler.start();
        List<JobRequest> requests = IntStream.range(0, count)
            .mapToObj((i) -> customizer.apply(i).id(String.format("job-%05d", i)).trigger(Map.of("type", "interval", "hours", 1)))
            .toList();
        this.scheduler.addJobs(requests);
    }

    /** Every page from the first: the ids of each; each request's reads stay within the bound. */
    private List<List<String>> pages(JobQuery query, String text) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            this.reads.clear();
            Map<String, Object> page = JobSearch.page(this.listing, (jobs) -> jobs.stream().map(JobDescriptor::of).toList(), query.after(cursor), text);
            assertThat(this.reads.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(JobSearch.MAX_READ);
            pages.add(ids(page));
            cursor = (String) page.get("next");
        }
        while (cursor != null);
        return pages;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<JobDescriptor>) page.get("jobs")).stream().map(JobDescriptor::id).toList();
    }

    @Test
    void moreJobsThanTheLimitComeAsFullPagesEachReadOnceWithNoDuplicates() {
        addJobs(250, (i) -> JobRequest.of("noop"));
        Map<String, Object> first = JobSearch.page(this.listing, (jobs) -> jobs.stream().map(JobDescriptor::of).toList(), JobQuery.all().withLimit(100), null);
        assertThat(ids(first)).hasSize(100).startsWith("job-00000").endsWith("job-00099");
        assertThat(this.reads).containsExactly(100);
        assertThat(first.get("next")).isNotNull();
        assertThat(first.get("scanLimited")).isEqualTo(false);

        List<List<String>> pages = pages(JobQuery.all().withLimit(100), null);
        assertThat(pages).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(pages.stream().flatMap(List::stream))
            .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj((i) -> String.format("job-%05d", i)).toList());
    }

    @Test
    void aFilterThatMatchesOftenFillsPagesWithoutOverflowingThem() {
        addJobs(300, (i) -> i % 2 == 0 ? JobRequest.of("noop").paused() : JobRequest.of("noop"));
        // a read of 1,000 rows finds 150 paused jobs for a page of 7: read again, smaller, from the same cursor
        List<List<String>> pages = pages(JobQuery.all().withStates(JobState.PAUSED).withLimit(7), null);
        // 150 paused jobs: 21 full pages and one of 3
        assertThat(pages).hasSize(22);
        assertThat(pages.subList(0, 21)).allSatisfy((page) -> assertThat(page).hasSize(7));
        assertThat(pages.stream().flatMap(List::stream))
            .containsExactlyElementsOf(IntStream.range(0, 150).mapToObj((i) -> String.format("job-%05d", 2 * i)).toList());
    }

    @Test
    void aSearchFindsRareJobsByNameAcrossPagesOfTheListing() {
        addJobs(2_500, (i) -> JobRequest.of("noop").name(i % 100 == 42 ? "Nightly Needle " + i : "job " + i));
        List<List<String>> pages = pages(JobQuery.all().withLimit(10), "needle");
        assertThat(pages.stream().flatMap(List::stream))
            .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj((i) -> String.format("job-%05d", 100 * i + 42)).toList());
        assertThat(pages.get(0)).hasSize(10);
    }

    @Test
    void aSearchStopsAtTheReadBoundAndAnswersACursorToGoOn() {
        addJobs(JobSearch.MAX_READ + 5, (i) -> JobRequest.of("noop").name(i == JobSearch.MAX_READ + 2 ? "needle" : "hay"));
        Map<String, Object> first = JobSearch.page(this.listing, (jobs) -> jobs.stream().map(JobDescriptor::of).toList(), JobQuery.all().withLimit(50), "NEEDLE");
        assertThat(ids(first)).isEmpty();
        assertThat(first.get("scanLimited")).isEqualTo(true);
        assertThat(this.reads.stream().mapToInt(Integer::intValue).sum()).isEqualTo(JobSearch.MAX_READ);
        this.reads.clear();
        Map<String, Object> second = JobSearch.page(this.listing, (jobs) -> jobs.stream().map(JobDescriptor::of).toList(), JobQuery.all().withLimit(50).after((String) first.get("next")), "needle");
        assertThat(ids(second)).containsExactly(String.format("job-%05d", JobSearch.MAX_READ + 2));
        assertThat(second.get("next")).isNull();
        assertThat(second.get("scanLimited")).isEqualTo(false);
    }
}
