package io.kairos.scheduler;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.task.SampleJobs;
import io.kairos.scheduler.task.Tasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job in the real PostgreSQL whose arguments were edited by hand so that they no longer bind to its task: the
 * scheduler that acquires it marks it broken in the table, publishes {@link JobBroken} naming the job, the task and
 * what does not fit, and never runs it; a job beside it whose arguments bind goes on running.
 */
class StoredArgumentsPostgresIT extends SchedulerTestSupport {

    private static final String TABLE = "kairos_jobs_stored_args_it";

    private static final String CANCEL = Tasks.ref(SampleJobs.class, "cancel");

    private HikariDataSource pg;

    @BeforeEach
    void connect() throws SQLException {
        this.pg = new HikariDataSource();
        this.pg.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        this.pg.setUsername("postgres");
        this.pg.setMaximumPoolSize(4);
        sql("DROP TABLE IF EXISTS " + TABLE);
    }

    @AfterEach
    void dropTable() throws SQLException {
        closeScheduler();
        sql("DROP TABLE IF EXISTS " + TABLE);
        this.pg.close();
    }

    @Test
    void aRowWhoseArgumentsWereEditedSoTheyNoLongerBindIsMarkedBrokenAndNeverRun() throws SQLException {
        JdbcJobStore store = new JdbcJobStore(this.pg, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true));
        build((b) -> b.allowTaskPackages(SampleJobs.class.getPackageName()).jobStore("default", store)).start();
        Map<String, Object> everyMinute = Map.of("type", "interval", "minutes", 1, "start_date", T0.plus(MINUTE).toString());
        this.scheduler.addJob(JobRequest.of(CANCEL).id("edited").args(42, true).trigger(everyMinute));
        this.scheduler.addJob(JobRequest.of(CANCEL).id("untouched").args(7, false).trigger(everyMinute));

        sql("UPDATE " + TABLE + " SET job_data = jsonb_set(job_data, '{args}', '[\"forty-two\", true]') WHERE id = 'edited'");
        advance(MINUTE);

        JobBroken broken = awaitEvents(JobBroken.class, 1).get(0);
        assertThat(broken.jobId()).isEqualTo("edited");
        assertThat(broken.jobstore()).isEqualTo("default");
        assertThat(broken.reason()).startsWith("the stored arguments of job 'edited' do not fit its task '" + CANCEL + "': task '"
                + CANCEL + "' expects (long orderId, boolean notify); argument 'orderId' (position 0) = \"forty-two\" (String)"
                + " does not convert to long");
        await().until(() -> this.events.of(JobExecuted.class).size() == 1);
        assertThat(this.events.of(JobExecuted.class).get(0).returnValue()).isEqualTo("cancelled 7");
        assertThat(stateAndReason("edited")).isEqualTo("BROKEN " + broken.reason());
        Job job = this.scheduler.getJob("edited").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.BROKEN);
        assertThat(job.brokenReason()).hasValue(broken.reason());

        advance(MINUTE);
        // the broken row has no next run time: nothing acquires it again
        await().until(() -> this.events.of(JobExecuted.class).size() == 2);
        assertThat(this.events.of(JobSubmitted.class)).extracting(JobSubmitted::jobId).containsOnly("untouched");
        assertThat(this.events.of(JobFailed.class)).isEmpty();
        assertThat(this.events.of(JobBroken.class)).hasSize(1);
    }

    private String stateAndReason(String id) throws SQLException {
        try (Connection c = this.pg.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT state, broken_reason FROM " + TABLE + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1) + " " + rows.getString(2);
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = this.pg.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
