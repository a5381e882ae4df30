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
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;


/**
 * The schema scripts shipped in the core jar ({@code io/kairos/scheduler/store/jdbc/schema-<database id>.sql}):
 * reading them, pointing them at a configured table name, and running them. The scripts only create what is
 * missing ({@code CREATE ... IF NOT EXISTS}) and never drop data; the storage settings script
 * ({@code storage-postgresql.sql}) sets storage parameters of the job table, and {@code runs-indexes-postgresql.sql}
 * replaces an index of the run history table by a narrower one. Running them again is safe.
 */
final class SchemaScripts {

    /** The folder the scripts live in, on the class path. */
    static final String LOCATION = "io/kairos/scheduler/store/jdbc/";

    private static final Pattern DROP_INDEX = Pattern.compile("DROP INDEX (?:CONCURRENTLY )?IF EXISTS ([\\w.]+)");

    private static final Pattern CREATE_INDEX = Pattern.compile("CREATE INDEX (?:CONCURRENTLY )?IF NOT EXISTS (\\w+) ");

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

    /**
     * The class-path resource of a database's run history index changes, run after its run history script
     * (PostgreSQL only: a partial index on failed runs in place of the outcome index).
     *
     * @param databaseId the database id
     * @return e.g. {@code io/kairos/scheduler/store/jdbc/runs-indexes-postgresql.sql}
     */
    static String runsIndexesResource(String databaseId) {
        return LOCATION + "runs-indexes-" + databaseId + ".sql";
    }

    /**
     * Reads a database's run history index changes, if it has any.
     *
     * @param databaseId the database id
     * @return the script text, or {@code null} when the database has none
     */
    static @Nullable String readRunsIndexes(String databaseId) {
        String resource = runsIndexesResource(databaseId);
        return SchemaScripts.class.getClassLoader().getResource(resource) == null ? null : readResource(resource);
    }

    /**
     * Leaves out of {@code statements} the creation of each index that a later script drops
     * ({@code DROP INDEX [CONCURRENTLY] IF EXISTS <name>} among {@code later}), so that running the scripts again at
     * each start does not build that index only to drop it.
     *
     * @param statements statements of an earlier script, as {@link #statements} gives them
     * @param later statements of the scripts run after it
     * @return the statements to run
     */
    static List<String> withoutDroppedIndexes(List<String> statements, List<String> later) {
        List<String> dropped = new ArrayList<>();
        for (String statement : later) {
            Matcher drop = DROP_INDEX.matcher(statement);
            if (drop.matches()) {
                String name = drop.group(1);
                dropped.add(name.substring(name.lastIndexOf('.') + 1));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String statement : statements) {
            Matcher create = CREATE_INDEX.matcher(statement);
            if (!create.lookingAt() || !dropped.contains(create.group(1))) {
                kept.add(statement);
            }
        }
        return kept;
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
        // an index is named without its schema where it is created, and with it where it is dropped
        String schema = table.schema() == null ? "" : table.schema() + ".";
        String text = script.replaceAll("(?m)^\\s*--.*$", "")
                .replaceAll("(DROP INDEX (?:CONCURRENTLY )?IF EXISTS )" + shipped + "(_\\w+_idx)\\b",
                        "$1" + Matcher.quoteReplacement(schema + table.table()) + "$2")
                .replaceAll("(?<!\\.)\\b" + shipped + "(_\\w+_idx)\\b", Matcher.quoteReplacement(table.table()) + "$1")
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
     * Creates the job table, the run history table and their indexes where missing, sets the job table's storage
     * settings where the database has them (an {@code ALTER TABLE ... SET} that changes nothing else), and makes
     * the run history index changes (PostgreSQL: the failed-runs index replaces the outcome index, which is then
     * not created again).
     *
     * <p>Runs in auto-commit mode (set for the call when the connection is not in it, then restored): PostgreSQL's
     * {@code CREATE INDEX CONCURRENTLY} cannot run in a transaction.
     *
     * @param connection a connection
     * @param databaseId the database id
     * @param table the table
     * @throws SQLException when a statement fails
     */
    static void run(Connection connection, String databaseId, TableName table) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        try {
            runAutoCommit(connection, databaseId, table);
        }
        finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    private static void runAutoCommit(Connection connection, String databaseId, TableName table) throws SQLException {
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
            String runsIndexes = readRunsIndexes(databaseId);
            List<String> later = runsIndexes == null ? List.of() : statements(runsIndexes, TableName.RUNS_DEFAULT, table.runs());
            for (String sql : withoutDroppedIndexes(statements(readRuns(databaseId), TableName.RUNS_DEFAULT, table.runs()), later)) {
                statement.execute(sql);
            }
            for (String sql : later) {
                statement.execute(sql);
            }
        }
    }
}
