package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of acquisition and next run time on MariaDB (see {@link QueryPlanChecks}): a range scan of the run-time
 * index that returns rows in the query's order, without a filesort.
 */
class MariaDbQueryPlansIT extends QueryPlanChecks {

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", null);
    }

    @Override
    protected String databaseId() {
        return "mariadb";
    }

    @Override
    protected String tableName() {
        return "plan_kairos_jobs_mariadb_it";
    }

    @Override
    protected void insertFuture(Statement statement, int count) throws SQLException {
        statement.execute("SET SESSION max_recursive_iterations = " + (Math.max(count, DUE_JOBS) + 1));
        statement.execute("INSERT INTO " + tableName() + " (id, next_run_time, next_fire_time, state, version, job_data)"
                + " WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + count + ")"
                + " SELECT CONCAT('bg-', g), " + (DUE + 86_400_000L) + " + CRC32(g) % 2592000000, 0, 'SCHEDULED', 1, '{}' FROM s");
    }

    @Override
    protected void insertDue(Statement statement) throws SQLException {
        statement.execute("INSERT INTO " + tableName() + " (id, next_run_time, next_fire_time, state, version, job_data)"
                + " WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + DUE_JOBS + ")"
                + " SELECT CONCAT('job-', g), " + DUE + ", " + DUE + ", 'SCHEDULED', 1, '{}' FROM s");
    }

    @Override
    protected void analyze(Statement statement) throws SQLException {
        statement.execute("ANALYZE TABLE " + tableName());
    }

    @Override
    protected void checkPlans(Connection connection, JobSql sql, int futureJobs) throws SQLException {
        LockingSelectDialect dialect = (LockingSelectDialect) JdbcDialect.detect(connection.getMetaData());
        for (long now : new long[] { DUE - 1, NOW, DUE + 40L * 86_400_000L }) {
            String acquire = explain(connection, dialect.selectDueStatement(sql), now, now, 68);
            assertThat(acquire).as("acquisition at " + now).contains("key=" + runTimeIndex()).doesNotContain("filesort");
            String grouped = explain(connection, dialect.selectDueStatement(sql, 2), now, now, "default", "reports", 68);
            assertThat(grouped).as("acquisition by executor at " + now).contains("key=" + runTimeIndex()).doesNotContain("filesort");
        }
        String nextRunTimes = explain(connection, sql.nextRunTimes);
        assertThat(nextRunTimes).as("next run times").contains("key=" + runTimeIndex()).doesNotContain("filesort");
        assertThat(nextRunTimes.lines().filter((row) -> row.contains("table=" + tableName() + " ")))
                .as("next run times: how the table is read").isNotEmpty().noneMatch((row) -> row.contains("type=ALL"));
    }
}
