package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;


/**
 * What {@link JdbcJobStore#start} sets up: the detected dialect, the statements, the writer and, on PostgreSQL,
 * the notification listener. Immutable.
 *
 * @param context the scheduler's context
 * @param dialect the database's dialect
 * @param sql the statements for the table
 * @param tx runs transactions on the data source
 * @param rows reads rows and encodes jobs
 * @param writer the writes
 * @param listener the PostgreSQL listener, or {@code null}
 * @param wakeups what the listener lets through; told of every next-run-time answer
 */
record StartedStore(JobStoreContext context, JdbcDialect dialect, JobSql sql, Transactions tx, JobRows rows, JobWriter writer,
        @Nullable PgNotificationListener listener, WakeupFilter wakeups) {

    /**
     * Detects the database, creates the table when the settings say so, checks that the table can be read, and
     * on PostgreSQL starts listening for notifications.
     *
     * @param dataSource the application's data source
     * @param settings the store's settings
     * @param context the scheduler's context, not {@code null}
     * @return what was set up
     * @throws JobStoreException when the database cannot be reached, is not supported, or the table is missing
     */
    static StartedStore start(DataSource dataSource, JdbcJobStoreSettings settings, JobStoreContext context) {
        java.util.Objects.requireNonNull(context, "context");
        TableName table = settings.table();
        Transactions transactions = new Transactions(dataSource, "job store '" + context.alias() + "' (table " + table + ")",
                (int) settings.timeout().toMillis());
        JdbcDialect dialect;
        @Nullable SQLException schemaFailure = null;
        try (Connection connection = dataSource.getConnection()) {
            dialect = JdbcDialect.detect(connection.getMetaData());
            if (settings.createSchema()) {
                try {
                    SchemaScripts.run(connection, dialect.databaseId(), table);
                }
                catch (SQLException ex) {
                    // another instance may have created the table at the same moment; checkTable decides
                    schemaFailure = ex;
                }
            }
        }
        catch (SQLException ex) {
            throw transactions.failure("start", ex);
        }
        catch (IllegalStateException ex) {
            throw new JobStoreException("job store '" + context.alias() + "': " + ex.getMessage(), ex);
        }
        JobSql sql = new JobSql(table, dialect);
        checkTable(context.alias(), table, transactions, sql, dialect, schemaFailure);
        WakeupFilter filter = new WakeupFilter(context.schedulerId(), context.clock());
        PgNotificationListener listener = null;
        if (dialect.supportsNotify() && settings.listenForNotifications()) {
            listener = new PgNotificationListener(dataSource, table.channel(), filter, context.wakeup());
        }
        JobRows rows = new JobRows(context);
        PgWrites pg = dialect.supportsNotify() ? new PgWrites(sql, table.channel(), context.schedulerId()) : null;
        JobWriter writer = new JobWriter(sql, rows, dialect, pg);
        return new StartedStore(context, dialect, sql, transactions, rows, writer, listener, filter);
    }

    private static void checkTable(String alias, TableName table, Transactions transactions, JobSql sql, JdbcDialect dialect,
            @Nullable SQLException schemaFailure) {
        try {
            transactions.inTransaction("find the job table", (connection) -> {
                try (PreparedStatement ps = connection.prepareStatement(sql.probe)) {
                    ps.executeQuery().close();
                }
                return null;
            });
        }
        catch (JobStoreException ex) {
            JobStoreException failure = new JdbcJobTableMissingException(alias, sql.table, missingTableMessage(alias, table, sql.table,
                    SchemaScripts.resource(dialect.databaseId())) + " Cause: " + ex.getMessage(), ex.getCause());
            if (schemaFailure != null) {
                failure.addSuppressed(schemaFailure);
            }
            throw failure;
        }
    }

    /**
     * What to do about a job table that cannot be read: let the store create it (Java or Spring Boot), or run the
     * shipped script, which creates {@code kairos_jobs} and so fits only the default table name.
     */
    static String missingTableMessage(String alias, TableName table, String quotedTable, String script) {
        String run = table.schema() == null && table.table().equals(TableName.DEFAULT)
                ? "run the script classpath:" + script + " (or the Flyway/Liquibase migrations in the Kairos jar)"
                : "copy the script classpath:" + script + " and rename its table " + TableName.DEFAULT + " to " + quotedTable
                        + " (the shipped script and the Flyway/Liquibase migrations create " + TableName.DEFAULT + " only)";
        return "job store '" + alias + "': job table " + quotedTable + " cannot be read; let the store create it "
                + "(JdbcJobStoreSettings.withCreateSchema(true); in Spring Boot kairos.jobstores." + alias + ".initialize-schema: always), "
                + "or " + run + ".";
    }
}
