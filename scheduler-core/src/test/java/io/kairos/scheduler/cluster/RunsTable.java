package io.kairos.scheduler.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The PostgreSQL table the cluster jobs write one row per run to (127.0.0.1:5432, database {@code test}):
 * {@code (job_id, scheduled_time epoch ms, node, started_at epoch ms)}. Named per test run so parallel runs do
 * not collide.
 */
final class RunsTable implements AutoCloseable {

    static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /**
     * One run as recorded.
     *
     * @param jobId the job's id
     * @param scheduledTime the scheduled run time, epoch ms
     * @param node the node that ran it
     * @param startedAt when the run started, epoch ms
     */
    record Run(String jobId, long scheduledTime, String node, long startedAt) {
    }

    private final String name;

    private final HikariDataSource dataSource;

    private RunsTable(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /**
     * A pool for PostgreSQL (user {@code postgres}) or MariaDB (user {@code root}) on loopback, as the test
     * servers are set up.
     */
    static HikariDataSource dataSource(String jdbcUrl, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(jdbcUrl.startsWith("jdbc:mariadb:") ? "root" : "postgres");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    static RunsTable create(String name) throws SQLException {
        HikariDataSource dataSource = dataSource(JDBC_URL, 4);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
            statement.execute("CREATE TABLE " + name + " (job_id VARCHAR(191) NOT NULL, scheduled_time BIGINT NOT NULL, "
                    + "node VARCHAR(64) NOT NULL, started_at BIGINT NOT NULL)");
        }
        return new RunsTable(name, dataSource);
    }

    String name() {
        return this.name;
    }

    DataSource dataSource() {
        return this.dataSource;
    }

    long count() throws SQLException {
        return single("SELECT count(*) FROM " + this.name);
    }

    long count(String node) throws SQLException {
        return single("SELECT count(*) FROM " + this.name + " WHERE node = '" + node + "'");
    }

    long distinctJobs(String idPrefix) throws SQLException {
        return single("SELECT count(DISTINCT job_id) FROM " + this.name + " WHERE job_id LIKE '" + idPrefix + "%'");
    }

    List<Run> all() throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT job_id, scheduled_time, node, started_at FROM " + this.name)) {
            while (rows.next()) {
                runs.add(new Run(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4)));
            }
        }
        return runs;
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Drops the table and closes the pool.
     */
    @Override
    public void close() throws SQLException {
        try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + this.name);
        }
        finally {
            this.dataSource.close();
        }
    }
}
