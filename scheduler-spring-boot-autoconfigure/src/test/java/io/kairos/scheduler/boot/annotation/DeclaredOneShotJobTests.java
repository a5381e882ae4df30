package io.kairos.scheduler.boot.annotation;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A declared one-shot ({@code @ScheduledJob(date = ...)}) job in a store that outlives the application (H2, jdbc
 * store, shared by the contexts that the test starts one after another): it runs once across restarts; a new date
 * runs it once more. The restarts that check "not added again" start paused, so that a job wrongly added again would
 * still be there to see instead of having run.
 */
class DeclaredOneShotJobTests {

    static final AtomicInteger RUNS = new AtomicInteger();

    private final String database = "oneshot_" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, KairosAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1",
                "kairos.jobstores.default.type=jdbc", "kairos.jobstores.default.table-name=" + this.database);

    @BeforeEach
    void resetRuns() {
        RUNS.set(0);
    }

    @Test
    void declaredOneShotJobRunsOnceAcrossRestartsAndAgainOnlyForANewDate() {
        runToTheEnd(MigrationV1.class, 1);
        assertNotAddedAgain(MigrationV1.class, "2026-01-01T00:00:00Z");
        assertNotAddedAgain(MigrationV1.class, "2026-01-01T00:00:00Z");

        this.runner.withBean("migration", MigrationV2.class).withPropertyValues("kairos.start-paused=true").run((context) -> {
            assertThat(context).hasNotFailed();
            Job job = context.getBean(JobScheduler.class).getJob("migrate").orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
            assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        });
        runToTheEnd(MigrationV2.class, 2);
        assertNotAddedAgain(MigrationV2.class, "2026-02-01T00:00:00Z");
        assertThat(RUNS).hasValue(2);
    }

    private void runToTheEnd(Class<?> bean, int runs) {
        this.runner.withBean("migration", bean).run((context) -> {
            assertThat(context).hasNotFailed();
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            await().until(() -> RUNS.get() == runs && scheduler.getJob("migrate").isEmpty());
        });
    }

    private void assertNotAddedAgain(Class<?> bean, String ranAt) {
        this.runner.withBean("migration", bean).withPropertyValues("kairos.start-paused=true").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class).getJob("migrate")).isEmpty();
            JobStore store = context.getBean(JobScheduler.class).engine().jobStores().get("default");
            StoredJob marker = store.lookupFinished("migrate").orElseThrow();
            assertThat(marker.state()).isEqualTo(JobState.FINISHED);
            assertThat(marker.trigger().toSpec()).containsEntry("run_date", ranAt);
        });
    }

    public static class MigrationV1 {

        @ScheduledJob(id = "migrate", date = "2026-01-01T00:00:00Z")
        public void migrate() {
            RUNS.incrementAndGet();
        }
    }

    public static class MigrationV2 {

        @ScheduledJob(id = "migrate", date = "2026-02-01T00:00:00Z")
        public void migrate() {
            RUNS.incrementAndGet();
        }
    }
}
