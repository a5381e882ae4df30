package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobStoreException;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Runs work in a transaction on a connection from the application's {@code DataSource}: commits on success, rolls
 * back on any error, retries a transaction the database rolled back for a deadlock or serialization failure
 * (SQLState class 40) up to three times, and turns other {@link SQLException}s into {@link JobStoreException}s.
 * Thread-safe.
 */
final class Transactions {

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    private final String storeName;

    Transactions(DataSource dataSource, String storeName) {
        this.dataSource = dataSource;
        this.storeName = storeName;
    }

    /**
     * Work done with a connection.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    interface Work<T> {

        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work in one transaction.
     *
     * @param <T> the result type
     * @param what what the work does, for the error message, e.g. {@code "acquire due jobs"}
     * @param work the work; it may throw unchecked exceptions, which roll back and propagate unchanged
     * @return the work's result
     * @throws JobStoreException when the database fails
     */
    <T> T inTransaction(String what, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = this.dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
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
                    connection.setAutoCommit(autoCommit);
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
