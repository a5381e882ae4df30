package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run history indexes on PostgreSQL: a table made by the first run history script (with the outcome index)
 * gets the partial index on failed runs in its place, once, and keeps its rows; and with 100,000 runs (1 % failed)
 * each history query, with custom and generic plans, reads through the index meant for it, without a sequential
 * scan (and without a sort where the index gives the order).
 */
class PostgresRunHistoryIndexesIT {

    private static final TableName TABLE = TableName.parse("h17_runidx_kairos_jobs");

    private static final String RUNS = TABLE.runs().qualified();

    private static Connection connection;

    private static JdbcRunHistory history;

    @BeforeAll
    static void fillOldTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE.qualified() + ", " + RUNS);
            // the layout of an installation made before runs-indexes-postgresql.sql
            for (String sql : SchemaScripts.statements(SchemaScripts.readRuns("postgresql"), TableName.RUNS_DEFAULT, TABLE.runs())) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO " + RUNS + " (run_id, job_id, finished_at, outcome, run_data) SELECT "
                    + "lpad(to_hex(1796600000000 + g), 12, '0') || '-' || lpad(g::text, 8, '0') || '-t', 'job-' || (g % 1000), "
                    + "1796600000000 + g, CASE WHEN g % 100 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END, '{\"v\":2}' "
                    + "FROM generate_series(1, 100000) g");
        }
        assertThat(indexes()).contains(TABLE.runs().table() + "_outcome_idx");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        dataSource.setUser("postgres");
        history = new JdbcRunHistory(TABLE.runs(), new Transactions(dataSource, "test", 10_000),
                JdbcDialect.detect(connection.getMetaData()));
    }

    @AfterAll
    static void dropTables() throws SQLException {
        if (connection != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE.qualified() + ", " + RUNS);
            }
            connection.close();
        }
    }

    @Test
    void theFailedRunsIndexReplacesTheOutcomeIndexOnceAndTheQueriesUseTheirIndexes() throws SQLException {
        connection.setAutoCommit(true);
        SchemaScripts.run(connection, "postgresql", TABLE);
        String runs = TABLE.runs().table();
        assertThat(indexes()).contains(runs + "_failed_idx", runs + "_job_idx", runs + "_finished_idx")
            .doesNotContain(runs + "_outcome_idx");
        // create-schema runs the scripts at every start: the outcome index is not built again; on a connection
        // outside auto-commit too (CREATE INDEX CONCURRENTLY cannot run in a transaction), which it is left in
        connection.setAutoCommit(false);
        SchemaScripts.run(connection, "postgresql", TABLE);
        assertThat(connection.getAutoCommit()).isFalse();
        connection.setAutoCommit(true);
        assertThat(indexes()).doesNotContain(runs + "_outcome_idx");
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + RUNS)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100_000);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE " + RUNS);
        }
        Instant since = Instant.ofEpochMilli(1796600000000L + 50_000);
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = " + mode);
            }
            // few runs fail: reading all of them through the partial index and sorting them may be the cheaper plan
            assertUses(mode, RunQuery.all().withOutcomes(RunOutcome.FAILED).since(since), runs + "_failed_idx", true);
            assertUses(mode, RunQuery.all().withOutcomes(RunOutcome.FAILED, RunOutcome.TIMED_OUT, RunOutcome.ABANDONED), runs + "_failed_idx",
                    true);
            assertUses(mode, RunQuery.ofJob("job-7"), runs + "_job_idx", false);
            assertUses(mode, RunQuery.all(), runs + "_finished_idx", false);
        }
    }

    private static void assertUses(String mode, RunQuery query, String index, boolean sortAllowed) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = history.select(query, args);
        String plan = explain(sql, args);
        assertThat(plan).as(mode + ": " + sql + "\n" + plan).containsPattern("(using|Bitmap Index Scan on) " + index + " ")
            .doesNotContain("Seq Scan");
        if (!sortAllowed) {
            assertThat(plan).as(mode + ": " + sql + "\n" + plan).doesNotContain("Sort").doesNotContain("Bitmap");
        }
    }

    /**
     * The plan of a statement prepared on the server ({@code PREPARE}), so that {@code plan_cache_mode} decides
     * between a custom plan (the values known) and a generic one (the values unknown).
     */
    private static String explain(String sql, List<Object> args) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + (++n) : String.valueOf(c));
        }
        List<String> values = new ArrayList<>();
        for (Object arg : args) {
            values.add(arg instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(arg));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PREPARE history_query AS " + numbered);
            try {
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE history_query(" + String.join(", ", values) + ")")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                return String.join("\n", lines);
            }
            finally {
                statement.execute("DEALLOCATE history_query");
            }
        }
    }

    private static List<String> indexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT indexname FROM pg_indexes WHERE tablename = ?")) {
            ps.setString(1, TABLE.runs().table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
