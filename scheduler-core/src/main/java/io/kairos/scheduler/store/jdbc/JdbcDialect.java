package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * What differs between databases: how due jobs are acquired, how a duplicate id shows, how JSON is bound.
 * One instance per supported database; stateless and thread-safe.
 */
abstract class JdbcDialect {

    private final String databaseId;

    JdbcDialect(String databaseId) {
        this.databaseId = databaseId;
    }

    /**
     * Picks the dialect for a database.
     *
     * @param metaData the connection's metadata
     * @return the dialect
     * @throws SQLException when the metadata cannot be read
     * @throws IllegalStateException when the database is not PostgreSQL, MySQL, MariaDB or H2
     */
    static JdbcDialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        int major = metaData.getDatabaseMajorVersion();
        int minor = metaData.getDatabaseMinorVersion();
        String version = metaData.getDatabaseProductVersion();
        if (product.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (product.contains("mariadb") || version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            boolean skipLocked = major > 10 || (major == 10 && minor >= 6);
            return new LockingSelectDialect("mariadb", skipLocked, false);
        }
        if (product.contains("mysql")) {
            return new LockingSelectDialect("mysql", major >= 8, false);
        }
        if (product.equals("h2")) {
            return new LockingSelectDialect("h2", false, true);
        }
        throw new IllegalStateException("the Kairos JDBC job store supports PostgreSQL, MySQL 8, MariaDB 10.6+ and H2; this database is "
                + metaData.getDatabaseProductName() + " " + version);
    }

    /**
     * The Spring Boot database id: names the schema script ({@code schema-<id>.sql}) and the Flyway folder.
     *
     * @return {@code postgresql}, {@code mysql}, {@code mariadb} or {@code h2}
     */
    String databaseId() {
        return this.databaseId;
    }

    /**
     * The SQL expression a JSON value is bound with.
     *
     * @return {@code ?} unless the column needs a cast
     */
    String jsonParameter() {
        return "?";
    }

    /**
     * The SQL expression of a row's executor alias, read from {@code job_data} (the due query's worker-group filter
     * needs no column of its own, so tables created before it work as they are).
     *
     * @return the expression
     */
    abstract String executorExpression();

    /**
     * The due query's executor condition as the dialect writes it.
     *
     * @param condition {@code <executor> IN (?, ...)}
     * @return the condition to add to the due query
     */
    String executorFilter(String condition) {
        return condition;
    }

    /**
     * What follows an {@code INSERT} so that a taken id makes it insert nothing instead of failing.
     *
     * @return an {@code ON CONFLICT} clause, or empty where a failed insert is detected by
     *     {@link #isDuplicateKey}
     */
    String insertIgnoringConflictSuffix() {
        return "";
    }

    /**
     * Whether an insert failed because the id is taken.
     *
     * @param ex the insert's error
     * @return {@code true} for a primary-key violation
     */
    boolean isDuplicateKey(SQLException ex) {
        return "23505".equals(ex.getSQLState()) || ex.getErrorCode() == 1062;
    }

    /**
     * Selects {@code lease_until} and {@code next_run_time} of the leased rows that may become acquirable before
     * every other row, in an order a {@code LIMIT} may follow: here every leased row with a next run time, in
     * {@code lease_until} order, which the {@code lease_until} index serves (the scan stays on the index even on a
     * table without statistics, unlike an unordered aggregate).
     *
     * @param table the table
     * @param firstUnleased a common table expression whose one column {@code next_run_time} is the earliest next run
     *     time of an unleased row (or {@code NULL})
     * @return the statement, without {@code LIMIT}
     */
    String leasedRowsToWatch(String table, String firstUnleased) {
        return "SELECT lease_until, next_run_time FROM " + table + " WHERE lease_until IS NOT NULL AND next_run_time IS NOT NULL"
                + " ORDER BY lease_until";
    }

    /**
     * Whether a notification can wake other schedulers ({@code LISTEN/NOTIFY}).
     *
     * @return {@code true} on PostgreSQL
     */
    boolean supportsNotify() {
        return false;
    }

    /**
     * Leases up to {@code limit} due jobs to {@code owner}, inside the caller's transaction.
     *
     * @param connection the connection, auto-commit off
     * @param sql the statements
     * @param owner the lease owner
     * @param now the current time, epoch milliseconds
     * @param limit the most jobs to lease
     * @param leaseUntil the lease expiry, epoch milliseconds
     * @return the leased rows as they were before leasing, in any order
     * @throws SQLException when the database fails
     */
    /**
     * Leases due rows. Parameters as {@link JobSql#dueCondition}: only rows whose executor is one of
     * {@code executors} when it is not empty.
     *
     * @param connection the connection, in a transaction
     * @param sql the statements
     * @param owner the lease owner
     * @param now the current time, epoch ms
     * @param limit the most rows
     * @param leaseUntil the lease expiry, epoch ms
     * @param executors executor aliases a row's executor must be one of; empty for any
     * @return the leased rows
     * @throws SQLException when the database fails
     */
    abstract List<JobRow> acquire(Connection connection, JobSql sql, String owner, long now, int limit, long leaseUntil,
            List<String> executors) throws SQLException;

    @Override
    public String toString() {
        return this.databaseId;
    }
}
