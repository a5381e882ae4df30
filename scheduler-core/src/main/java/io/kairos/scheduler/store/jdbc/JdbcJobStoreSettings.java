package io.kairos.scheduler.store.jdbc;

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
 */
public record JdbcJobStoreSettings(String tableName, boolean createSchema, boolean listenForNotifications) {

    /**
     * Validates the table name.
     *
     * @throws IllegalArgumentException when the table name is invalid; the message shows it and the valid form
     */
    public JdbcJobStoreSettings {
        TableName.parse(tableName);
    }

    /**
     * The defaults: table {@code kairos_jobs}, no schema creation, listening on PostgreSQL.
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
        return new JdbcJobStoreSettings(tableName, this.createSchema, this.listenForNotifications);
    }

    /**
     * A copy with schema creation on or off.
     *
     * @param createSchema whether to create the table at start when missing
     * @return the copy
     */
    public JdbcJobStoreSettings withCreateSchema(boolean createSchema) {
        return new JdbcJobStoreSettings(this.tableName, createSchema, this.listenForNotifications);
    }

    /**
     * A copy with PostgreSQL listening on or off.
     *
     * @param listenForNotifications whether to listen
     * @return the copy
     */
    public JdbcJobStoreSettings withListenForNotifications(boolean listenForNotifications) {
        return new JdbcJobStoreSettings(this.tableName, this.createSchema, listenForNotifications);
    }

    TableName table() {
        return TableName.parse(this.tableName);
    }
}
