package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobStoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;


/**
 * Runs work on a connection from the application's {@code DataSource}, in a transaction (commits on success, rolls
 * back on any error) or in auto-commit mode for work that needs none; retries work the database rolled back for a
 * deadlock or serialization failure (SQLState class 40) up to three times, and turns other {@link SQLException}s
 * into {@link JobStoreException}s. Every wait for the database is bounded by the store's timeout, set as the
 * connection's network timeout for the work and restored afterwards (see {@link JdbcJobStoreSettings#timeout()}).
 * Thread-safe.
 */
final class Transactions {

    private static final int ATTEMPTS = 3;

    /** Runs the driver's abort work (if any) at once, in the thread that hit the timeout. */
    private static final Executor DIRECT = Runnable::run;

    private final DataSource dataSource;

    private final String storeName;

    private final int timeoutMillis;

    /** Cleared when the driver does not support network timeouts (then nothing is set again). */
    private volatile boolean networkTimeouts = true;

    Transactions(DataSource dataSource, String storeName, int timeoutMillis) {
        this.dataSource = dataSource;
        this.storeName = storeName;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Work done with a connection.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    interface Work<T extends @Nullable Object> {

        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work in one transaction: auto-commit off, commit at the end.
     *
     * @param <T> the result type
     * @param what what the work does, for the error message, e.g. {@code "acquire due jobs"}
     * @param work the work; it may throw unchecked exceptions, which roll back and propagate unchanged
     * @return the work's result
     * @throws JobStoreException when the database fails
     */
    <T extends @Nullable Object> T inTransaction(String what, Work<T> work) {
        return run(what, work, true);
    }

    /**
     * Runs work made of statements that are each atomic on their own (a single statement, or conditional
     * statements whose partial effect is harmless): on a connection in auto-commit mode it runs as is, without
     * the extra round trips of a transaction ({@code COMMIT}, auto-commit switches); on a connection the pool
     * hands out with auto-commit off it runs in one transaction, committed at the end.
     *
     * @param <T> the result type
     * @param what what the work does, for the error message, e.g. {@code "read the next run time"}
     * @param work the work; it may throw unchecked exceptions, which propagate unchanged
     * @return the work's result
     * @throws JobStoreException when the database fails
     */
    <T extends @Nullable Object> T autoCommit(String what, Work<T> work) {
        return run(what, work, false);
    }

    private <T extends @Nullable Object> T run(String what, Work<T> work, boolean transaction) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = this.dataSource.getConnection()) {
                int previous = bound(connection);
                try {
                    return runOn(connection, work, transaction);
                }
                finally {
                    restore(connection, previous);
                }
            }
            catch (SQLException ex) {
                if (attempt < ATTEMPTS && ex.getSQLState() != null && ex.getSQLState().startsWith("40")) {
                    continue;
                }
                throw failure(what, ex);
            }
        }
    }

    private static <T extends @Nullable Object> T runOn(Connection connection, Work<T> work, boolean transaction) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit && !transaction) {
            return work.run(connection);
        }
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        }
        catch (SQLException | RuntimeException | Error ex) {
            rollbackQuietly(connection, ex);
            throw ex;
        }
        finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Sets the store's network timeout on a connection.
     *
     * @return the connection's previous network timeout, or -1 when nothing was set
     */
    private int bound(Connection connection) throws SQLException {
        if (!this.networkTimeouts) {
            return -1;
        }
        try {
            int previous = connection.getNetworkTimeout();
            if (previous != this.timeoutMillis) {
                connection.setNetworkTimeout(DIRECT, this.timeoutMillis);
            }
            return previous;
        }
        catch (SQLFeatureNotSupportedException | UnsupportedOperationException | AbstractMethodError ex) {
            this.networkTimeouts = false;
            return -1;
        }
    }

    /** Puts a pooled connection's network timeout back; a connection the driver closed after a timeout is left alone. */
    private void restore(Connection connection, int previous) {
        if (previous < 0 || previous == this.timeoutMillis) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.setNetworkTimeout(DIRECT, previous);
            }
        }
        catch (SQLException ex) {
            // the connection is broken; the pool discards it
        }
    }

    /**
     * Wraps a database error.
     *
     * @param what what the store was doing
     * @param ex the error
     * @return the exception to throw
     */
    JobStoreException failure(String what, SQLException ex) {
        return new JobStoreException(this.storeName + ": could not " + what + " (SQLState " + ex.getSQLState() + "): " + ex.getMessage(), ex);
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        }
        catch (SQLException ex) {
            cause.addSuppressed(ex);
        }
    }
}
