package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plans of the job store's hot statements on a real server, on a table in the state that misled PostgreSQL:
 * statistics gathered while every stored job was in the future (a day to a month ahead), then 20,000 jobs due at
 * the same instant added, and the due query run while they are overdue. Each database's subclass says how to fill the
 * table and which plan is expected: the ordered scan of the run-time index, never a sort of every due row.
 */
abstract class QueryPlanChecks {

    /** When the burst's jobs are due, epoch milliseconds. */
    static final long DUE = 1_000_000_000_000L;

    /**
     * The time the due query runs at: 1,000 s after the burst's jobs fell due (a scheduler catching up on a
     * backlog), when the statistics' histogram puts a handful of rows before it.
     */
    static final long NOW = DUE + 1_000_000;

    static final int DUE_JOBS = 20_000;

    /** How many jobs one acquisition asks for in the checks. */
    static final int LIMIT = 68;

    /** A page of the job listing in the checks: the actuator's default of 100, plus the row that tells a next page exists. */
    static final int PAGE_ROWS = 101;

    /**
     * A statement with its parameters bound.
     *
     * @param what what it does, for failure messages
     * @param sql the statement
     * @param parameters its parameters
     */
    record Bound(String what, String sql, Object... parameters) {
    }

    protected abstract Connection connect() throws SQLException;

    protected abstract String databaseId();

    protected abstract String tableName();

    /** Inserts {@code count} jobs due a day to a month after {@link #DUE}, ids {@code bg-<n>}. */
    protected abstract void insertFuture(Statement statement, int count) throws SQLException;

    /** Inserts {@link #DUE_JOBS} jobs all due at {@link #DUE}, ids {@code job-<n>}. */
    protected abstract void insertDue(Statement statement) throws SQLException;

    protected abstract void analyze(Statement statement) throws SQLException;

    /** Checks the plans of the statements on the table filled as described above. */
    protected abstract void checkPlans(Connection connection, JobSql sql, int futureJobs) throws SQLException;

    @ParameterizedTest(name = "{0} future jobs")
    @ValueSource(ints = { 10_000, 100_000 })
    void hotStatementsKeepTheirPlans(int futureJobs) throws SQLException {
        TableName table = TableName.parse(tableName());
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table.qualified());
            SchemaScripts.run(connection, databaseId(), table);
            try {
                insertFuture(statement, futureJobs);
                analyze(statement);
                insertDue(statement);
                checkPlans(connection, new JobSql(table, JdbcDialect.detect(connection.getMetaData())), futureJobs);
            }
            finally {
                statement.execute("DROP TABLE IF EXISTS " + table.qualified());
            }
        }
    }

    /**
     * The statements that write leased jobs by id, with parameters that name due jobs: the lease an acquisition takes
     * on the rows it selected, and each statement of a release on the JDBC-batch path (MariaDB, MySQL, H2).
     */
    static List<Bound> writesById(JobSql sql) {
        Object[] lease = new Object[2 + 3 * LIMIT + 2];
        lease[0] = "owner";
        lease[1] = NOW + 30_000;
        for (int i = 0; i < LIMIT; i++) {
            lease[2 + i] = "job-" + (i + 1);
            lease[2 + LIMIT + 2 * i] = "job-" + (i + 1);
            lease[3 + LIMIT + 2 * i] = 1L;
        }
        lease[lease.length - 2] = NOW;
        lease[lease.length - 1] = NOW;
        return List.of(new Bound("lease of the selected rows", LockingSelectDialect.leaseStatement(sql, LIMIT), lease),
                new Bound("lease extension", sql.extendLease, NOW + 60_000, "job-5", "owner"),
                new Bound("release: delete", sql.releaseDelete, "job-1", "owner", 1L),
                new Bound("release: reschedule", sql.releaseReschedule, NOW + 60_000, NOW + 60_000, "SCHEDULED", "job-2", "owner", 1L),
                new Bound("release: drop the lease", sql.releaseDropLease, "job-3", "owner"),
                new Bound("release: retry data", sql.releaseData, "{}", "job-4", "owner", 1L));
    }

    /** The job listing's page statements: the first page, and one from the middle of the background jobs' ids. */
    static List<Bound> pages(JobSql sql) {
        return List.of(new Bound("first page", sql.selectPage, PAGE_ROWS), new Bound("middle page", sql.selectPageAfter, "bg-5", PAGE_ROWS));
    }

    /** The index on {@code (next_run_time, id)} the schema script creates. */
    String runTimeIndex() {
        return TableName.parse(tableName()).table() + "_next_run_time_idx";
    }

    /**
     * Runs {@code EXPLAIN} on a statement with its parameters bound.
     *
     * @return every row of the plan, each row's columns joined by {@code |}, rows by new lines
     */
    static String explain(Connection connection, String statement, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN " + statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<String> columns = new ArrayList<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        columns.add(meta.getColumnLabel(c) + "=" + rs.getString(c));
                    }
                    rows.add(String.join(" | ", columns));
                }
            }
            return String.join("\n", rows);
        }
    }
}
