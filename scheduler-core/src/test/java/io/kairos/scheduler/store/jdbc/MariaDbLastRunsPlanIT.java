package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.mariadb.jdbc.MariaDbDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LastRunsPlanChecks} on MariaDB ({@code ANALYZE FORMAT=JSON}, which runs the statement): every branch reads
 * the job index for its job, in the query's order (no filesort), at most one row.
 */
class MariaDbLastRunsPlanIT extends LastRunsPlanChecks {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "root", null);
    }

    @Override
    protected DataSource dataSource() {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(URL);
            dataSource.setUser("root");
            return dataSource;
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    protected String databaseId() {
        return "mariadb";
    }

    @Override
    protected TableName table() {
        return TableName.parse("h18_lastruns_kairos_jobs_mariadb");
    }

    @Override
    protected void fill(Statement statement, String runs) throws SQLException {
        statement.execute("SET SESSION max_recursive_iterations = " + (RUNS + 1));
        statement.execute("INSERT INTO " + runs + " (run_id, job_id, finished_at, outcome, run_data)"
                + " WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + RUNS + ")"
                + " SELECT CONCAT(LPAD(g, 12, '0'), '-t'), CONCAT('job-', g % " + JOBS + "), " + BASE + " + g, 'SUCCEEDED', " + details() + " FROM s");
    }

    @Override
    protected void analyze(Statement statement, String runs) throws SQLException {
        statement.execute("ANALYZE TABLE " + runs + " PERSISTENT FOR ALL");
    }

    @Override
    protected void checkPlan(Connection connection, JdbcLastRuns lastRuns, List<String> ids) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        for (String id : ids) {
            parameters.add(id);
            parameters.add(JdbcRunHistory.LEASE_ROW);
        }
        String runs = table().runs().table();
        MariaDbPlan plan = MariaDbPlan.analyze(connection, lastRuns.sql(ids.size()), parameters.toArray());
        assertThat(plan.sorts()).as("sorts in\n" + plan.text()).isFalse();
        assertThat(plan.of(runs)).as("how the runs are read in\n" + plan.text()).hasSize(ids.size())
            .allMatch((access) -> access.key().equals(jobIndex()) && access.actualRows() <= 1, "the job index, at most one row");
    }
}
