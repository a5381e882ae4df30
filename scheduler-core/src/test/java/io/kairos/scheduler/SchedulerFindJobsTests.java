package io.kairos.scheduler;

import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestJobCodecs;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code findJobs(JobQuery)}: pages over the stores by alias then id, filters, untrusted cursors, pending jobs; and
 * {@code printJobs} / {@code exportJobs} reading page by page, never every job at once.
 */
class SchedulerFindJobsTests extends SchedulerTestSupport {

    private Scheduler twoStores() {
        return build((b) -> b.jobStore("other", new MemoryJobStore()).executor("reports", new DirectJobExecutor()));
    }

    /** Every page of a listing: the ids of each page. */
    private List<List<String>> pages(JobQuery query) {
        List<List<String>> pages = new ArrayList<>();
        for (JobPage<Job> page = this.scheduler.findJobs(query); ; page = this.scheduler.findJobs(query.after(page.next()))) {
            pages.add(page.jobs().stream().map(Job::id).toList());
            if (page.next() == null) {
                return pages;
            }
        }
    }

    @Test
    void pagesGoThroughTheStoresByAliasEachInIdOrderAndFillAPageAcrossThem() {
        twoStores().start();
        for (String id : List.of("d7", "d1", "d5", "d3", "d2", "d6", "d4")) {
            this.scheduler.addJob(request(id));
        }
        for (String id : List.of("o3", "o1", "o5", "o2", "o4")) {
            this.scheduler.addJob(request(id).jobstore("other"));
        }
        assertThat(pages(JobQuery.all().withLimit(3))).containsExactly(List.of("d1", "d2", "d3"), List.of("d4", "d5", "d6"),
                List.of("d7", "o1", "o2"), List.of("o3", "o4", "o5"));
        assertThat(pages(JobQuery.all().inStore("other").withLimit(5))).containsExactly(List.of("o1", "o2", "o3", "o4", "o5"));
        JobPage<Job> first = this.scheduler.findJobs(JobQuery.all().withLimit(2));
        assertThat(first.jobs()).extracting(Job::id).containsExactly("d1", "d2");
        assertThat(first.jobs().get(0).jobstore()).isEqualTo("default");
    }

    @Test
    void filtersGoToTheStoresAndAPageMayComeBackShortButNotLast() {
        twoStores().start();
        this.scheduler.addJob(request("a-paused").paused());
        this.scheduler.addJob(request("b"));
        this.scheduler.addJob(request("c-report").executor("reports"));
        this.scheduler.addJob(JobRequest.of("noop").id("d-noop").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        this.scheduler.addJob(request("e-paused").paused().jobstore("other"));
        // the first page reads a-paused and b: short, not last; the second reads c and d, none paused, then goes on in 'other'
        assertThat(pages(JobQuery.all().withStates(JobState.PAUSED).withLimit(2))).containsExactly(List.of("a-paused"),
                List.of("e-paused"));
        assertThat(pages(JobQuery.all().withExecutor("reports")).stream().flatMap(List::stream)).containsExactly("c-report");
        assertThat(pages(JobQuery.all().withTask("noop")).stream().flatMap(List::stream)).containsExactly("d-noop");
        assertThat(pages(JobQuery.all().inStore("other").withStates(JobState.SCHEDULED))).containsExactly(List.of());
    }

    @Test
    void aCursorTheListingDidNotWriteIsRefusedNamingTheParameter() {
        twoStores().start();
        this.scheduler.addJob(request("a"));
        this.scheduler.addJob(request("b"));
        String next = this.scheduler.findJobs(JobQuery.all().withLimit(1)).next();
        assertThat(next).isNotNull();
        for (String bad : List.of("garbage", "k1.", "k1.!!.x", "k1.bm9wZQ.", "k1.ZGVmYXVsdA.x.y", "k1._w.")) {
            assertThatThrownBy(() -> this.scheduler.findJobs(JobQuery.all().after(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cursor '");
        }
        assertThatThrownBy(() -> this.scheduler.findJobs(JobQuery.all().after("k1.bm9wZQ.")))
                .hasMessageContaining("names job store 'nope', which this scheduler does not have");
        // 'default' and "a<NUL>b", then a NUL in the alias: PostgreSQL cannot take a NUL in a text
        assertThatThrownBy(() -> this.scheduler.findJobs(JobQuery.all().after("k1.ZGVmYXVsdA.YQBi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its position holds a NUL character (U+0000), which no job id or store alias may hold");
        assertThatThrownBy(() -> this.scheduler.findJobs(JobQuery.all().after("k1.AA.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its store holds a NUL character");
        assertThatThrownBy(() -> this.scheduler.findJobs(JobQuery.all().inStore("other").after(next)))
                .hasMessageContaining("belongs to a listing of job store 'default', not of 'other'");
        assertThatThrownBy(() -> this.scheduler.findJobs(JobQuery.all().inStore("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
        assertThat(this.scheduler.findJobs(JobQuery.all().after(next)).jobs()).extracting(Job::id).containsExactly("b");
    }

    @Test
    void aStoppedSchedulerPagesItsPendingJobsWithCursorsThatGoOnOnceStarted() {
        twoStores();
        for (String id : List.of("c", "a", "b")) {
            this.scheduler.addJob(request(id));
        }
        this.scheduler.addJob(request("z").jobstore("other"));
        JobPage<Job> first = this.scheduler.findJobs(JobQuery.all().withLimit(2));
        assertThat(first.jobs()).extracting(Job::id).containsExactly("a", "b");
        assertThat(first.jobs()).allMatch((job) -> job.toString().endsWith("pending)"));
        this.scheduler.start();
        assertThat(pages(JobQuery.all().withLimit(2).after(first.next()))).containsExactly(List.of("c", "z"));
    }

    @Test
    void printAndExportReadPageByPageAndNeverLoadEveryJob() {
        MemoryJobStore store = new MemoryJobStore() {
            @Override
            public List<StoredJob> getAllJobs() {
                throw new AssertionError("every job loaded at once");
            }
        };
        build((b) -> b.jobStore("default", store).jobCodec(TestJobCodecs.everyTriggers())).start();
        int count = JobQuery.MAX_LIMIT * 2 + 500;
        for (int i = 0; i < count; i++) {
            String id = String.format("job-%05d", i);
            this.scheduler.addJob(request(id).name(id));
        }
        StringBuilder printed = new StringBuilder();
        this.scheduler.printJobs(null, printed);
        List<String> lines = printed.toString().lines().toList();
        assertThat(lines).hasSize(count + 1).first().isEqualTo("Jobstore default:");
        assertThat(lines.get(1)).startsWith("    job-00000 ");
        assertThat(lines.get(count)).startsWith("    job-0" + (count - 1) + " ");
        StringWriter exported = new StringWriter();
        this.scheduler.exportJobs(null, exported);
        assertThat(exported.toString()).isEqualTo(this.scheduler.exportJobs(null));
        this.scheduler.removeAllJobs();
        assertThat(this.scheduler.importJobs(exported.toString(), "default", io.kairos.scheduler.store.ConflictPolicy.ERROR)).hasSize(count);
    }
}
