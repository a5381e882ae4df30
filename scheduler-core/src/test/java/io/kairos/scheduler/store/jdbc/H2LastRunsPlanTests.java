package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LastRunsPlanChecks} on H2: every branch reads the job index for its one job, looking at no more than that
 * job's runs ({@code scanCount} of {@code EXPLAIN ANALYZE}), never the table. H2 does not read an ascending index
 * backwards for {@code ORDER BY ... DESC}, so it sorts each job's runs (bounded by {@code max-runs-per-job}), as it
 * does for "runs of a job".
 */
class H2LastRunsPlanTests extends LastRunsPlanChecks {

    private static final String URL = "jdbc:h2:mem:kairos_last_runs_plan;DB_CLOSE_DELAY=-1";

    private static final Pattern SCAN_COUNT = Pattern.compile("/\\* scanCount: (\\d+) \\*/");

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(URL);
    }

    @Override
    protected DataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(URL);
        return dataSource;
    }

    @Override
    protected String databaseId() {
        return "h2";
    }

    @Override
    protected TableName table() {
        return TableName.parse("lastruns_kairos_jobs");
    }

    @Override
    protected void fill(Statement statement, String runs) throws SQLException {
        statement.execute("INSERT INTO " + runs + " (run_id, job_id, finished_at, outcome, run_data) SELECT LPAD(X, 12, '0') || '-t', "
                + "'job-' || MOD(X, " + JOBS + "), " + BASE + " + X, 'SUCCEEDED', " + details() + " FROM SYSTEM_RANGE(1, " + RUNS + ")");
    }

    @Override
    protected void analyze(Statement statement, String runs) throws SQLException {
        statement.execute("ANALYZE TABLE " + runs);
    }

    @Override
    protected void checkPlan(Connection connection, JdbcLastRuns lastRuns, List<String> ids) throws SQLException {
        String plan;
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN ANALYZE " + lastRuns.sql(ids.size()))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(2 * i + 1, ids.get(i));
                ps.setString(2 * i + 2, JdbcRunHistory.LEASE_ROW);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                plan = rs.getString(1);
            }
        }
        String index = jobIndex().toUpperCase(Locale.ROOT);
        List<Integer> scans = new ArrayList<>();
        Matcher scan = SCAN_COUNT.matcher(plan);
        while (scan.find()) {
            scans.add(Integer.parseInt(scan.group(1)));
        }
        assertThat(scans).as("scan counts in\n" + plan).hasSize(ids.size()).allMatch((n) -> n <= RUNS / JOBS + 1);
        assertThat(plan.split(Pattern.quote(index + ": JOB_ID = ?"), -1)).as("branches on " + index + " in\n" + plan)
            .hasSize(ids.size() + 1);
    }
}
