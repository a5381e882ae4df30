package io.kairos.scheduler.store.jdbc;

/**
 * The SQL text of every statement the JDBC job store runs, for one table and dialect. The table name is
 * validated ({@link TableName}); every value is a bind parameter. Immutable.
 */
final class JobSql {

    final String table;

    final String insert;

    final String update;

    final String updateColumnsOnly;

    final String selectVersion;

    final String delete;

    final String deleteAll;

    final String selectById;

    final String selectAll;

    /** The most leased rows {@link #nextRunTimes} reads; beyond, {@link #nextRunTimesExact} is needed. */
    static final int LEASED_SCAN_LIMIT = 1000;

    /**
     * The earliest next run time of an unleased job, the earliest time a leased one becomes acquirable (over at
     * most {@link #LEASED_SCAN_LIMIT} leased rows), and how many leased rows were read.
     */
    final String nextRunTimes;

    /** Like {@link #nextRunTimes} over every leased row; the third column is always 0. */
    final String nextRunTimesExact;

    final String selectDue;

    final String extendLease;

    final String releaseDelete;

    final String releaseReschedule;

    final String releaseDropLease;

    final String markBroken;

    /** Marks a readable job broken if its version is still the one given; drops the caller's lease. */
    final String markBrokenIfVersion;

    final String probe;

    JobSql(TableName tableName, JdbcDialect dialect) {
        String t = tableName.qualified();
        String json = dialect.jsonParameter();
        this.table = t;
        this.insert = "INSERT INTO " + t + " (next_run_time, next_fire_time, state, broken_reason, job_data, id, version, lease_owner, "
                + "lease_until) VALUES (?, ?, ?, ?, " + json + ", ?, 1, NULL, NULL)" + dialect.insertIgnoringConflictSuffix();
        this.update = "UPDATE " + t + " SET next_run_time = ?, next_fire_time = ?, state = ?, broken_reason = ?, job_data = " + json
                + ", version = version + 1 WHERE id = ?";
        this.updateColumnsOnly = "UPDATE " + t + " SET next_run_time = ?, next_fire_time = ?, state = ?, broken_reason = ?, "
                + "version = version + 1 WHERE id = ?";
        this.selectVersion = "SELECT version FROM " + t + " WHERE id = ?";
        this.delete = "DELETE FROM " + t + " WHERE id = ?";
        this.deleteAll = "DELETE FROM " + t;
        this.selectById = "SELECT " + JobRow.COLUMNS + " FROM " + t + " WHERE id = ?";
        this.selectAll = "SELECT " + JobRow.COLUMNS + " FROM " + t;
        // Leased rows are read in lease_until order, at most LEASED_SCAN_LIMIT of them: unlike an aggregate over
        // "lease_until IS NOT NULL", the ordered scan with a limit makes the planner use the lease_until index even
        // on a table without statistics (one filled by a burst of adds before ANALYZE) instead of reading the whole
        // table on every call. When the limit is reached, nextRunTimesExact gives the exact answer.
        String leasedExpiry = "MIN(CASE WHEN lease_until > next_run_time THEN lease_until ELSE next_run_time END)";
        // one scan of the leased rows gives both their earliest expiry and their count
        this.nextRunTimes = "SELECT f.next_run_time, l.expiry, l.leased FROM (SELECT (SELECT next_run_time FROM " + t
                + " WHERE next_run_time IS NOT NULL AND lease_owner IS NULL ORDER BY next_run_time, id LIMIT 1) AS next_run_time) f"
                + " CROSS JOIN (SELECT " + leasedExpiry + " AS expiry, COUNT(*) AS leased FROM (SELECT lease_until, next_run_time FROM "
                + t + " WHERE lease_until IS NOT NULL AND next_run_time IS NOT NULL ORDER BY lease_until LIMIT " + LEASED_SCAN_LIMIT
                + ") s) l";
        this.nextRunTimesExact = "SELECT (SELECT next_run_time FROM " + t + " WHERE next_run_time IS NOT NULL AND lease_owner IS NULL"
                + " ORDER BY next_run_time, id LIMIT 1), (SELECT " + leasedExpiry + " FROM " + t
                + " WHERE lease_until IS NOT NULL AND next_run_time IS NOT NULL), 0";
        this.selectDue = "SELECT " + JobRow.COLUMNS + " FROM " + t + " WHERE next_run_time <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                + " ORDER BY next_run_time, id LIMIT ?";
        this.extendLease = "UPDATE " + t + " SET lease_until = ? WHERE id = ? AND lease_owner = ?";
        this.releaseDelete = "DELETE FROM " + t + " WHERE id = ? AND lease_owner = ? AND version = ?";
        this.releaseReschedule = "UPDATE " + t + " SET next_run_time = ?, next_fire_time = ?, state = ?, version = version + 1,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND version = ?";
        this.releaseDropLease = "UPDATE " + t + " SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";
        this.markBroken = "UPDATE " + t + " SET state = 'BROKEN', broken_reason = ?, next_run_time = NULL, next_fire_time = NULL,"
                + " lease_owner = NULL, lease_until = NULL, version = version + 1 WHERE id = ? AND lease_owner = ?";
        // lease_until before lease_owner: MySQL evaluates single-table SET assignments left to right with new values
        this.markBrokenIfVersion = "UPDATE " + t + " SET state = 'BROKEN', broken_reason = ?, next_run_time = NULL,"
                + " next_fire_time = NULL, lease_until = CASE WHEN lease_owner = ? THEN NULL ELSE lease_until END,"
                + " lease_owner = CASE WHEN lease_owner = ? THEN NULL ELSE lease_owner END, version = version + 1"
                + " WHERE id = ? AND version = ?";
        this.probe = "SELECT id FROM " + t + " WHERE 1 = 0";
    }

    /**
     * Selects, of {@code count} ids, those whose lease the given owner holds. Parameters: the owner, then the ids.
     *
     * @param count the number of ids, at least 1
     * @return the statement
     */
    String selectLeasedBy(int count) {
        return "SELECT id FROM " + this.table + " WHERE lease_owner = ? AND id IN (" + "?, ".repeat(count - 1) + "?)";
    }
}
