package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the hot statements on H2 (see {@link QueryPlanChecks}): acquisition and next run time read the
 * run-time index in the query's order ({@code index sorted}), acquisition no more rows than asked for (the
 * {@code scanCount} of {@code EXPLAIN ANALYZE}); the lease and the release statements find their rows through the
 * primary key; a page of the job listing reads at most one page of the primary key.
 */
class H2QueryPlansTests extends QueryPlanChecks {

    private static final Pattern SCAN_COUNT = Pattern.compile("/\\* scanCount: (\\d+) \\*/");

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
            String acquire = explain(connection, "ANALYZE " + dialect.selectDueStatement(sql), now, now, LIMIT);
            assertThat(acquire).as("acquisition at " + now).contains(index).contains("index sorted");
            assertScannedAtMost("acquisition at " + now, acquire, LIMIT + 1);
            String grouped = explain(connection, "ANALYZE " + dialect.selectDueStatement(sql, 2), now, now, "default", "reports", LIMIT);
            assertThat(grouped).as("acquisition by executor at " + now).contains(index).contains("index sorted");
            assertScannedAtMost("acquisition by executor at " + now, grouped, LIMIT + 1);
        }
        String nextRunTimes = explain(connection, sql.nextRunTimes);
        assertThat(nextRunTimes).as("next run times").contains(index).contains("index sorted");
        Pattern byKey = Pattern.compile("\"PUBLIC\".\"" + tableName().toUpperCase(Locale.ROOT) + "\"\\s*/\\* PUBLIC.PRIMARY_KEY_\\w+: ID ");
        for (QueryPlanChecks.Bound write : writesById(sql)) {
            assertThat(explain(connection, write.sql(), write.parameters())).as(write.what() + ": found through the primary key")
                    .containsPattern(byKey);
        }
        for (QueryPlanChecks.Bound page : pages(sql)) {
            String plan = explain(connection, "ANALYZE " + page.sql(), page.parameters());
            assertThat(plan).as(page.what()).contains("PUBLIC.PRIMARY_KEY_").contains("index sorted");
            assertScannedAtMost(page.what(), plan, PAGE_ROWS + 1);
        }
    }

    // H2's EXPLAIN ANALYZE writes /* scanCount: n */ under each table it read: the rows it looked at there, plus one
    private static void assertScannedAtMost(String what, String plan, int rows) {
        Matcher scan = SCAN_COUNT.matcher(plan);
        int scans = 0;
        while (scan.find()) {
            scans++;
            assertThat(Integer.parseInt(scan.group(1))).as(what + ": rows scanned in\n" + plan).isLessThanOrEqualTo(rows);
        }
        assertThat(scans).as(what + ": scan counts in\n" + plan).isPositive();
    }
}
