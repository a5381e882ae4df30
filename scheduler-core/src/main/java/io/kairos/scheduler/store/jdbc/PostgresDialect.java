package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: JSONB data, acquisition in one statement ({@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE
 * SKIP LOCKED) RETURNING}), and {@code LISTEN/NOTIFY} wake-ups.
 */
final class PostgresDialect extends JdbcDialect {

    PostgresDialect() {
        super("postgresql");
    }

    @Override
    String jsonParameter() {
        return "CAST(? AS jsonb)";
    }

    @Override
    String insertIgnoringConflictSuffix() {
        return " ON CONFLICT (id) DO NOTHING";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here only the leased rows that fall due before the earliest unleased row, in run-time order: no other leased
     * row can become acquirable before that one (a lease never makes a row acquirable before its next run time), and
     * these are the run-time index's entries below that row's, so the table needs no {@code lease_until} index and
     * taking or extending a lease changes no indexed column (a HOT update; see {@code schema-postgresql.sql}). The
     * range's lower bound, the earliest next run time, is read off the index too: with both bounds unknown when it
     * plans, PostgreSQL estimates a narrow range and scans the index; with the upper bound alone it estimates a third
     * of the table and reads all of it (measured: a sequential scan and sort of a 10,000-row table without
     * statistics, 1.2 ms, against 0.2 ms through the index).
     */
    @Override
    String leasedRowsToWatch(String table, String firstUnleased) {
        return "SELECT lease_until, next_run_time FROM " + table + " WHERE next_run_time >= (SELECT MIN(next_run_time) FROM " + table
                + ") AND next_run_time < COALESCE((SELECT next_run_time FROM " + firstUnleased + "), " + Long.MAX_VALUE + ")"
                + " AND lease_owner IS NOT NULL ORDER BY next_run_time, id";
    }

    @Override
    boolean supportsNotify() {
        return true;
    }

    /**
     * The acquisition statement. Parameters: owner, lease expiry, now (twice), limit.
     *
     * <p>{@code = ANY (ARRAY(...))}: the locked ids become one array (an init plan) looked up through the primary
     * key; with {@code IN (SELECT ...)} the planner may hash-join the subquery against a scan of the whole table
     * (measured: a sequential scan of 10,000 rows per acquisition on a freshly loaded table without statistics).
     *
     * <p>The current time is bound through {@code (SELECT CAST(? AS BIGINT))}, a value the planner does not see: it
     * then estimates a third of the table due, whatever the statistics say, and the ordered scan of the run-time
     * index with its {@code LIMIT} is the cheapest plan at every table size. With the time visible, statistics that
     * describe only future jobs make it estimate a handful of due rows, and it switches to a bitmap scan that reads
     * every due row and sorts them to return the first few (see {@code PostgresQueryPlansIT}).
     *
     * @param sql the statements
     * @return the statement
     */
    static String acquireStatement(JobSql sql) {
        String now = "(SELECT CAST(? AS BIGINT))";
        return "UPDATE " + sql.table + " SET lease_owner = ?, lease_until = ? WHERE id = ANY (ARRAY(SELECT id FROM "
                + sql.table + " WHERE next_run_time <= " + now + " AND (lease_until IS NULL OR lease_until <= " + now + ")"
                + " ORDER BY next_run_time, id LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING " + JobRow.COLUMNS;
    }

    @Override
    List<JobRow> acquire(Connection connection, JobSql sql, String owner, long now, int limit, long leaseUntil) throws SQLException {
        String statement = acquireStatement(sql);
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setString(1, owner);
            ps.setLong(2, leaseUntil);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setInt(5, limit);
            List<JobRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(JobRow.read(rs));
                }
            }
            return rows;
        }
    }
}
