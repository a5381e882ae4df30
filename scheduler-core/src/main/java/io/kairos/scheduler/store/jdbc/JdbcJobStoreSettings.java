package io.kairos.scheduler.store.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * The options of a {@link JdbcJobStore}. Immutable; the table name is validated when the settings are made.
 *
 * @param tableName the job table: {@code table} or {@code schema.table}, each part an identifier of at most 40
 *     ASCII letters, digits or underscores not starting with a digit; default {@code kairos_jobs}. The schema
 *     must exist.
 * @param createSchema whether {@link JdbcJobStore#start} creates the table and its indexes when missing (the
 *     shipped script, which never drops anything); default {@code false}
 * @param listenForNotifications whether, on PostgreSQL, the store holds one connection to {@code LISTEN} for
 *     other schedulers' changes and wakes its scheduler; default {@code true}. Notifications are sent either way.
 * @param timeout the longest a store call waits for the database to answer, as the JDBC network timeout
 *     ({@link java.sql.Connection#setNetworkTimeout}) set on the connection for the call and restored after it: a
 *     call to a database that died or hangs fails with a {@link io.kairos.scheduler.store.JobStoreException} after
 *     this long instead of blocking its scheduler loop (the driver closes the connection). It bounds every wait for
 *     a reply, also on row locks; getting the connection is bounded by the {@code DataSource}'s own timeout (HikariCP:
 *     {@code connectionTimeout}, 30 s by default). Drivers without network timeouts (H2 in-process) ignore it.
 *     Positive, whole milliseconds; default {@value #DEFAULT_TIMEOUT_SECONDS} s
 */
public record JdbcJobStoreSettings(String tableName, boolean createSchema, boolean listenForNotifications, Duration timeout) {

    /** The default {@link #timeout()}, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 10;

    /**
     * Validates the table name and the timeout.
     *
     * @throws IllegalArgumentException when the table name is invalid (the message shows it and the valid form), or
     *     the timeout is not between 1 ms and {@link Integer#MAX_VALUE} ms
     * @throws NullPointerException when the timeout is {@code null}
     */
    public JdbcJobStoreSettings {
        TableName.parse(tableName);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("JDBC job store timeout must be between 1 ms and " + Integer.MAX_VALUE + " ms, got "
                    + timeout);
        }
    }

    /**
     * Settings with the default timeout.
     *
     * @param tableName the job table, see {@link #tableName()}
     * @param createSchema whether to create the table at start when missing
     * @param listenForNotifications whether to listen on PostgreSQL
     * @throws IllegalArgumentException when the table name is invalid
     */
    public JdbcJobStoreSettings(String tableName, boolean createSchema, boolean listenForNotifications) {
        this(tableName, createSchema, listenForNotifications, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
    }

    /**
     * The defaults: table {@code kairos_jobs}, no schema creation, listening on PostgreSQL, a timeout of
     * {@value #DEFAULT_TIMEOUT_SECONDS} s.
     *
     * @return the settings
     */
    public static JdbcJobStoreSettings defaults() {
        return new JdbcJobStoreSettings(TableName.DEFAULT, false, true);
    }

    /**
     * A copy with another table name.
     *
     * @param tableName {@code table} or {@code schema.table}
     * @return the copy
     * @throws IllegalArgumentException when the name is invalid
     */
    public JdbcJobStoreSettings withTableName(String tableName) {
        return new JdbcJobStoreSettings(tableName, this.createSchema, this.listenForNotifications, this.timeout);
    }

    /**
     * A copy with schema creation on or off.
     *
     * @param createSchema whether to create the table at start when missing
     * @return the copy
     */
    public JdbcJobStoreSettings withCreateSchema(boolean createSchema) {
        return new JdbcJobStoreSettings(this.tableName, createSchema, this.listenForNotifications, this.timeout);
    }

    /**
     * A copy with PostgreSQL listening on or off.
     *
     * @param listenForNotifications whether to listen
     * @return the copy
     */
    public JdbcJobStoreSettings withListenForNotifications(boolean listenForNotifications) {
        return new JdbcJobStoreSettings(this.tableName, this.createSchema, listenForNotifications, this.timeout);
    }

    /**
     * A copy with another timeout.
     *
     * @param timeout the longest a store call waits for the database, see {@link #timeout()}
     * @return the copy
     * @throws IllegalArgumentException when the timeout is out of range
     */
    public JdbcJobStoreSettings withTimeout(Duration timeout) {
        return new JdbcJobStoreSettings(this.tableName, this.createSchema, this.listenForNotifications, timeout);
    }

    TableName table() {
        return TableName.parse(this.tableName);
    }
}
