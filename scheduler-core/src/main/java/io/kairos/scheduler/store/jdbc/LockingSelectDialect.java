package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MySQL 8, MariaDB 10.6+ and H2: acquisition in two statements in one transaction. A
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (plain {@code FOR UPDATE} on H2 and on older servers) locks the due
 * rows, then one {@code UPDATE} leases them, conditional on each row's version and on the lease still being free,
 * so a row that changed while the select waited for its lock is left alone.
 */
final class LockingSelectDialect extends JdbcDialect {

    private final String lockClause;

    private final boolean lockThroughKey;

    /**
     * Creates the dialect.
     *
     * @param databaseId the Spring Boot database id
     * @param skipLocked whether the server supports {@code FOR UPDATE SKIP LOCKED}
     * @param lockThroughKey whether to pick the due rows in a subquery and lock them through the primary key (H2:
     *     with {@code FOR UPDATE} on the ordered scan itself it reads and sorts every due row instead of reading the
     *     run-time index in order)
     */
    LockingSelectDialect(String databaseId, boolean skipLocked, boolean lockThroughKey) {
        super(databaseId);
        this.lockClause = skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        this.lockThroughKey = lockThroughKey;
    }

    /**
     * The locking select of due rows. Parameters: now (twice), limit.
     *
     * @param sql the statements
     * @return the statement
     */
    String selectDueStatement(JobSql sql) {
        return selectDueStatement(sql, 0);
    }

    /**
     * The locking select of due rows with a worker-group filter. Parameters: now (twice), the executor aliases, limit.
     *
     * @param sql the statements
     * @param executors how many executor aliases a row's executor must be one of; 0 for any
     * @return the statement
     */
    String selectDueStatement(JobSql sql, int executors) {
        return (this.lockThroughKey ? sql.selectDueThroughKey(executors) : sql.selectDue(executors)) + this.lockClause;
    }

    /**
     * {@inheritDoc}
     *
     * <p>MySQL and MariaDB read it with {@code JSON_EXTRACT}; H2, whose {@code job_data} is text, with a regular
     * expression over the codec's compact JSON ({@code "executor":"<alias>"}).
     */
    @Override
    String executorExpression() {
        if (databaseId().equals("h2")) {
            return "REGEXP_SUBSTR(job_data, '\"executor\":\"([^\"]*)\"', 1, 1, '', 1)";
        }
        return "JSON_UNQUOTE(JSON_EXTRACT(job_data, '$.executor'))";
    }

    @Override
    List<JobRow> acquire(Connection connection, JobSql sql, String owner, long now, int limit, long leaseUntil,
            List<String> executors) throws SQLException {
        List<JobRow> rows;
        try (PreparedStatement select = connection.prepareStatement(selectDueStatement(sql, executors.size()))) {
            int p = 1;
            select.setLong(p++, now);
            select.setLong(p++, now);
            for (String executor : executors) {
                select.setString(p++, executor);
            }
            select.setInt(p, limit);
            rows = JobRow.readAll(select);
        }
        if (rows.isEmpty()) {
            return rows;
        }
        int leased;
        try (PreparedStatement ps = connection.prepareStatement(leaseStatement(sql, rows.size()))) {
            int p = 1;
            ps.setString(p++, owner);
            ps.setLong(p++, leaseUntil);
            for (JobRow row : rows) {
                ps.setString(p++, row.id());
            }
            for (JobRow row : rows) {
                ps.setString(p++, row.id());
                ps.setLong(p++, row.version());
            }
            ps.setLong(p++, now);
            ps.setLong(p, now);
            leased = ps.executeUpdate();
        }
        return leased == rows.size() ? rows : leasedOnly(connection, sql, rows, owner, leaseUntil);
    }

    /**
     * Leases the rows the locking select returned, each at the version read. Parameters: the owner, the lease expiry,
     * the ids, each row's id and version, now (twice). The list of ids leads the condition: H2 finds the rows through
     * the primary key only from an {@code IN} list; from the ids and versions alone, bound as parameters, it reads
     * every due row through the run-time index.
     *
     * @param sql the statements
     * @param rows how many rows, at least 1
     * @return the statement
     */
    static String leaseStatement(JobSql sql, int rows) {
        StringBuilder update = new StringBuilder("UPDATE ").append(sql.table).append(" SET lease_owner = ?, lease_until = ? WHERE id IN (")
                .append("?, ".repeat(rows - 1)).append("?) AND (");
        for (int i = 0; i < rows; i++) {
            update.append(i == 0 ? "" : " OR ").append("(id = ? AND version = ?)");
        }
        return update.append(") AND (lease_until IS NULL OR lease_until <= ?) AND next_run_time <= ?").toString();
    }

    // Rare: a row changed between the select and the update; keep the rows this owner now holds.
    private static List<JobRow> leasedOnly(Connection connection, JobSql sql, List<JobRow> rows, String owner, long leaseUntil)
            throws SQLException {
        Set<String> held = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, version FROM " + sql.table
                + " WHERE lease_owner = ? AND lease_until = ? AND id = ?")) {
            for (JobRow row : rows) {
                ps.setString(1, owner);
                ps.setLong(2, leaseUntil);
                ps.setString(3, row.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(2) == row.version()) {
                        held.add(row.id());
                    }
                }
            }
        }
        return rows.stream().filter((row) -> held.contains(row.id())).toList();
    }
}
