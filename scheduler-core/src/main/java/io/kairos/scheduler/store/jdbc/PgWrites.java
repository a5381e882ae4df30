package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.StoredJob;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;


/**
 * PostgreSQL's writes, each one statement (one round trip, atomic in auto-commit mode): a write that leaves a
 * job scheduled sends its {@code NOTIFY} from the same statement, and a batch of releases or lease extensions
 * binds arrays ({@code unnest}, {@code = ANY}) instead of running a statement per job. The notification payload
 * is {@link WakeupPayload#sql the earliest next run time written and this scheduler's id}. Thread-safe.
 */
final class PgWrites {

    private final String insert;

    private final String insertAll;

    private final String copyNew;

    private final java.util.EnumMap<JobSql.Target, String> update = new java.util.EnumMap<>(JobSql.Target.class);

    private final String updateColumnsOnly;

    private final String release;

    private final String extendLeases;

    private final String channel;

    private final String schedulerId;

    /**
     * Builds the statements.
     *
     * @param sql the store's statements (table name, JSON binding)
     * @param channel the notification channel
     * @param schedulerId this scheduler's id, sent in every payload
     */
    PgWrites(JobSql sql, String channel, String schedulerId) {
        String t = sql.table;
        String notify = " SELECT w.version, CASE WHEN w.next_run_time IS NOT NULL THEN pg_notify(?, "
                + WakeupPayload.sql("w.next_run_time") + ") END FROM w";
        this.insert = "WITH w AS (" + sql.insert + " RETURNING next_run_time, version)" + notify;
        // a batch of new jobs as one statement over arrays: one round trip and one executor run instead of one per row
        this.insertAll = "INSERT INTO " + t + " (next_run_time, next_fire_time, state, broken_reason, job_data, id, version, lease_owner,"
                + " lease_until) SELECT r.next_run_time, r.next_fire_time, r.state, r.broken_reason, CAST(r.job_data AS jsonb), r.id, 1,"
                + " NULL, NULL FROM unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::text[], ?::text[], ?::varchar[])"
                + " AS r(next_run_time, next_fire_time, state, broken_reason, job_data, id) ON CONFLICT (id) DO NOTHING";
        // the same rows through COPY: lease columns NULL, as they have no default
        this.copyNew = "COPY " + t + " (next_run_time, next_fire_time, state, broken_reason, job_data, id, version) FROM STDIN";
        for (JobSql.Target target : JobSql.Target.values()) {
            this.update.put(target, "WITH w AS (" + sql.update(target) + " RETURNING next_run_time, version)" + notify);
        }
        this.updateColumnsOnly = "WITH w AS (" + sql.updateColumnsOnly + " RETURNING next_run_time, version)" + notify;
        // Three disjoint writes in one statement (a data-modifying CTE runs whether read or not): delete finished
        // jobs and reschedule the others where lease and version still match; where only the version moved on
        // (the API changed the job meanwhile), drop the lease alone: the leased rows among the ids that neither of
        // the other two wrote. That last part finds its rows through the primary key (= ANY (ARRAY(...)), as in
        // acquire): joined to r on the id, PostgreSQL may hash-join r against a sequential scan of the whole table,
        // a cost that grows with the table and dominates the release.
        this.release = "WITH r AS (SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::boolean[], ?::bigint[], ?::bigint[], ?::varchar[])"
                + " AS r(id, version, remove, next_run_time, next_fire_time, state)),"
                + " d AS (DELETE FROM " + t + " j USING r WHERE j.id = r.id AND r.remove AND j.lease_owner = ? AND j.version = r.version"
                + " RETURNING j.id),"
                + " u AS (UPDATE " + t + " j SET next_run_time = r.next_run_time, next_fire_time = r.next_fire_time,"
                + " state = r.state, version = j.version + 1,"
                + " lease_owner = NULL, lease_until = NULL FROM r WHERE j.id = r.id AND NOT r.remove AND j.lease_owner = ?"
                + " AND j.version = r.version RETURNING j.id, j.next_run_time),"
                + " x AS (UPDATE " + t + " j SET lease_owner = NULL, lease_until = NULL WHERE j.id = ANY (ARRAY(SELECT id FROM r))"
                + " AND j.lease_owner = ? AND j.id NOT IN (SELECT id FROM d UNION ALL SELECT id FROM u) RETURNING j.next_run_time)"
                + " SELECT pg_notify(?, " + WakeupPayload.sql("min(s.next_run_time)") + ") FROM (SELECT next_run_time FROM u"
                + " UNION ALL SELECT next_run_time FROM x) s WHERE s.next_run_time IS NOT NULL HAVING count(*) > 0";
        // the update finds its rows through the primary key (= ANY); the ids it did not extend come back
        this.extendLeases = "WITH u AS (UPDATE " + t + " SET lease_until = ? WHERE id = ANY (?::varchar[]) AND lease_owner = ?"
                + " RETURNING id) SELECT unnest(?::varchar[]) EXCEPT SELECT id FROM u";
        this.channel = channel;
        this.schedulerId = schedulerId;
    }

    /**
     * Inserts a job at version 1, notifying when it is scheduled.
     *
     * @return {@code true} when inserted, {@code false} when the id is taken
     */
    boolean insert(Connection c, StoredJob job, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(this.insert)) {
            JobWriter.bindColumns(ps, job);
            ps.setString(5, json);
            ps.setString(6, job.id());
            return versionAfterNotify(ps, 7) != null;
        }
    }

    /**
     * Inserts new jobs at version 1 (no notification: the caller sends one for the batch). On a PgJDBC connection
     * ({@link PgCopyText#supports}) with one {@code COPY ... FROM STDIN}: the rows are sent in chunks of about
     * {@value #COPY_CHUNK} bytes as they are formatted, so the server parses and inserts the first rows while
     * the client formats the next, and the server inserts without an executor per row and without the array
     * literals of the statement below (measured: about half the server time of that statement per row). Otherwise
     * with one {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT (id) DO NOTHING}.
     *
     * @param jobs the jobs, distinct ids
     * @param json each job's JSON, in the order of {@code jobs}
     * @return how many rows were inserted: fewer than {@code jobs} when some ids were taken meanwhile (with
     *     {@code COPY}, 0: a taken id fails the copy, and the transaction must then be rolled back)
     */
    int insertAll(Connection c, List<StoredJob> jobs, List<String> json) throws SQLException {
        if (PgCopyText.supports(c)) {
            return copyNew(c, jobs, json);
        }
        int n = jobs.size();
        @Nullable Long[] nextRunTimes = new Long[n];
        @Nullable Long[] nextFireTimes = new Long[n];
        String[] states = new String[n];
        @Nullable String[] reasons = new String[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            StoredJob job = jobs.get(i);
            nextRunTimes[i] = JobRows.millis(job.nextRunTime());
            nextFireTimes[i] = JobRows.millis(job.nextFireTime());
            states[i] = job.state().name();
            reasons[i] = JobRows.reason(job.brokenReason());
            ids[i] = job.id();
        }
        try (PreparedStatement ps = c.prepareStatement(this.insertAll)) {
            ps.setArray(1, c.createArrayOf("bigint", nextRunTimes));
            ps.setArray(2, c.createArrayOf("bigint", nextFireTimes));
            ps.setArray(3, c.createArrayOf("varchar", states));
            ps.setArray(4, c.createArrayOf("text", reasons));
            ps.setArray(5, c.createArrayOf("text", json.toArray(String[]::new)));
            ps.setArray(6, c.createArrayOf("varchar", ids));
            return ps.executeUpdate();
        }
    }

    /** Bytes of formatted rows sent to the server at a time by {@link #copyNew}. */
    static final int COPY_CHUNK = 32 * 1024;

    private int copyNew(Connection c, List<StoredJob> jobs, List<String> json) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(this.copyNew);
        try {
            PgCopyText rows = new PgCopyText(COPY_CHUNK + 1024);
            for (int i = 0; i < jobs.size(); i++) {
                StoredJob job = jobs.get(i);
                rows.nullable(JobRows.millis(job.nextRunTime())).tab().nullable(JobRows.millis(job.nextFireTime())).tab()
                        .ascii(job.state().name()).tab().nullable(JobRows.reason(job.brokenReason())).tab()
                        .field(json.get(i)).tab().field(job.id()).tab().ascii("1").endRow();
                if (rows.size() >= COPY_CHUNK || i == jobs.size() - 1) {
                    in.writeToCopy(rows.array(), 0, rows.size());
                    rows.clear();
                }
            }
            return Math.toIntExact(in.endCopy());
        }
        catch (SQLException ex) {
            PgCopyText.cancel(in, ex);
            if ("23505".equals(ex.getSQLState())) {
                // an id inserted by another writer after the batch's locking select
                return 0;
            }
            throw ex;
        }
        catch (RuntimeException ex) {
            PgCopyText.cancel(in, ex);
            throw ex;
        }
    }

    /**
     * Sends one wake-up notification for a next run time, as the writing statements do.
     *
     * @param c the connection (the notification goes out when its transaction commits)
     * @param nextRunTime epoch milliseconds
     */
    void notifyWakeup(Connection c, long nextRunTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, " + WakeupPayload.sql("CAST(? AS BIGINT)") + ")")) {
            ps.setString(1, this.channel);
            ps.setLong(2, nextRunTime);
            ps.setString(3, this.schedulerId);
            ps.executeQuery().close();
        }
    }

    /**
     * Replaces a job, keeping its lease, notifying when it is scheduled; {@code json == null} keeps the stored JSON.
     *
     * @return the new version, or {@code null} when no row has the id
     */
    @Nullable Long update(Connection c, StoredJob job, @Nullable String json, JobSql.Target target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(json == null ? this.updateColumnsOnly : this.update.get(target))) {
            JobWriter.bindColumns(ps, job);
            int p = 5;
            if (json != null) {
                ps.setString(p++, json);
            }
            ps.setString(p++, job.id());
            return versionAfterNotify(ps, p);
        }
    }

    private @Nullable Long versionAfterNotify(PreparedStatement ps, int p) throws SQLException {
        ps.setString(p, this.channel);
        ps.setString(p + 1, this.schedulerId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /**
     * The release statement {@link #release} runs. Parameters: ids, versions, removes, next run times, next fire
     * times (arrays), the owner three times, the channel, the scheduler id.
     *
     * @return the statement
     */
    String releaseStatement() {
        return this.release;
    }

    /**
     * Applies releases in one statement; see {@link JobWriter#release}. A job id given twice counts once (the
     * last release wins), since one statement cannot write a row twice.
     */
    void release(Connection c, String owner, List<JobRelease> releases, long finishedAt) throws SQLException {
        Map<String, JobRelease> byId = new LinkedHashMap<>();
        for (JobRelease release : releases) {
            byId.put(release.jobId(), release);
        }
        int n = byId.size();
        String[] ids = new String[n];
        Long[] versions = new Long[n];
        Boolean[] removes = new Boolean[n];
        @Nullable Long[] nextRunTimes = new Long[n];
        @Nullable Long[] nextFireTimes = new Long[n];
        @Nullable String[] states = new String[n];
        int i = 0;
        for (JobRelease release : byId.values()) {
            ReleaseColumns columns = ReleaseColumns.of(release, finishedAt);
            ids[i] = release.jobId();
            versions[i] = release.acquiredVersion();
            removes[i] = columns.delete();
            nextRunTimes[i] = columns.nextRunTime();
            nextFireTimes[i] = columns.nextFireTime();
            states[i] = columns.state();
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(this.release)) {
            ps.setArray(1, c.createArrayOf("varchar", ids));
            ps.setArray(2, c.createArrayOf("bigint", versions));
            ps.setArray(3, c.createArrayOf("bool", removes));
            ps.setArray(4, c.createArrayOf("bigint", nextRunTimes));
            ps.setArray(5, c.createArrayOf("bigint", nextFireTimes));
            ps.setArray(6, c.createArrayOf("varchar", states));
            ps.setString(7, owner);
            ps.setString(8, owner);
            ps.setString(9, owner);
            ps.setString(10, this.channel);
            ps.setString(11, this.schedulerId);
            ps.executeQuery().close();
        }
    }

    /**
     * Extends the leases {@code owner} still holds on the ids, in one statement.
     *
     * @return the ids whose leases {@code owner} no longer holds, a new mutable set
     */
    Set<String> extendLeases(Connection c, String owner, Collection<String> jobIds, long leaseUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(this.extendLeases)) {
            Array ids = c.createArrayOf("varchar", jobIds.toArray(String[]::new));
            ps.setLong(1, leaseUntil);
            ps.setArray(2, ids);
            ps.setString(3, owner);
            ps.setArray(4, ids);
            Set<String> lost = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lost.add(rs.getString(1));
                }
            }
            return lost;
        }
    }
}
