package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
     * of the table and reads all of it (a sequential scan and a sort, several times the cost of the index range scan
     * even at 10,000 rows).
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
     * (a sequential scan of the whole table per acquisition, typically on a freshly loaded table without statistics).
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
        return acquireStatement(sql, 0);
    }

    /**
     * The acquisition statement with a worker-group filter. Parameters: owner, lease expiry, now (twice), the
     * executor aliases, limit.
     *
     * @param sql the statements
     * @param executors how many executor aliases a row's executor must be one of; 0 for any
     * @return the statement
     */
    static String acquireStatement(JobSql sql, int executors) {
        String now = "(SELECT CAST(? AS BIGINT))";
        String due = sql.dueCondition(executors).replace("next_run_time <= ?", "next_run_time <= " + now)
                .replace("lease_until <= ?", "lease_until <= " + now);
        return "UPDATE " + sql.table + " SET lease_owner = ?, lease_until = ? WHERE id = ANY (ARRAY(SELECT id FROM "
                + sql.table + due + " FOR UPDATE SKIP LOCKED)) RETURNING " + JobRow.COLUMNS;
    }

    @Override
    String executorExpression() {
        return "(job_data ->> 'executor')";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Wrapped in a {@code CASE}, whose selectivity the planner takes as one half: it has no statistics of the
     * executor read from the JSON and estimates an {@code IN} on it at 0.5 % per alias, then expects a handful of due
     * rows and sorts all of them (a bitmap scan, as with the time visible) instead of reading the run-time index in
     * order up to the limit (see {@code PostgresQueryPlansIT}).
     */
    @Override
    String executorFilter(String condition) {
        return "CASE WHEN " + condition + " THEN TRUE ELSE FALSE END";
    }

    @Override
    List<JobRow> acquire(Connection connection, JobSql sql, String owner, long now, int limit, long leaseUntil,
            List<String> executors) throws SQLException {
        String statement = acquireStatement(sql, executors.size());
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            int p = 1;
            ps.setString(p++, owner);
            ps.setLong(p++, leaseUntil);
            ps.setLong(p++, now);
            ps.setLong(p++, now);
            for (String executor : executors) {
                ps.setString(p++, executor);
            }
            ps.setInt(p, limit);
            return JobRow.readAll(ps);
        }
    }
}
