package io.kairos.scheduler.store.jdbc;

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
        TableName table = TableName.parse(tableName);
        String jobs = String.join(";\n", SchemaScripts.statements(script, table));
        String text = String.join(";\n", SchemaScripts.statements(jobs, TableName.RUNS_DEFAULT, table.runs()));
        return text.isEmpty() ? text : text + ";\n";
    }
}
