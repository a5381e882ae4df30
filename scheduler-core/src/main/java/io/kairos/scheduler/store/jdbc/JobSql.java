package io.kairos.scheduler.store.jdbc;

/**
 * The SQL text of every statement the JDBC job store runs, for one table and dialect. The table name is
 * validated ({@link TableName}); every value is a bind parameter. Immutable.
 */
final class JobSql {

    final String table;

    final String insert;

    /** Which rows an update by id may write: a job, a finished marker, or either. */
    enum Target {
        JOB(" AND state <> 'FINISHED'"), MARKER(" AND state = 'FINISHED'"), ANY("");

        final String condition;

        Target(String condition) {
            this.condition = condition;
        }
    }

    private final String update;

    final String updateColumnsOnly;

    final String selectFinishedById;

    final String deleteFinishedBefore;

    final String selectVersion;

    final String delete;

    final String deleteAll;

    final String selectById;

    final String selectAll;

    /**
     * One page of rows in id order through the primary key, markers included (the caller filters): parameters the
     * limit; {@link #selectPageAfter} adds the cursor (the last id read) first.
     */
    final String selectPage;

    /** Like {@link #selectPage}, after an id. Parameters: the id, the limit. */
    final String selectPageAfter;

    /** Every row, finished markers included; followed by a condition. */
    final String selectRows;

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

    /** The executor alias of a row, read from its JSON (the dialect's expression). */
    private final String executor;

    private final JdbcDialect dialect;

    /**
     * Counts the earliest due unleased rows by executor alias. Parameters: due before, now (leases), how many rows to
     * look at.
     */
    final String countDueByExecutor;

    final String extendLease;

    final String releaseDelete;

    final String releaseReschedule;

    final String releaseDropLease;

    /** Rewrites a leased job's data at the acquired version, ahead of its release (a pending retry changed). */
    final String releaseData;

    /** The job's id if {@code lease_owner} and {@code version} still match (id, owner, version). */
    final String leasedAtVersion;

    final String markBroken;

    /** Marks a readable job broken if its version is still the one given; drops the caller's lease. */
    final String markBrokenIfVersion;

    final String probe;

    /** Lease owners with how many jobs each holds and the earliest and latest lease expiry, by owner. */
    final String leaseHolders;

    /** How many rows are in each state, finished markers included (the caller leaves them out). */
    final String countByState;

    JobSql(TableName tableName, JdbcDialect dialect) {
        String t = tableName.qualified();
        String json = dialect.jsonParameter();
        this.table = t;
        this.insert = "INSERT INTO " + t + " (next_run_time, next_fire_time, state, broken_reason, job_data, id, version, lease_owner, "
                + "lease_until) VALUES (?, ?, ?, ?, " + json + ", ?, 1, NULL, NULL)" + dialect.insertIgnoringConflictSuffix();
        this.update = "UPDATE " + t + " SET next_run_time = ?, next_fire_time = ?, state = ?, broken_reason = ?, job_data = " + json
                + ", version = version + 1 WHERE id = ?";
        this.updateColumnsOnly = "UPDATE " + t + " SET next_run_time = ?, next_fire_time = ?, state = ?, broken_reason = ?, "
                + "version = version + 1 WHERE id = ?" + Target.JOB.condition;
        this.selectFinishedById = "SELECT " + JobRow.COLUMNS + " FROM " + t + " WHERE id = ?" + Target.MARKER.condition;
        // a marker's next_fire_time holds when it was written
        this.deleteFinishedBefore = "DELETE FROM " + t + " WHERE state = 'FINISHED' AND next_fire_time < ?";
        this.selectVersion = "SELECT version FROM " + t + " WHERE id = ?";
        this.delete = "DELETE FROM " + t + " WHERE id = ?";
        this.deleteAll = "DELETE FROM " + t;
        this.selectById = "SELECT " + JobRow.COLUMNS + " FROM " + t + " WHERE id = ?" + Target.JOB.condition;
        this.selectRows = "SELECT " + JobRow.COLUMNS + " FROM " + t;
        this.selectAll = this.selectRows + " WHERE state <> 'FINISHED'";
        this.selectPage = this.selectRows + " ORDER BY id LIMIT ?";
        this.selectPageAfter = this.selectRows + " WHERE id > ? ORDER BY id LIMIT ?";
        this.nextRunTimes = nextRunTimes(t, dialect, " LIMIT " + LEASED_SCAN_LIMIT);
        this.nextRunTimesExact = nextRunTimes(t, dialect, "");
        this.dialect = dialect;
        // JSON without an executor reads as 'default', as the codec's lenient reading does
        this.executor = "COALESCE(" + dialect.executorExpression() + ", 'default')";
        this.selectDue = selectDue(0);
        this.selectDueThroughKey = selectDueThroughKey(0);
        String unleasedDue = " WHERE next_run_time <= ? AND (lease_until IS NULL OR lease_until <= ?)";
        this.countDueByExecutor = "SELECT executor, COUNT(*) FROM (SELECT " + this.executor + " AS executor FROM " + t + unleasedDue
                + " ORDER BY next_run_time, id LIMIT ?) d GROUP BY executor";
        this.extendLease = "UPDATE " + t + " SET lease_until = ? WHERE id = ? AND lease_owner = ?";
        this.releaseDelete = "DELETE FROM " + t + " WHERE id = ? AND lease_owner = ? AND version = ?";
        this.releaseReschedule = "UPDATE " + t + " SET next_run_time = ?, next_fire_time = ?, state = ?, version = version + 1,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND version = ?";
        this.releaseDropLease = "UPDATE " + t + " SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";
        this.releaseData = "UPDATE " + t + " SET job_data = " + json + " WHERE id = ? AND lease_owner = ? AND version = ?";
        this.leasedAtVersion = "SELECT id FROM " + t + " WHERE id = ? AND lease_owner = ? AND version = ?";
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
        this.countByState = "SELECT state, COUNT(*) FROM " + t + " GROUP BY state";
    }

    /**
     * The due-rows condition, ordered and limited. Parameters: now (twice), then {@code executors} aliases, then the
     * limit.
     *
     * @param executors how many executor aliases a due row's executor must be one of; 0 for any
     * @return the clause, from {@code WHERE} to {@code LIMIT ?}
     */
    String dueCondition(int executors) {
        StringBuilder due = new StringBuilder(" WHERE next_run_time <= ? AND (lease_until IS NULL OR lease_until <= ?)");
        if (executors > 0) {
            due.append(" AND ").append(this.dialect.executorFilter(this.executor + " IN (" + "?, ".repeat(executors - 1) + "?)"));
        }
        return due.append(" ORDER BY next_run_time, id LIMIT ?").toString();
    }

    /**
     * Selects due rows. Parameters as {@link #dueCondition}.
     *
     * @param executors how many executor aliases to filter by; 0 for none
     * @return the statement
     */
    String selectDue(int executors) {
        return "SELECT " + JobRow.COLUMNS + " FROM " + this.table + dueCondition(executors);
    }

    /**
     * Like {@link #selectDue(int)}, with the due rows picked in a subquery and read again through the primary key.
     *
     * @param executors how many executor aliases to filter by; 0 for none
     * @return the statement
     */
    String selectDueThroughKey(int executors) {
        return "SELECT " + JobRow.COLUMNS + " FROM " + this.table + " WHERE id IN (SELECT id FROM " + this.table
                + dueCondition(executors) + ")";
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
     * Replaces a row's columns and JSON by id. Parameters: next run time, next fire time, state, broken reason, JSON, id.
     *
     * @param target which rows it may write
     * @return the statement
     */
    String update(Target target) {
        return this.update + target.condition;
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
