package io.kairos.scheduler.boot.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.TaskAction;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LastRuns} over a page holding jobs of two stores (memory and H2), with the same job id in both: each job
 * shows the newest run of its own store.
 */
class LastRunsTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void eachJobShowsTheLastRunOfItsOwnStoreWhenTheIdIsInBoth() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lastruns_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1");
        try (Scheduler engine = Scheduler.builder().jobStore("default", new MemoryJobStore())
                .jobStore("db", new JdbcJobStore(h2, JdbcJobStoreSettings.defaults().withCreateSchema(true))).build()) {
            engine.taskRegistry().register("report", (TaskAction) () -> { });
            engine.start(true);
            for (String store : List.of("default", "db")) {
                engine.addJob(JobRequest.of("report").id("same").jobstore(store).trigger(Map.of("type", "interval", "hours", 1)));
            }
            engine.addJob(JobRequest.of("report").id("only-db").jobstore("db").trigger(Map.of("type", "interval", "hours", 1)));
            // the newer run of "same" is in the memory store: the H2 job must still show its own, older run
            engine.jobStores().get("default").runHistory().record(List.of(run("same", 30, RunOutcome.SUCCEEDED)));
            engine.jobStores().get("db").runHistory().record(List.of(run("same", 10, RunOutcome.SUCCEEDED),
                    run("only-db", 20, RunOutcome.SUCCEEDED)));
            JobScheduler scheduler = new JobScheduler(engine);
            List<Job> page = scheduler.getJobs();
            assertThat(page).hasSize(3);

            List<JobDescriptor> views = LastRuns.describeAll(scheduler, page);

            assertThat(views).extracting((view) -> view.jobstore() + "/" + view.id() + " "
                    + (view.lastRun() == null ? "none" : view.lastRun().outcome() + " " + view.lastRun().finishedAt()))
                .containsExactlyInAnyOrder("default/same SUCCEEDED " + T0.plusSeconds(30),
                        "db/same SUCCEEDED " + T0.plusSeconds(10), "db/only-db SUCCEEDED " + T0.plusSeconds(20));
        }
    }

    private static RunRecord run(String jobId, int secondsAfterT0, RunOutcome outcome) {
        Instant finished = T0.plusSeconds(secondsAfterT0);
        return new RunRecord(String.format("%012x-%s", finished.toEpochMilli(), jobId), jobId, "name", "report", "default",
                "default", finished.minusSeconds(2), finished.minusSeconds(1), finished.minusMillis(500), finished, outcome, 1,
                "node-1", null, null, false, false);
    }
}
