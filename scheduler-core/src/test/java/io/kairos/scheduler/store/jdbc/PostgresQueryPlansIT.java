package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of acquisition, next run time and release on PostgreSQL (see {@link QueryPlanChecks}), with custom
 * plans (the parameters' values visible to the planner) and generic ones (what a server-side prepared statement
 * may switch to after five executions).
 */
class PostgresQueryPlansIT extends QueryPlanChecks {

    private static final String JOB_DATA = "'{\"data\": \"" + "x".repeat(100) + "\"}'::jsonb";

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
    }

    @Override
    protected String databaseId() {
        return "postgresql";
    }

    @Override
    protected String tableName() {
        return "plan_kairos_jobs_pg_it";
    }

    @Override
    protected void insertFuture(Statement statement, int count) throws SQLException {
        statement.execute("INSERT INTO " + tableName() + " (id, next_run_time, next_fire_time, state, version, job_data) SELECT 'bg-' || g, "
                + (DUE + 86_400_000L) + " + (hashint4(g)::bigint & 2147483647) % 2592000000, 0, 'SCHEDULED', 1, " + JOB_DATA
                + " FROM generate_series(1, " + count + ") g");
    }

    @Override
    protected void insertDue(Statement statement) throws SQLException {
        statement.execute("INSERT INTO " + tableName() + " (id, next_run_time, next_fire_time, state, version, job_data) SELECT 'job-' || g, "
                + DUE + ", " + DUE + ", 'SCHEDULED', 1, " + JOB_DATA + " FROM generate_series(1, " + DUE_JOBS + ") g");
    }

    @Override
    protected void analyze(Statement statement) throws SQLException {
        statement.execute("VACUUM ANALYZE " + tableName());
    }

    @Override
    protected void checkPlans(Connection connection, JobSql sql, int futureJobs) throws SQLException {
        String naive = "SELECT id FROM " + tableName() + " WHERE next_run_time <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                + " ORDER BY next_run_time, id LIMIT ? FOR UPDATE SKIP LOCKED";
        assertThat(explain(connection, naive, NOW, NOW, 68)).as("the state misleads the planner when it sees the time")
                .contains("Bitmap Heap Scan", "Sort");
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = " + mode);
            }
            String acquire = explain(connection, PostgresDialect.acquireStatement(sql), "owner", NOW + 30_000, NOW, NOW, 68);
            assertOrderedIndexScan(mode + " acquisition", acquire);
            assertThat(acquire).as(mode + " acquisition").contains("Index Scan using " + tableName() + "_pkey");
            // an instance's executors (worker groups) filter the same ordered scan
            String grouped = explain(connection, PostgresDialect.acquireStatement(sql, 2), "owner", NOW + 30_000, NOW, NOW, "default",
                    "reports", 68);
            assertOrderedIndexScan(mode + " acquisition by executor", grouped);
            // the first unleased row: the ordered index scan; the leased rows before it: a range of the run-time
            // index that holds only leased rows (bounded by the jobs running), which may be read as a bitmap
            String nextRunTimes = explain(connection, sql.nextRunTimes);
            assertThat(nextRunTimes.lines().filter((row) -> row.contains("Filter: (lease_owner IS NULL)")).count())
                    .as(mode + " next run times").isEqualTo(1);
            assertThat(nextRunTimes).as(mode + " next run times").containsPattern("Index Scan using " + runTimeIndex()
                    + "[^\n]*\n[^\n]*Index Cond: \\(next_run_time IS NOT NULL\\)\n[^\n]*Filter: \\(lease_owner IS NULL\\)")
                    .doesNotContain("Seq Scan");
            String release = explain(connection, releaseStatement(sql), releaseParameters(connection));
            assertThat(release).as(mode + " release").contains("Index Scan using " + tableName() + "_pkey")
                    .doesNotContain("Seq Scan on " + tableName());
        }
    }

    private void assertOrderedIndexScan(String what, String plan) {
        assertThat(plan).as(what).contains("Index Scan using " + runTimeIndex()).doesNotContain("Sort")
                .doesNotContain("Bitmap").doesNotContain("Seq Scan");
    }

    private static String releaseStatement(JobSql sql) {
        return new PgWrites(sql, "plan_channel", "scheduler-1").releaseStatement();
    }

    // a release of 68 jobs: the first half finished, the others rescheduled a minute later
    private Object[] releaseParameters(Connection connection) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM " + tableName() + " WHERE id LIKE 'job-%' ORDER BY id LIMIT 68")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        int n = ids.size();
        Long[] versions = new Long[n];
        Boolean[] removes = new Boolean[n];
        Long[] nextRunTimes = new Long[n];
        for (int i = 0; i < n; i++) {
            versions[i] = 1L;
            removes[i] = i < n / 2;
            nextRunTimes[i] = removes[i] ? null : NOW + 60_000;
        }
        String[] states = new String[n];
        for (int i = 0; i < n; i++) {
            states[i] = removes[i] ? null : "SCHEDULED";
        }
        return new Object[] { connection.createArrayOf("varchar", ids.toArray()), connection.createArrayOf("bigint", versions),
                connection.createArrayOf("bool", removes), connection.createArrayOf("bigint", nextRunTimes),
                connection.createArrayOf("bigint", nextRunTimes), connection.createArrayOf("varchar", states), "owner", "owner", "owner",
                "plan_channel", "scheduler-1" };
    }
}
