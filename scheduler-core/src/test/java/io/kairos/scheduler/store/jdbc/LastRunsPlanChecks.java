package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.RunRecordCodec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "last run of each of these jobs" statement ({@link JdbcLastRuns}) on a run history table of
 * {@value #RUNS} runs over {@value #JOBS} jobs: each job is read on the job index in its order (newest first, one
 * row), never by scanning or sorting the table; and the answer holds each job's newest run. One subclass per
 * database reads the plan its own way.
 */
abstract class LastRunsPlanChecks {

    static final int JOBS = 1000;

    static final int RUNS = 50_000;

    /** The first finish time (epoch ms); run {@code g} (1 to {@value #RUNS}) of job {@code g % JOBS} finishes at {@code BASE + g}. */
    static final long BASE = 1_796_600_000_000L;

    private Connection connection;

    protected abstract Connection connect() throws SQLException;

    protected abstract DataSource dataSource();

    protected abstract String databaseId();

    protected abstract TableName table();

    /**
     * The {@code run_data} of every row: a record's details (the columns hold the rest), as an SQL string literal.
     *
     * @return the literal
     */
    protected static String details() {
        Instant at = Instant.ofEpochMilli(BASE);
        RunRecord template = new RunRecord("r", "j", "name", "tasks.work", "default", "pool", at, at, at, at, RunOutcome.SUCCEEDED, 1,
                "instance-1", null, null, false, false);
        return "'" + RunRecordCodec.writeDetails(template).replace("'", "''") + "'";
    }

    /** Inserts the {@value #RUNS} runs described at {@link #BASE}, with {@link #details()}. */
    protected abstract void fill(Statement statement, String runs) throws SQLException;

    protected abstract void analyze(Statement statement, String runs) throws SQLException;

    /**
     * Checks the plan of the statement of {@code ids} ({@link JdbcLastRuns#sql}) on the runs table.
     *
     * @param connection the connection
     * @param lastRuns the statement builder
     * @param ids the ids asked for, some without runs
     */
    protected abstract void checkPlan(Connection connection, JdbcLastRuns lastRuns, List<String> ids) throws SQLException;

    @BeforeEach
    void createTable() throws SQLException {
        this.connection = connect();
        this.connection.setAutoCommit(true);
        dropTables();
        SchemaScripts.run(this.connection, databaseId(), table());
        try (Statement statement = this.connection.createStatement()) {
            fill(statement, table().runs().qualified());
            analyze(statement, table().runs().qualified());
        }
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (this.connection != null && !this.connection.isClosed()) {
            try (Statement statement = this.connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table().runs().qualified());
                statement.execute("DROP TABLE IF EXISTS " + table().qualified());
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        if (this.connection != null) {
            this.connection.close();
        }
    }

    /** 100 ids: 90 jobs with runs, 10 without. */
    private static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 90; k++) {
            ids.add("job-" + (k * 11));
        }
        for (int k = 0; k < 10; k++) {
            ids.add("never-ran-" + k);
        }
        return ids;
    }

    @Test
    void eachJobIsReadOnTheJobIndexNewestFirstAndTheNewestRunComesBack() throws SQLException {
        JdbcDialect dialect = JdbcDialect.detect(this.connection.getMetaData());
        Transactions tx = new Transactions(dataSource(), "test", 10_000);
        JdbcLastRuns lastRuns = new JdbcLastRuns(table().runs().qualified(), tx, dialect);
        checkPlan(this.connection, lastRuns, ids());
        Map<String, RunRecord> newest = new JdbcRunHistory(table().runs(), tx, dialect).lastRuns(ids());
        assertThat(newest).hasSize(90);
        for (int k = 0; k < 90; k++) {
            int job = k * 11;
            long lastG = RUNS - ((RUNS - job) % JOBS);   // the greatest g <= RUNS with g % JOBS == job
            assertThat(newest.get("job-" + job).finishedAt().toEpochMilli()).as("job-" + job).isEqualTo(BASE + lastG);
        }
    }

    /** The index "runs of a job, newest first" of the runs table. */
    protected String jobIndex() {
        return table().runs().table() + "_job_idx";
    }
}
