package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LastRunsPlanChecks} on PostgreSQL, with custom and generic plans ({@code plan_cache_mode}): the ids array is
 * unnested and each id joined, {@code LATERAL}, to a backward scan of the job index limited to one row; no
 * sequential scan, no sort.
 */
class PostgresLastRunsPlanIT extends LastRunsPlanChecks {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", null);
    }

    @Override
    protected DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL);
        dataSource.setUser("postgres");
        return dataSource;
    }

    @Override
    protected String databaseId() {
        return "postgresql";
    }

    @Override
    protected TableName table() {
        return TableName.parse("h18_lastruns_kairos_jobs");
    }

    @Override
    protected void fill(Statement statement, String runs) throws SQLException {
        statement.execute("INSERT INTO " + runs + " (run_id, job_id, finished_at, outcome, run_data) SELECT lpad(g::text, 12, '0') || '-t', "
                + "'job-' || (g % " + JOBS + "), " + BASE + " + g, 'SUCCEEDED', " + details() + " FROM generate_series(1, " + RUNS + ") g");
    }

    @Override
    protected void analyze(Statement statement, String runs) throws SQLException {
        statement.execute("VACUUM ANALYZE " + runs);
    }

    @Override
    protected void checkPlan(Connection connection, JdbcLastRuns lastRuns, List<String> ids) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : lastRuns.sql(ids.size()).toCharArray()) {
            numbered.append(c == '?' ? "$" + (++n) : String.valueOf(c));
        }
        String array = "'{" + String.join(",", ids) + "}'";
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = " + mode);
                statement.execute("PREPARE last_runs AS " + numbered);
                try {
                    List<String> lines = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE last_runs(" + array + ", '" + JdbcRunHistory.LEASE_ROW + "')")) {
                        while (rs.next()) {
                            lines.add(rs.getString(1));
                        }
                    }
                    String plan = String.join("\n", lines);
                    assertThat(plan).as(mode + "\n" + plan).contains("Index Scan Backward using " + jobIndex() + " ")
                        .contains("Function Scan on unnest").contains("Limit").doesNotContain("Seq Scan").doesNotContain("Sort")
                        .doesNotContain("Bitmap");
                }
                finally {
                    statement.execute("DEALLOCATE last_runs");
                    statement.execute("RESET plan_cache_mode");
                }
            }
        }
    }
}
