package io.kairos.scheduler.benchmarks.e2e;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL access for the store workloads: the JDBC URL (system property {@code bench.pg.url}, default the
 * loopback test database), HikariCP pools and one-off DDL.
 */
public final class Db {

    /** The JDBC URL every PostgreSQL peer uses. */
    public static final String URL = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");

    /** The user. */
    public static final String USER = System.getProperty("bench.pg.user", "postgres");

    /**
     * The start of the {@code ApplicationName} of every pool's connections ({@code bench:<pool name>}), by which
     * {@link PgCost} finds the server processes serving this JVM.
     */
    public static final String APPLICATION_PREFIX = "bench:";

    /** The password (trust authentication: empty). */
    public static final String PASSWORD = System.getProperty("bench.pg.password", "");

    private Db() {
    }

    /**
     * A HikariCP pool, autocommit on; its connections' {@code ApplicationName} is {@code bench:<name>}.
     *
     * @param name pool name (thread names)
     * @param size maximum and minimum connections
     * @return the pool
     */
    public static HikariDataSource pool(String name, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(URL);
        c.setUsername(USER);
        c.setPassword(PASSWORD);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setPoolName(name);
        c.addDataSourceProperty("ApplicationName", APPLICATION_PREFIX + name);
        return new HikariDataSource(c);
    }

    /** The JDBC URL of the MariaDB peers ({@code bench.mariadb.url}, default the loopback {@code test} database as root). */
    public static final String MARIADB_URL = System.getProperty("bench.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    /**
     * A HikariCP pool on MariaDB ({@link #MARIADB_URL}), autocommit on.
     *
     * @param name pool name (thread names)
     * @param size maximum connections
     * @return the pool
     */
    public static HikariDataSource mariaDbPool(String name, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(MARIADB_URL);
        c.setMaximumPoolSize(size);
        c.setPoolName(name);
        return new HikariDataSource(c);
    }

    /**
     * Runs statements on MariaDB on a fresh connection, each on its own (autocommit).
     *
     * @param sql the statements
     * @throws SQLException when one fails
     */
    public static void execMariaDb(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(MARIADB_URL); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** @return a fresh unpooled connection, autocommit on */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /**
     * Runs statements on a fresh connection, each on its own (autocommit).
     *
     * @param sql the statements
     * @throws SQLException when one fails
     */
    public static void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Runs {@code CHECKPOINT} (needs superuser; ignored when refused). */
    public static void checkpoint() {
        try {
            exec("CHECKPOINT");
        }
        catch (SQLException ex) {
            System.err.println("CHECKPOINT refused: " + ex.getMessage());
        }
    }

    /**
     * A PostgreSQL table's storage parameters ({@code pg_class.reloptions}), for the log.
     *
     * @param table table name
     * @return e.g. {@code {autovacuum_vacuum_threshold=1000,...}}, {@code null} when it has none
     * @throws SQLException when the query fails
     */
    public static String reloptions(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                var ps = c.prepareStatement("SELECT reloptions::text FROM pg_class WHERE relname = ?")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no table " + table + ")";
            }
        }
    }
}
