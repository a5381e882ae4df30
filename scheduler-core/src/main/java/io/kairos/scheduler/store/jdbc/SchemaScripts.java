package io.kairos.scheduler.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;


/**
 * The schema scripts shipped in the core jar ({@code io/kairos/scheduler/store/jdbc/schema-<database id>.sql}):
 * reading them, pointing them at a configured table name, and running them. The scripts only create what is
 * missing ({@code CREATE ... IF NOT EXISTS}) and never drop anything; the storage settings script
 * ({@code storage-postgresql.sql}) sets storage parameters of the job table. Running them again is safe.
 */
final class SchemaScripts {

    /** The folder the scripts live in, on the class path. */
    static final String LOCATION = "io/kairos/scheduler/store/jdbc/";

    private SchemaScripts() {
    }

    /**
     * The class-path resource of a database's script.
     *
     * @param databaseId {@code postgresql}, {@code mysql}, {@code mariadb} or {@code h2}
     * @return e.g. {@code io/kairos/scheduler/store/jdbc/schema-h2.sql}
     */
    static String resource(String databaseId) {
        return LOCATION + "schema-" + databaseId + ".sql";
    }

    /**
     * Reads a database's script as shipped (for the default table name {@code kairos_jobs}).
     *
     * @param databaseId the database id
     * @return the script text
     * @throws IllegalStateException when the jar lacks the script
     */
    static String read(String databaseId) {
        return readResource(resource(databaseId));
    }

    /**
     * The class-path resource of a database's run history script.
     *
     * @param databaseId the database id
     * @return e.g. {@code io/kairos/scheduler/store/jdbc/runs-h2.sql}
     */
    static String runsResource(String databaseId) {
        return LOCATION + "runs-" + databaseId + ".sql";
    }

    /**
     * Reads a database's run history script as shipped (for the default table name {@code kairos_job_runs}).
     *
     * @param databaseId the database id
     * @return the script text
     */
    static String readRuns(String databaseId) {
        return readResource(runsResource(databaseId));
    }

    /**
     * The class-path resource of a database's storage settings for the job table, run after its schema script
     * (PostgreSQL only: autovacuum settings for a queue table).
     *
     * @param databaseId the database id
     * @return e.g. {@code io/kairos/scheduler/store/jdbc/storage-postgresql.sql}
     */
    static String storageResource(String databaseId) {
        return LOCATION + "storage-" + databaseId + ".sql";
    }

    /**
     * Reads a database's storage settings script, if it has one.
     *
     * @param databaseId the database id
     * @return the script text, or {@code null} when the database has none
     */
    static @Nullable String readStorage(String databaseId) {
        String resource = storageResource(databaseId);
        return SchemaScripts.class.getClassLoader().getResource(resource) == null ? null : readResource(resource);
    }

    private static String readResource(String resource) {
        try (InputStream in = SchemaScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + resource, ex);
        }
    }

    /**
     * Splits a script into statements for a table: comment lines dropped, {@code kairos_jobs} replaced by the
     * table's name, index names by {@code <table>_..._idx}.
     *
     * @param script the script as shipped
     * @param table the configured table
     * @return the statements, without their terminating {@code ;}
     */
    static List<String> statements(String script, TableName table) {
        return statements(script, TableName.DEFAULT, table);
    }

    /**
     * Splits a script into statements for a table: comment lines dropped, {@code shipped} (the table name the
     * script is written for) replaced by the table's name, index names by {@code <table>_..._idx}.
     *
     * @param script the script as shipped
     * @param shipped the table name in the script
     * @param table the configured table
     * @return the statements, without their terminating {@code ;}
     */
    static List<String> statements(String script, String shipped, TableName table) {
        String text = script.replaceAll("(?m)^\\s*--.*$", "")
                .replaceAll("\\b" + shipped + "(_\\w+_idx)\\b", Matcher.quoteReplacement(table.table()) + "$1")
                .replaceAll("\\b" + shipped + "\\b", Matcher.quoteReplacement(table.qualified()));
        List<String> statements = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    /**
     * Creates the job table, the run history table and their indexes where missing, and sets the job table's
     * storage settings where the database has them (an {@code ALTER TABLE ... SET} that changes nothing else).
     *
     * @param connection a connection in auto-commit mode
     * @param databaseId the database id
     * @param table the table
     * @throws SQLException when a statement fails
     */
    static void run(Connection connection, String databaseId, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(databaseId), table)) {
                statement.execute(sql);
            }
            String storage = readStorage(databaseId);
            if (storage != null) {
                for (String sql : statements(storage, table)) {
                    statement.execute(sql);
                }
            }
            for (String sql : statements(readRuns(databaseId), TableName.RUNS_DEFAULT, table.runs())) {
                statement.execute(sql);
            }
        }
    }
}
