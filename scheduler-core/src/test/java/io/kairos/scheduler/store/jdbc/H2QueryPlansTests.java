package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of acquisition and next run time on H2 (see {@link QueryPlanChecks}): the run-time index, read in the
 * query's order ({@code index sorted}).
 */
class H2QueryPlansTests extends QueryPlanChecks {

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:kairos_plan_tests;DB_CLOSE_DELAY=-1");
    }

    @Override
    protected String databaseId() {
        return "h2";
    }

    @Override
    protected String tableName() {
        return "plan_kairos_jobs";
    }

    @Override
    protected void insertFuture(Statement statement, int count) throws SQLException {
        statement.execute("INSERT INTO " + tableName() + " (id, next_run_time, next_fire_time, state, version, job_data)"
                + " SELECT 'bg-' || X, " + (DUE + 86_400_000L) + ""
                + " + MOD(X * 7919, 2592000000), 0, 'SCHEDULED', 1, '{}' FROM SYSTEM_RANGE(1, " + count + ")");
    }

    @Override
    protected void insertDue(Statement statement) throws SQLException {
        statement.execute("INSERT INTO " + tableName() + " (id, next_run_time, next_fire_time, state, version, job_data)"
                + " SELECT 'job-' || X, " + DUE + ", " + DUE + ", 'SCHEDULED', 1, '{}' FROM SYSTEM_RANGE(1, " + DUE_JOBS + ")");
    }

    @Override
    protected void analyze(Statement statement) throws SQLException {
        statement.execute("ANALYZE TABLE " + tableName());
    }

    @Override
    protected void checkPlans(Connection connection, JobSql sql, int futureJobs) throws SQLException {
        LockingSelectDialect dialect = (LockingSelectDialect) JdbcDialect.detect(connection.getMetaData());
        String index = runTimeIndex().toUpperCase(Locale.ROOT);
        for (long now : new long[] { DUE - 1, NOW, DUE + 40L * 86_400_000L }) {
            String acquire = explain(connection, dialect.selectDueStatement(sql), now, now, 68);
            assertThat(acquire).as("acquisition at " + now).contains(index).contains("index sorted");
            String grouped = explain(connection, dialect.selectDueStatement(sql, 2), now, now, "default", "reports", 68);
            assertThat(grouped).as("acquisition by executor at " + now).contains(index).contains("index sorted");
        }
        String nextRunTimes = explain(connection, sql.nextRunTimes);
        assertThat(nextRunTimes).as("next run times").contains(index).contains("index sorted");
    }
}
