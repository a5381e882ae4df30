package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContractTests;
import io.kairos.scheduler.store.StoredJob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The job store contract and the JDBC store's own promises (broken rows kept, idempotent schema scripts), on one
 * database. Each subclass uses a table of its own, so test classes running in parallel do not collide.
 */
abstract class JdbcJobStoreContractTests extends JobStoreContractTests {

    /**
     * The data source of the database under test (shared by the class's tests).
     *
     * @return the data source
     */
    protected abstract DataSource dataSource();

    /**
     * The table this test class uses.
     *
     * @return a table name unique to the class
     */
    protected abstract String tableName();

    @Override
    protected boolean reportsLeaseHolders() {
        return true;
    }

    @Override
    protected JobStore createStore() {
        return new JdbcJobStore(dataSource(), JdbcJobStoreSettings.defaults().withTableName(tableName()).withCreateSchema(true));
    }

    /**
     * Runs SQL against the table.
     *
     * @param sql the statement, {@code %s} standing for the table
     * @param values bind values
     * @return the update count
     */
    protected int execute(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.formatted(tableName()))) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }

    private String column(String id, String column) throws SQLException {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + tableName() + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "<no row>";
            }
        }
    }

    /**
     * Writes a due row directly with SQL, bypassing the codec.
     *
     * @param id the id
     * @param json the job data
     */
    protected void insertRawRow(String id, String json) throws SQLException {
        execute("INSERT INTO %s (id, next_run_time, next_fire_time, state, version, job_data) VALUES (?, ?, ?, 'SCHEDULED', 1, " + jsonParameter() + ")",
                id, T0.minusSeconds(5).toEpochMilli(), T0.minusSeconds(5).toEpochMilli(), json);
    }

    /**
     * How a JSON value is bound in raw SQL.
     *
     * @return {@code ?}, or a cast where the column needs one
     */
    protected String jsonParameter() {
        return "?";
    }

    private String encoded(String id) {
        return codec().encode(job(id, T0.minusSeconds(5)));
    }

    @Test
    void isShared() {
        assertThat(this.store.isShared()).isTrue();
    }

    @Test
    void rowOfANewerFormatIsMarkedBrokenOnAcquisitionAndKept() throws SQLException {
        insertRawRow("future", encoded("future").replace("\"format\":1", "\"format\":999"));
        this.store.addJob(job("ok", T0.minusSeconds(1)), ConflictPolicy.ERROR);

        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).extracting(StoredJob::id, StoredJob::state)
                .containsExactly(tuple("ok", JobState.SCHEDULED), tuple("future", JobState.BROKEN));

        assertThat(column("future", "state")).isEqualTo("BROKEN");
        assertThat(column("future", "next_run_time")).isEqualTo("null");
        assertThat(column("future", "broken_reason")).contains("format 999");
        StoredJob broken = this.store.lookupJob("future").orElseThrow();
        assertThat(broken.state()).isEqualTo(JobState.BROKEN);
        assertThat(broken.brokenReason()).contains("format 999");
        assertThat(broken.task()).isEqualTo("orderService.cancelUnpaidOrder");
        assertThat(this.store.getAllJobs()).extracting(StoredJob::id).containsExactly("ok", "future");
        assertThat(this.store.acquireDueJobs(B, T0.plusSeconds(3600), 10, T0.plusSeconds(7200))).extracting(StoredJob::id)
                .containsExactly("ok");
    }

    @Test
    void rowWithAnInvalidTriggerSpecIsMarkedBrokenAndItsDataKept() throws SQLException {
        String json = encoded("bad").replace("\"type\":\"test\"", "\"type\":\"nope\"");
        insertRawRow("bad", json);
        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).singleElement().satisfies((job) -> {
            assertThat(job.state()).isEqualTo(JobState.BROKEN);
            assertThat(job.brokenReason()).startsWith("stored job 'bad' has an invalid trigger spec").contains("nope");
            assertThat(job.version()).isEqualTo(2);
        });
        assertThat(column("bad", "lease_owner")).isEqualTo("null");
        StoredJob broken = this.store.lookupJob("bad").orElseThrow();
        assertThat(broken.brokenReason()).contains("invalid trigger spec").contains("nope");
        assertThat(broken.trigger()).isNull();

        this.store.updateJob(broken.asBroken("still broken: " + broken.brokenReason()));
        assertThat(column("bad", "job_data")).contains("\"nope\"").contains("orderService.cancelUnpaidOrder");
        assertThat(column("bad", "broken_reason")).startsWith("still broken");

        this.store.updateJob(job("bad", T0.minusSeconds(1)));
        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).extracting(StoredJob::id).containsExactly("bad");
    }

    @Test
    void rowWithoutAnIdInItsJsonIsReportedUnderItsRowId() throws SQLException {
        insertRawRow("anonymous", encoded("anonymous").replace("\"id\":\"anonymous\",", ""));
        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).singleElement().satisfies((job) -> {
            assertThat(job.id()).isEqualTo("anonymous");
            assertThat(job.state()).isEqualTo(JobState.BROKEN);
            assertThat(job.brokenReason()).startsWith("stored job 'anonymous' lacks the required field 'id'");
        });
        assertThat(column("anonymous", "broken_reason")).doesNotContain("'null'");
    }

    @Test
    void schemaScriptRunsTwiceWithoutHarmToTheData() throws SQLException {
        this.store.addJob(job("kept", T0), ConflictPolicy.ERROR);
        TableName table = TableName.parse(tableName());
        try (Connection c = dataSource().getConnection()) {
            String databaseId = JdbcDialect.detect(c.getMetaData()).databaseId();
            SchemaScripts.run(c, databaseId, table);
            SchemaScripts.run(c, databaseId, table);
        }
        assertThat(this.store.lookupJob("kept")).isPresent();
    }

    @Test
    void leaseColumnsFollowAcquireAndRelease() throws SQLException {
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        StoredJob acquired = this.store.acquireDueJobs(A, T0, 1, T0.plusSeconds(60)).get(0);
        assertThat(column("a", "lease_owner")).isEqualTo(A);
        assertThat(column("a", "lease_until")).isEqualTo(Long.toString(T0.plusSeconds(60).toEpochMilli()));
        this.store.releaseJobs(A, List.of(io.kairos.scheduler.store.JobRelease.reschedule(acquired, T0.plusSeconds(9), T0.plusSeconds(9))));
        assertThat(column("a", "lease_owner")).isEqualTo("null");
        assertThat(column("a", "lease_until")).isEqualTo("null");
        assertThat(column("a", "next_run_time")).isEqualTo(Long.toString(T0.plusSeconds(9).toEpochMilli()));
    }

    @Test
    void nextRunTimeIsExactBeyondTheLeasedRowsItReadsFirst() throws SQLException {
        String json = encoded("x");
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(("INSERT INTO %s (id, next_run_time, "
                + "next_fire_time, state, version, lease_owner, lease_until, job_data) VALUES (?, ?, ?, 'SCHEDULED', 1, 'other', ?, "
                + jsonParameter() + ")").formatted(tableName()))) {
            // JobSql.LEASED_SCAN_LIMIT leased rows that fall due first but whose leases end late (read first in run-time
            // order), as many whose leases end first but which fall due late (read first in lease order) ...
            for (int i = 0; i < JobSql.LEASED_SCAN_LIMIT; i++) {
                leased(ps, "due-first-" + i, T0.plusMillis(1 + i), T0.plusSeconds(1000), json);
                leased(ps, "lease-ends-first-" + i, T0.plusSeconds(1000).plusMillis(1 + i), T0.plusMillis(1 + i), json);
            }
            // ... and one that falls due after the first and whose lease ends after the second, but is acquirable earliest
            leased(ps, "earliest", T0.plusSeconds(2), T0.plusSeconds(500), json);
            ps.executeBatch();
        }
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(500));
        execute("DELETE FROM %s WHERE id = ?", "earliest");
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(1000));
    }

    private static void leased(PreparedStatement ps, String id, Instant nextRunTime, Instant leaseUntil, String json) throws SQLException {
        ps.setString(1, id);
        ps.setLong(2, nextRunTime.toEpochMilli());
        ps.setLong(3, nextRunTime.toEpochMilli());
        ps.setLong(4, leaseUntil.toEpochMilli());
        ps.setString(5, json);
        ps.addBatch();
    }

    /**
     * Drops a table if it exists (test set-up only).
     *
     * @param dataSource the data source
     * @param table the table
     */
    static void dropTable(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP TABLE IF EXISTS " + TableName.parse(table).runs().qualified());
        }
    }

    /**
     * Opens a small connection pool for one test class and drops the test table left by an earlier run.
     *
     * @param url the JDBC URL
     * @param user the user, or {@code null} for none
     * @param password the password, or {@code null} for none
     * @param table the table the test class uses
     * @return the pool (at most 8 connections); the caller closes it
     * @throws SQLException when the table cannot be dropped
     */
    static com.zaxxer.hikari.HikariDataSource openPool(String url, String user, String password, String table) throws SQLException {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(8);
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config);
        dropTable(pool, table);
        return pool;
    }
}
