package io.kairos.scheduler.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL job table's storage parameters: the schema script sets them on a new table, and the autovacuum
 * migration sets them on a table created before them.
 */
class PostgresStorageSettingsIT {

    static final String AUTOVACUUM_MIGRATION = "db/migration/kairos/postgresql/V3__kairos_jobs_autovacuum.sql";

    private static final String TABLE = "storage_kairos_jobs_pg_it";

    private static final String[] QUEUE_SETTINGS = { "fillfactor=85", "autovacuum_vacuum_threshold=1000",
        "autovacuum_vacuum_scale_factor=0.01", "autovacuum_analyze_threshold=1000", "autovacuum_analyze_scale_factor=0.05" };

    @Test
    void schemaScriptCreatesTheTableWithQueueSettings() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            try {
                SchemaScripts.run(connection, "postgresql", TableName.parse(TABLE));
                assertThat(reloptions(statement)).contains(QUEUE_SETTINGS);
            }
            finally {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    @Test
    void migrationGivesAnOlderTableTheQueueSettings() throws SQLException, IOException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            try {
                statement.execute("CREATE TABLE " + TABLE + " (id VARCHAR(191) PRIMARY KEY, next_run_time BIGINT) WITH (fillfactor = 85)");
                statement.execute("INSERT INTO " + TABLE + " VALUES ('kept', 1)");
                for (String sql : SchemaScripts.statements(migration(), TableName.parse(TABLE))) {
                    statement.execute(sql);
                }
                assertThat(reloptions(statement)).contains(QUEUE_SETTINGS);
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
            finally {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
    }

    private static String migration() throws IOException {
        try (InputStream in = PostgresStorageSettingsIT.class.getClassLoader().getResourceAsStream(AUTOVACUUM_MIGRATION)) {
            assertThat(in).as(AUTOVACUUM_MIGRATION).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String reloptions(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = '" + TABLE + "'")) {
            assertThat(rs.next()).as("table " + TABLE + " exists").isTrue();
            return rs.getString(1);
        }
    }
}
