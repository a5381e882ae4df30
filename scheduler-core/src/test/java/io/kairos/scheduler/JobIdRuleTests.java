package io.kairos.scheduler;

import io.kairos.scheduler.internal.JobIds;
import io.kairos.scheduler.internal.JobsJson;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestJobCodecs;
import io.kairos.scheduler.testing.EveryTrigger;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The job id rule: an id a caller chooses is refused when it holds {@code /}, {@code \} or an ISO control
 * character (a job id is a path segment of the actuator and dashboard URLs, where Tomcat refuses an encoded slash or
 * backslash), at {@code addJob}, {@code addJobs} and {@code importJobs}; a job already stored with such an id still
 * loads, lists, and can be paused and removed.
 */
class JobIdRuleTests extends SchedulerTestSupport {

    private static final String RULE = "valid: 1 to 191 characters, not blank, not '.' or '..', without '/', '\\' or control characters"
            + " (U+0000 to U+001F, U+007F to U+009F), e.g. 'order-timeout-42'";

    @Test
    void addJobRefusesSlashBackslashAndControlCharactersNamingTheIdTheValueAndTheRule() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(request("reports/daily"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id 'reports/daily' is not a valid job id: it holds '/' at index 7 (a job id is a path segment of the"
                        + " actuator and dashboard URLs); " + RULE);
        assertThatThrownBy(() -> this.scheduler.addJob(request("a\\b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id 'a\\b' is not a valid job id: it holds '\\' at index 1");
        assertThatThrownBy(() -> this.scheduler.addJob(request("a\u0000b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id 'a\\u0000b' is not a valid job id: it holds the control character U+0000 at index 1");
        assertThatThrownBy(() -> this.scheduler.addJob(request("line\nbreak"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id 'line\\u000Abreak' is not a valid job id: it holds the control character U+000A");
        assertThatThrownBy(() -> this.scheduler.addJob(request("c1\u0085"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0085");
        assertThatThrownBy(() -> this.scheduler.addJob(request("x".repeat(192)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid job id: it is 192 characters long; " + RULE);
        assertThat(this.scheduler.getJobs()).isEmpty();
        // what stays allowed: dots, colons, spaces inside, '%', '?', '#', non-ASCII, 191 characters
        for (String id : List.of("reports.refresh", "...", ".hidden", "..x", "tenant:42 nightly", "50%?#", "Bestellung-Größe-日本", "x".repeat(191),
                JobIds.next())) {
            assertThat(this.scheduler.addJob(request(id)).id()).isEqualTo(id);
        }
    }

    @Test
    void addJobRefusesTheDotSegmentsThatClientsResolveAwayInAPath() {
        build().start();
        assertThatThrownBy(() -> this.scheduler.addJob(request("."))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id '.' is not a valid job id: it is a dot segment, which browsers and HTTP clients resolve away"
                        + " in a URL path (a job id is a path segment of the actuator and dashboard URLs); " + RULE);
        assertThatThrownBy(() -> this.scheduler.addJob(request(".."))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id '..' is not a valid job id: it is a dot segment");
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void addJobsAndImportJobsRefuseSuchIdsToo() {
        build((b) -> b.jobCodec(TestJobCodecs.everyTriggers())).start();
        JobsNotAddedException batch = catchThrowableOfType(JobsNotAddedException.class,
                () -> this.scheduler.addJobs(List.of(request("fine"), request("a/b"))));
        assertThat(batch.failures()).hasSize(1);
        assertThat(batch.failures().get(0).cause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id 'a/b' is not a valid job id");
        this.scheduler.removeJob("fine");

        this.scheduler.addJob(request("to-export"));
        String json = this.scheduler.exportJobs(null).replace("\"to-export\"", "\"to\\\\export\"");
        assertThat(json).contains("to\\\\export");
        this.scheduler.removeJob("to-export");
        JobsNotAddedException imported = catchThrowableOfType(JobsNotAddedException.class,
                () -> this.scheduler.importJobs(json, "default", ConflictPolicy.ERROR));
        assertThat(imported.failures().get(0).cause()).hasMessageStartingWith("id 'to\\export' is not a valid job id");
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void aJobStoredWithSuchAnIdStillLoadsListsPausesAndIsRemoved() {
        build((b) -> b.jobCodec(TestJobCodecs.everyTriggers())).start();
        this.scheduler.addJob(request("legacy"));
        String exported = this.scheduler.exportJobs(null);
        this.scheduler.removeJob("legacy");
        for (String id : List.of("legacy/report", "..")) {
            // written to the store as a job of an older version would be, past the id rule
            String json = exported.replace("\"legacy\"", "\"" + id + "\"");
            StoredJob stored = JobsJson.read(TestJobCodecs.everyTriggers(), json).get(0);
            this.scheduler.jobStores().get("default").addJob(stored, ConflictPolicy.ERROR);

            assertThat(this.scheduler.getJob(id)).isPresent();
            assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly(id);
            assertThat(this.scheduler.findJobs(JobQuery.all()).jobs()).extracting(Job::id).containsExactly(id);
            assertThat(this.scheduler.pauseJob(id).nextRunTime()).isEmpty();
            this.scheduler.removeJob(id);
            assertThat(this.scheduler.getJobs()).isEmpty();
        }
    }

    @Test
    void defaultIdsFollowTheRule() {
        build().start();
        for (int i = 0; i < 1000; i++) {
            String id = JobIds.next();
            assertThat(id).matches("[0-9a-v]{24}");
        }
        assertThat(this.scheduler.addJob(JobRequest.of("record").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE))).id())
                .doesNotContain("/", "\\");
    }
}
