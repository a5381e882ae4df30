package io.kairos.scheduler;

import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.task.TaskFunction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A one-shot job whose id the caller chose runs once per id across restarts and instances sharing the real
 * PostgreSQL store, when it is added with {@link ConflictPolicy#KEEP_EXISTING} at every start-up.
 */
class OneShotOncePerIdIT extends SchedulerTestSupport {

    private static final String TABLE = "kairos_jobs_once_it";

    private HikariDataSource pg;

    @BeforeEach
    void openDatabase() throws SQLException {
        this.pg = new HikariDataSource();
        this.pg.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        this.pg.setUsername("postgres");
        this.pg.setMaximumPoolSize(6);
        sql("DROP TABLE IF EXISTS " + TABLE);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        if (this.scheduler != null) {
            this.scheduler.close();
        }
        sql("DROP TABLE IF EXISTS " + TABLE);
        this.pg.close();
    }

    private JdbcJobStore store() {
        return new JdbcJobStore(this.pg, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true));
    }

    private JobRequest oneShot(String id, Instant date) {
        JobRequest request = JobRequest.of("record").trigger(Map.of("type", "date", "run_date", date.toString())).args(id == null ? "generated" : id)
                .conflictPolicy(ConflictPolicy.KEEP_EXISTING);
        return id == null ? request : request.id(id);
    }

    /**
     * Starts a scheduler on the table, adds a one-shot job as start-up code would, and waits until the runs are as
     * expected (and stay so for a moment, long enough for a due job to run on the direct executor).
     */
    private void startAndAdd(Instant date, String id, int expectedRuns) {
        build((b) -> b.jobStore("default", store()));
        this.scheduler.start();
        this.scheduler.addJob(oneShot(id, date));
        awaitRuns(expectedRuns);
        this.scheduler.close();
    }

    private void awaitRuns(int expected) {
        await().until(() -> this.runs.size() >= expected);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> this.runs.size() == expected);
    }

    @Test
    void aOneShotWithAChosenIdRunsOnceAcrossRestartsAndAgainOnlyForANewDate() {
        Instant past = T0.minus(Duration.ofDays(300));
        startAndAdd(past, "welcome-mail", 1);
        startAndAdd(past, "welcome-mail", 1);
        startAndAdd(past, "welcome-mail", 1);
        assertThat(this.runs).containsExactly(List.of("welcome-mail"));

        build((b) -> b.jobStore("default", store()));
        this.scheduler.start();
        Job kept = this.scheduler.addJob(oneShot("welcome-mail", past));
        assertThat(kept.state()).isEqualTo(JobState.FINISHED);
        assertThat(this.scheduler.getJob("welcome-mail")).isEmpty();
        assertThat(this.scheduler.getJobs()).noneMatch((job) -> job.id().equals("welcome-mail"));
        // the code asks for a new date: replacing the marker schedules it again
        this.scheduler.addJob(oneShot("welcome-mail", past.plusSeconds(60)).conflictPolicy(ConflictPolicy.REPLACE));
        awaitRuns(2);
    }

    @Test
    void oneShotsWithChosenIdsAddedInABatchRunOnceAcrossRestarts() {
        Instant past = T0.minus(Duration.ofDays(300));
        for (int start = 0; start < 3; start++) {
            build((b) -> b.jobStore("default", store()));
            this.scheduler.start();
            this.scheduler.addJobs(List.of(oneShot("welcome-mail", past), oneShot("first-invoice", past)));
            awaitRuns(2);
            this.scheduler.close();
        }
        assertThat(this.runs).containsExactlyInAnyOrder(List.of("welcome-mail"), List.of("first-invoice"));

        build((b) -> b.jobStore("default", store()));
        this.scheduler.start();
        List<Job> kept = this.scheduler.addJobs(List.of(oneShot("welcome-mail", past), oneShot("first-invoice", past)));
        assertThat(kept).extracting(Job::state).containsExactly(JobState.FINISHED, JobState.FINISHED);
        assertThat(this.scheduler.getJobs()).isEmpty();
        // a batch under ERROR replaces the markers: both run again
        this.scheduler.addJobs(List.of(oneShot("welcome-mail", past).conflictPolicy(ConflictPolicy.ERROR),
                oneShot("first-invoice", past).conflictPolicy(ConflictPolicy.ERROR)));
        awaitRuns(4);
    }

    @Test
    void aOneShotWithAGeneratedIdIsDeletedAsBefore() {
        startAndAdd(T0.minusSeconds(60), null, 1);
        startAndAdd(T0.minusSeconds(60), null, 2);
    }

    @Test
    void twoInstancesAddingTheSameOneShotRunItOnce() {
        AtomicInteger otherRuns = new AtomicInteger();
        build((b) -> b.jobStore("default", store()));
        Scheduler other = Scheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC).executor("default", new DirectJobExecutor())
                .jobStore("default", store()).schedulerId("other-instance").build();
        other.taskRegistry().register("record", (TaskFunction) (args, kwargs) -> otherRuns.incrementAndGet());
        try {
            this.scheduler.start();
            other.start();
            Instant due = T0.minusSeconds(30);
            this.scheduler.addJob(oneShot("invoice-7", due));
            other.addJob(oneShot("invoice-7", due));
            other.wakeup();
            await().until(() -> this.runs.size() + otherRuns.get() >= 1);
            this.scheduler.close();
            // the first instance restarts and adds it again as its start-up code does
            build((b) -> b.jobStore("default", store()));
            this.scheduler.start();
            this.scheduler.addJob(oneShot("invoice-7", due));
            other.addJob(oneShot("invoice-7", due));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> this.runs.size() + otherRuns.get() == 1);
        }
        finally {
            other.close();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = this.pg.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
