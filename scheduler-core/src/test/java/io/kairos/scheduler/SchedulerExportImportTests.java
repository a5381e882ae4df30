package io.kairos.scheduler;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.TestJobCodecs;
import io.kairos.scheduler.testing.EveryTrigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code exportJobs} / {@code importJobs}: the {"version":1,"jobs":[...]} JSON round trip.
 */
class SchedulerExportImportTests extends SchedulerTestSupport {

    @Test
    void exportThenImportIntoAnotherSchedulerKeepsEveryField() {
        build((b) -> b.jobCodec(TestJobCodecs.everyTriggers())).start();
        this.scheduler.addJob(JobRequest.of("record").id("a").name("A").args(1, "two").kwargs(Map.of("k", List.of(3)))
                .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)).misfireGraceTime(Duration.ofSeconds(30)).coalesce(false)
                .maxInstances(2).jitter(Duration.ofSeconds(4)));
        this.scheduler.addJob(JobRequest.of("record").id("b").trigger(new EveryTrigger(T0, MINUTE)).paused());
        String json = this.scheduler.exportJobs(null);
        assertThat(json).contains("\"version\" : 1").contains("\"jobs\"");
        List<Job> before = this.scheduler.getJobs();
        this.scheduler.shutdown();

        SchedulerExportImportTests other = new SchedulerExportImportTests();
        Scheduler target = other.build((b) -> b.jobCodec(TestJobCodecs.everyTriggers()));
        target.start();
        try {
            List<Job> imported = target.importJobs(json, "default", ConflictPolicy.ERROR);
            assertThat(imported).extracting(Job::id).containsExactly("a", "b");
            List<Job> after = target.getJobs();
            assertThat(after).hasSize(2);
            for (int i = 0; i < 2; i++) {
                Job was = before.get(i);
                Job now = after.get(i);
                assertThat(now.id()).isEqualTo(was.id());
                assertThat(now.name()).isEqualTo(was.name());
                assertThat(now.args()).isEqualTo(was.args());
                assertThat(now.kwargs()).isEqualTo(was.kwargs());
                assertThat(now.trigger()).isEqualTo(was.trigger());
                assertThat(now.misfireGraceTime()).isEqualTo(was.misfireGraceTime());
                assertThat(now.coalesce()).isEqualTo(was.coalesce());
                assertThat(now.maxInstances()).isEqualTo(was.maxInstances());
                assertThat(now.jitter()).isEqualTo(was.jitter());
                assertThat(now.nextRunTime()).isEqualTo(was.nextRunTime());
                assertThat(now.state()).isEqualTo(was.state());
            }
            JobsNotAddedException again = catchThrowableOfType(JobsNotAddedException.class,
                    () -> target.importJobs(json, "default", ConflictPolicy.ERROR));
            assertThat(again.failures()).extracting(JobsNotAddedException.Failure::jobId).containsExactly("a", "b");
            assertThat(again.failures()).extracting(JobsNotAddedException.Failure::cause).allMatch(ConflictingJobIdException.class::isInstance);
            assertThat(again.addedIds()).isEmpty();
        }
        finally {
            target.shutdown();
        }
    }

    @Test
    void importRejectsWhatIsNotAnExport() {
        build((b) -> b.jobCodec(TestJobCodecs.everyTriggers())).start();
        assertThatThrownBy(() -> this.scheduler.importJobs("{\"version\":2,\"jobs\":[]}", "default", ConflictPolicy.ERROR))
                .hasMessageContaining("'version' must be 1");
        assertThatThrownBy(() -> this.scheduler.importJobs("not json", "default", ConflictPolicy.ERROR))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> this.scheduler.importJobs("{\"version\":1}", "default", ConflictPolicy.ERROR))
                .hasMessageContaining("'jobs' must be an array");
    }

    @Test
    void exportNeedsAStartedScheduler() {
        build();
        assertThatThrownBy(() -> this.scheduler.exportJobs(null)).isInstanceOf(SchedulerNotRunningException.class);
    }
}
