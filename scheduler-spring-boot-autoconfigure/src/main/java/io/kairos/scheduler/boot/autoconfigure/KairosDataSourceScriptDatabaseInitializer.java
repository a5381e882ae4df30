package io.kairos.scheduler.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.kairos.scheduler.store.jdbc.JdbcSchemaScripts;

import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Creates the tables of jdbc job stores from the scripts in the core jar (job table, its storage settings, run
 * history table and, on PostgreSQL, its index changes; {@code CREATE ... IF NOT EXISTS}, no data is ever dropped), as Spring Boot's Quartz and Session
 * support create theirs: a {@link DataSourceScriptDatabaseInitializer}, so Spring Boot runs it after Flyway and
 * Liquibase and before the beans that depend on database initialization, the Kairos {@code Scheduler} among them.
 * Each script is rewritten for each store's {@code table-name}. Errors in a script are logged and skipped, as
 * Spring Boot's Quartz initializer does (two instances may create a table at the same moment): a store whose table
 * is still missing fails at start naming the table. Define a bean of this type to replace the auto-configured one.
 */
public class KairosDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

    private final List<String> tableNames;

    /**
     * Creates an initializer.
     *
     * @param dataSource the jdbc stores' data source
     * @param settings the scripts (their locations may use {@code kairos_jobs} and {@code kairos_job_runs}, rewritten
     *     for each table) and the mode
     * @param tableNames the job tables to create, {@code table} or {@code schema.table}
     */
    public KairosDataSourceScriptDatabaseInitializer(DataSource dataSource, DatabaseInitializationSettings settings,
            List<String> tableNames) {
        super(dataSource, settings);
        this.tableNames = List.copyOf(tableNames);
    }

    /**
     * The initializer for jdbc stores: the tables of the stores whose {@code initialize-schema} applies to the data
     * source ({@code always}; {@code embedded} on an embedded database such as H2).
     *
     * @param dataSource the stores' data source
     * @param modes each job table's mode, by table name
     * @return the initializer; it runs nothing when no table's mode applies
     */
    static KairosDataSourceScriptDatabaseInitializer forTables(DataSource dataSource,
            Map<String, DatabaseInitializationMode> modes) {
        boolean embedded = modes.containsValue(DatabaseInitializationMode.EMBEDDED)
                && EmbeddedDatabaseConnection.isEmbedded(dataSource);
        List<String> tables = new ArrayList<>();
        modes.forEach((table, mode) -> {
            if (mode == DatabaseInitializationMode.ALWAYS || (mode == DatabaseInitializationMode.EMBEDDED && embedded)) {
                tables.add(table);
            }
        });
        return new KairosDataSourceScriptDatabaseInitializer(dataSource,
                getSettings(dataSource, tables.isEmpty() ? DatabaseInitializationMode.NEVER : DatabaseInitializationMode.ALWAYS),
                tables);
    }

    /**
     * The settings of the shipped scripts for the data source's database ({@code postgresql}, {@code mysql},
     * {@code mariadb}, {@code h2}); a database without scripts gets none, and its stores fail at start saying it is
     * not supported.
     *
     * @param dataSource the data source
     * @param mode when to run them
     * @return the settings, continuing on errors
     */
    public static DatabaseInitializationSettings getSettings(DataSource dataSource, DatabaseInitializationMode mode) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setMode(mode);
        if (mode != DatabaseInitializationMode.NEVER) {
            settings.setSchemaLocations(new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource,
                    "optional:" + JdbcSchemaScripts.SCHEMA_LOCATION, "optional:" + JdbcSchemaScripts.STORAGE_LOCATION,
                    "optional:" + JdbcSchemaScripts.RUNS_LOCATION, "optional:" + JdbcSchemaScripts.RUNS_INDEXES_LOCATION));
        }
        settings.setContinueOnError(true);
        return settings;
    }

    /**
     * The job tables this initializer creates.
     *
     * @return table names, immutable
     */
    public List<String> getTableNames() {
        return this.tableNames;
    }

    @Override
    protected void runScripts(Scripts scripts) {
        Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
        List<Resource> shipped = new ArrayList<>();
        scripts.forEach(shipped::add);
        List<String> texts = shipped.stream().map((script) -> read(script, encoding)).toList();
        for (String table : this.tableNames) {
            List<String> forTable = JdbcSchemaScripts.forTable(texts, table);
            List<Resource> rewritten = new ArrayList<>();
            for (int i = 0; i < shipped.size(); i++) {
                rewritten.add(new ByteArrayResource(forTable.get(i).getBytes(StandardCharsets.UTF_8),
                        shipped.get(i).getDescription() + " for table " + table));
            }
            super.runScripts(new Scripts(rewritten).continueOnError(scripts.isContinueOnError())
                .separator(scripts.getSeparator())
                .encoding(StandardCharsets.UTF_8));
        }
    }

    private static String read(Resource script, Charset encoding) {
        try {
            return script.getContentAsString(encoding);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + script.getDescription(), ex);
        }
    }
}
