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
     * The earliest next run time of an unleased job, the earliest time a leased one becomes acquirable (over at most
     * {@link #LEASED_SCAN_LIMIT} of the rows {@link JdbcDialect#leasedRowsToWatch} reads), and how many leased rows
     * were read.
     */
    final String nextRunTimes;

    /** Like {@link #nextRunTimes} over every row {@link JdbcDialect#leasedRowsToWatch} reads. */
    final String nextRunTimesExact;

    final String selectDue;

    /**
     * Like {@link #selectDue}, with the due rows picked in a subquery and read again through the primary key: for
     * H2, which sorts every due row when {@code FOR UPDATE} applies to the ordered scan itself.
     */
    final String selectDueThroughKey;

    final String extendLease;

    final String releaseDelete;

    final String releaseReschedule;

    final String releaseDropLease;

    final String markBroken;

    /** Marks a readable job broken if its version is still the one given; drops the caller's lease. */
    final String markBrokenIfVersion;

    final String probe;

    /** Lease owners with how many jobs each holds and the earliest and latest lease expiry, by owner. */
    final String leaseHolders;

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
        this.nextRunTimes = nextRunTimes(t, dialect, " LIMIT " + LEASED_SCAN_LIMIT);
        this.nextRunTimesExact = nextRunTimes(t, dialect, "");
        String due = " WHERE next_run_time <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_run_time, id LIMIT ?";
        this.selectDue = "SELECT " + JobRow.COLUMNS + " FROM " + t + due;
        this.selectDueThroughKey = "SELECT " + JobRow.COLUMNS + " FROM " + t + " WHERE id IN (SELECT id FROM " + t + due + ")";
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
        this.leaseHolders = "SELECT lease_owner, COUNT(*), MIN(lease_until), MAX(lease_until) FROM " + t
                + " WHERE lease_owner IS NOT NULL GROUP BY lease_owner ORDER BY lease_owner";
    }

    // f: the earliest unleased run time; l: the earliest time one of the leased rows the dialect reads (up to the
    // limit) becomes acquirable, and how many it read
    private static String nextRunTimes(String t, JdbcDialect dialect, String limit) {
        String leasedExpiry = "MIN(CASE WHEN lease_until > next_run_time THEN lease_until ELSE next_run_time END)";
        return "WITH f AS (SELECT (SELECT next_run_time FROM " + t + " WHERE next_run_time IS NOT NULL AND lease_owner IS NULL"
                + " ORDER BY next_run_time, id LIMIT 1) AS next_run_time) SELECT f.next_run_time, l.expiry, l.leased FROM f CROSS JOIN"
                + " (SELECT " + leasedExpiry + " AS expiry, COUNT(*) AS leased FROM (" + dialect.leasedRowsToWatch(t, "f") + limit
                + ") s) l";
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
