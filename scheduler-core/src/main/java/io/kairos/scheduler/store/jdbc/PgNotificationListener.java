package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a PostgreSQL {@code LISTEN/NOTIFY} channel and calls the scheduler's wake-up callback when another
 * scheduler changed the job table. It holds one connection of the {@code DataSource} for as long as it runs, on a
 * daemon thread of its own; after a failure it reconnects with a backoff of 0.2 s doubling up to 30 s, and wakes
 * the scheduler after every (re)connect since notifications may have been missed meanwhile. A {@link WakeupFilter}
 * decides which notifications wake the scheduler; those that arrived together wake it once. Thread-safe.
 */
final class PgNotificationListener {

    private static final Logger logger = LoggerFactory.getLogger(PgNotificationListener.class);

    private static final int POLL_MILLIS = 200;

    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final DataSource dataSource;

    private final String channel;

    private final WakeupFilter filter;

    private final Runnable wakeup;

    private final Thread thread;

    private volatile boolean running = true;

    /**
     * Creates and starts the listener.
     *
     * @param dataSource where the listening connection comes from
     * @param channel the channel, a validated lower-case identifier
     * @param filter which notifications wake the scheduler
     * @param wakeup the scheduler's wake-up callback
     */
    PgNotificationListener(DataSource dataSource, String channel, WakeupFilter filter, Runnable wakeup) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.filter = filter;
        this.wakeup = wakeup;
        this.thread = new Thread(this::listen, "kairos-listen-" + channel);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void poll(PGConnection pg, Connection connection) throws SQLException {
        while (this.running) {
            PGNotification[] notifications;
            try {
                notifications = pg.getNotifications(POLL_MILLIS);
            }
            catch (SQLException ex) {
                letThePoolSeeTheFailure(connection);
                throw ex;
            }
            if (notifications != null && fromOthers(notifications)) {
                this.wakeup.run();
            }
        }
    }

    /**
     * Stops listening before the connection goes back to the pool (a pooled connection must not keep LISTENing);
     * the interrupt of {@code close()} is kept aside meanwhile.
     */
    private static void unlisten(Connection connection) {
        boolean interrupted = Thread.interrupted();
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        }
        catch (SQLException | RuntimeException ex) {
            // a dead connection: the pool discards it anyway
            logger.debug("Kairos job store: UNLISTEN failed", ex);
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listen() {
        long backoff = POLL_MILLIS;
        while (this.running) {
            try (Connection connection = this.dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + this.channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                backoff = POLL_MILLIS;
                this.wakeup.run();
                try {
                    poll(pg, connection);
                }
                finally {
                    unlisten(connection);
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (!this.running) {
                    return;
                }
                logger.warn("Kairos job store: listening on PostgreSQL channel '{}' failed, reconnecting in {} ms: {}", this.channel,
                        backoff, ex.toString());
                try {
                    Thread.sleep(backoff);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    // The driver-level call bypasses a pool's proxy, so the pool would hand the dead connection out again; a
    // statement through the proxy fails too and lets the pool mark the connection broken.
    private static void letThePoolSeeTheFailure(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
        catch (SQLException expected) {
            // the connection is dead; the pool now knows
        }
    }

    private boolean fromOthers(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            if (this.filter.shouldWake(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops listening and gives the connection back; waits up to two seconds for the thread to end.
     */
    void stop() {
        this.running = false;
        this.thread.interrupt();
        try {
            this.thread.join(2_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the listening thread is alive (for tests and health).
     *
     * @return {@code true} while it runs
     */
    boolean isAlive() {
        return this.thread.isAlive();
    }
}
