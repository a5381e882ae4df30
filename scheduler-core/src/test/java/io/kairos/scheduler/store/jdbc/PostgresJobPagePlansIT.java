package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work of one page of the job listing on PostgreSQL with 100,000 jobs: {@code EXPLAIN ANALYZE} of the page
 * statements, with custom and generic plans, must show a scan of the primary key that reads at most
 * {@code limit + 1} rows, without a sort and without a sequential scan, at the start, the middle and the end of the
 * table.
 */
class PostgresJobPagePlansIT {

    private static final String TABLE = "page_kairos_jobs_pg_it";

    private static final int JOBS = 100_000;

    private static final Pattern SCAN_ROWS = Pattern.compile("Index (?:Only )?Scan using " + TABLE + "_pkey[^\n]*actual time=[^ ]+ rows=(\\d+)");

    private static Connection connection;

    private static JobSql sql;

    @BeforeAll
    static void fillTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
        TableName table = TableName.parse(TABLE);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            SchemaScripts.run(connection, "postgresql", table);
            statement.execute("INSERT INTO " + TABLE + " (id, next_run_time, next_fire_time, state, version, job_data) SELECT 'job-' || lpad(g::text, 6, '0'), "
                    + "CASE WHEN g % 10 = 0 THEN NULL ELSE 1000000000000 + g END, NULL, CASE WHEN g % 10 = 0 THEN 'PAUSED' ELSE 'SCHEDULED' END, 1, "
                    + "'{\"data\": \"" + "x".repeat(200) + "\"}'::jsonb FROM generate_series(1, " + JOBS + ") g");
            statement.execute("VACUUM ANALYZE " + TABLE);
        }
        sql = new JobSql(table, JdbcDialect.detect(connection.getMetaData()));
    }

    @AfterAll
    static void dropTable() throws SQLException {
        if (connection != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
            connection.close();
        }
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = { 1, 100, 1000 })
    void aPageReadsAtMostTheLimitPlusOneRowsThroughThePrimaryKey(int limit) throws SQLException {
        int rows = limit + 1;
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = " + mode);
            }
            assertBounded(mode + ", first page", explainAnalyze(sql.selectPage, rows), rows);
            assertBounded(mode + ", middle page", explainAnalyze(sql.selectPageAfter, "job-050000", rows), rows);
            assertBounded(mode + ", last page", explainAnalyze(sql.selectPageAfter, "job-099990", rows), Math.min(rows, 10));
        }
    }

    private static void assertBounded(String what, String plan, int rows) {
        assertThat(plan).as(what).doesNotContain("Sort").doesNotContain("Seq Scan").doesNotContain("Bitmap");
        Matcher scan = SCAN_ROWS.matcher(plan);
        assertThat(scan.find()).as(what + ": a scan of the primary key in\n" + plan).isTrue();
        assertThat(Integer.parseInt(scan.group(1))).as(what + ": rows the scan read in\n" + plan).isLessThanOrEqualTo(rows);
    }

    /** The plan with what each node did, one row per line. */
    private static String explainAnalyze(String statement, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (ANALYZE) " + statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
