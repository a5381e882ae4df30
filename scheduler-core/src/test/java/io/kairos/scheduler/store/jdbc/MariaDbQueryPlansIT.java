package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the hot statements on MariaDB (see {@link QueryPlanChecks}), read as JSON: acquisition and next run
 * time read the run-time index in the query's order (no filesort, no more rows than asked for, counted by
 * {@code ANALYZE}); the lease and the release statements find their rows through the primary key; a page of the job
 * listing reads at most one page of the primary key.
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

    /**
     * InnoDB's statistics and the engine-independent ones with histograms ({@code PERSISTENT FOR ALL}), which the
     * optimizer reads by default ({@code use_stat_tables=PREFERABLY_FOR_QUERIES}, condition selectivity 4): both
     * then describe only future jobs.
     */
    @Override
    protected void analyze(Statement statement) throws SQLException {
        statement.execute("ANALYZE TABLE " + tableName() + " PERSISTENT FOR ALL");
    }

    @Override
    protected void checkPlans(Connection connection, JobSql sql, int futureJobs) throws SQLException {
        LockingSelectDialect dialect = (LockingSelectDialect) JdbcDialect.detect(connection.getMetaData());
        for (long now : new long[] { DUE - 1, NOW, DUE + 40L * 86_400_000L }) {
            // ANALYZE runs the select (autocommit: its locks end with it) and counts the rows each step read
            assertOrderedScan("acquisition at " + now, MariaDbPlan.analyze(connection, dialect.selectDueStatement(sql), now, now, LIMIT));
            assertOrderedScan("acquisition by executor at " + now,
                    MariaDbPlan.analyze(connection, dialect.selectDueStatement(sql, 2), now, now, "default", "reports", LIMIT));
        }
        MariaDbPlan nextRunTimes = MariaDbPlan.analyze(connection, sql.nextRunTimes);
        assertThat(nextRunTimes.sorts()).as("next run times sort in\n" + nextRunTimes.text()).isFalse();
        assertThat(nextRunTimes.of(tableName())).as("next run times: how the table is read in\n" + nextRunTimes.text()).isNotEmpty()
                .noneMatch((access) -> access.accessType().equals("ALL") || access.actualRows() > 1)
                .anyMatch((access) -> access.key().equals(runTimeIndex()));
        for (QueryPlanChecks.Bound write : writesById(sql)) {
            MariaDbPlan plan = MariaDbPlan.explain(connection, write.sql(), write.parameters());
            assertThat(plan.of(tableName())).as(write.what() + " in\n" + plan.text()).singleElement()
                    .matches((access) -> access.key().equals("PRIMARY") && access.accessType().equals("range")
                            && access.rows() <= LIMIT, "a range of the primary key over at most the ids given");
        }
        for (QueryPlanChecks.Bound page : pages(sql)) {
            MariaDbPlan plan = MariaDbPlan.analyze(connection, page.sql(), page.parameters());
            assertThat(plan.sorts()).as(page.what() + " sorts in\n" + plan.text()).isFalse();
            assertThat(plan.of(tableName())).as(page.what() + " in\n" + plan.text()).singleElement()
                    .matches((access) -> access.key().equals("PRIMARY") && access.actualRows() <= PAGE_ROWS,
                            "the primary key, read for at most one page");
        }
    }

    // the run-time index read in the query's order: no sort, and no more rows read than the limit (every due row is
    // unleased and matches the executor filter)
    private void assertOrderedScan(String what, MariaDbPlan plan) {
        assertThat(plan.sorts()).as(what + " sorts in\n" + plan.text()).isFalse();
        assertThat(plan.of(tableName())).as(what + " in\n" + plan.text()).singleElement()
                .matches((access) -> access.key().equals(runTimeIndex()) && access.actualRows() <= LIMIT,
                        "the run-time index, at most " + LIMIT + " rows read");
    }
}
