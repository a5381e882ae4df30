package io.kairos.scheduler.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the schema scripts shipped in the core jar are, and their text for a configured table name: for tools that
 * run scripts themselves (Spring Boot's script database initializer) instead of letting the store create its table
 * ({@link JdbcJobStoreSettings#withCreateSchema}). The scripts only create what is missing and never drop anything.
 * Stateless and thread-safe.
 */
public final class JdbcSchemaScripts {

    /** The job table's script, with Spring Boot's {@code @@platform@@} placeholder for the database id. */
    public static final String SCHEMA_LOCATION = "classpath:" + SchemaScripts.LOCATION + "schema-@@platform@@.sql";

    /** The job table's storage settings, run after the schema script; only PostgreSQL has one. */
    public static final String STORAGE_LOCATION = "classpath:" + SchemaScripts.LOCATION + "storage-@@platform@@.sql";

    /** The run history table's script, run after the job table's. */
    public static final String RUNS_LOCATION = "classpath:" + SchemaScripts.LOCATION + "runs-@@platform@@.sql";

    /**
     * The run history table's index changes, run after its script; only PostgreSQL has one (a partial index on
     * failed runs replaces the outcome index).
     */
    public static final String RUNS_INDEXES_LOCATION = "classpath:" + SchemaScripts.LOCATION + "runs-indexes-@@platform@@.sql";

    private JdbcSchemaScripts() {
    }

    /**
     * A shipped script rewritten for a job table: {@code kairos_jobs} becomes the table, {@code kairos_job_runs} its
     * run history table ({@code <table>_runs}), index names follow; comments are dropped. The statements end with
     * {@code ;} and a line break.
     *
     * @param script a script as shipped (schema, storage or runs)
     * @param tableName {@code table} or {@code schema.table}, as {@link JdbcJobStoreSettings#tableName()}
     * @return the script for that table
     * @throws IllegalArgumentException when the table name is invalid, showing it
     */
    public static String forTable(String script, String tableName) {
        return text(statements(script, TableName.parse(tableName)));
    }

    /**
     * Shipped scripts rewritten for a job table, in the order they run, as {@link #forTable(String, String)} does
     * each; in addition an index that a later script drops is not created by an earlier one (run at each start, the
     * earlier script would otherwise build it again only to have it dropped).
     *
     * @param scripts the scripts as shipped, in the order they run
     * @param tableName {@code table} or {@code schema.table}, as {@link JdbcJobStoreSettings#tableName()}
     * @return the scripts for that table, in the same order
     * @throws IllegalArgumentException when the table name is invalid, showing it
     */
    public static List<String> forTable(List<String> scripts, String tableName) {
        TableName table = TableName.parse(tableName);
        List<List<String>> statements = new ArrayList<>();
        scripts.forEach((script) -> statements.add(statements(script, table)));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            List<String> later = new ArrayList<>();
            statements.subList(i + 1, statements.size()).forEach(later::addAll);
            texts.add(text(SchemaScripts.withoutDroppedIndexes(statements.get(i), later)));
        }
        return texts;
    }

    private static List<String> statements(String script, TableName table) {
        String jobs = String.join(";\n", SchemaScripts.statements(script, table));
        return SchemaScripts.statements(jobs, TableName.RUNS_DEFAULT, table.runs());
    }

    private static String text(List<String> statements) {
        String text = String.join(";\n", statements);
        return text.isEmpty() ? text : text + ";\n";
    }
}
