package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobStoreException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link JdbcJobStore} could not read its job table when it started: the table is missing (or not readable by
 * the store's user). The message names the store, the table and how to create it.
 */
public class JdbcJobTableMissingException extends JobStoreException {

    private static final long serialVersionUID = 1L;

    private final String alias;

    private final String table;

    /**
     * Creates the exception.
     *
     * @param alias the store's alias
     * @param table the table as written in SQL, {@code table} or {@code schema.table}
     * @param message the message
     * @param cause the database's error, or {@code null}
     */
    public JdbcJobTableMissingException(String alias, String table, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.alias = alias;
        this.table = table;
    }

    /**
     * The store's alias.
     *
     * @return the alias, e.g. {@code default}
     */
    public String alias() {
        return this.alias;
    }

    /**
     * The job table the store could not read.
     *
     * @return the table as written in SQL, e.g. {@code kairos_jobs} or {@code scheduling.kairos_jobs}
     */
    public String table() {
        return this.table;
    }
}
