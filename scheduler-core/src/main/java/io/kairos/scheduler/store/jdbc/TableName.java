package io.kairos.scheduler.store.jdbc;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;


/**
 * A validated job table name: an identifier with an optional schema prefix ({@code kairos_jobs},
 * {@code scheduling.kairos_jobs}). Validation is what keeps the name, which is written into SQL text, from
 * injecting SQL. Immutable.
 *
 * @param schema the schema, or {@code null} for the connection's default
 * @param table the table
 */
record TableName(@Nullable String schema, String table) {

    /** The default table name. */
    static final String DEFAULT = "kairos_jobs";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

    /**
     * Parses and validates a table name.
     *
     * @param name {@code table} or {@code schema.table}; each part starts with a letter or underscore, holds only
     *     ASCII letters, digits and underscores, and is at most 40 characters long (so that index names derived
     *     from it stay within every database's 63-character limit)
     * @return the name
     * @throws IllegalArgumentException when the name does not have that form; the message shows the value
     */
    static TableName parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("job store table name must not be null; default: " + DEFAULT);
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2 || !IDENTIFIER.matcher(parts[0]).matches()
                || (parts.length == 2 && !IDENTIFIER.matcher(parts[1]).matches())) {
            throw new IllegalArgumentException("job store table name '" + name + "' is invalid; valid: 'table' or 'schema.table', "
                    + "each part an identifier of at most 40 ASCII letters, digits or underscores, not starting with a digit "
                    + "(e.g. 'kairos_jobs' or 'scheduling.kairos_jobs')");
        }
        return parts.length == 2 ? new TableName(parts[0], parts[1]) : new TableName(null, parts[0]);
    }

    /**
     * The name as written in SQL.
     *
     * @return {@code schema.table} or {@code table}
     */
    /**
     * The run history table next to this job table: {@code kairos_job_runs} for the default {@code kairos_jobs},
     * else {@code <table>_runs} in the same schema.
     */
    TableName runs() {
        return new TableName(this.schema, this.table.equals(DEFAULT) ? RUNS_DEFAULT : this.table + "_runs");
    }

    /** The run history table of the default job table. */
    static final String RUNS_DEFAULT = "kairos_job_runs";

    String qualified() {
        return this.schema == null ? this.table : this.schema + "." + this.table;
    }

    /**
     * The PostgreSQL {@code LISTEN/NOTIFY} channel for this table.
     *
     * @return the qualified name in lower case with {@code .} replaced by {@code _} (as PostgreSQL folds an
     *     unquoted {@code LISTEN} channel), cut to 63 characters
     */
    String channel() {
        String channel = qualified().replace('.', '_').toLowerCase(java.util.Locale.ROOT);
        return channel.length() <= 63 ? channel : channel.substring(0, 63);
    }

    @Override
    public String toString() {
        return qualified();
    }
}
