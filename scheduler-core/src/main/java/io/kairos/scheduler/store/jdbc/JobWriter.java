package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.StoredJob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC job store's writes. On PostgreSQL each is one statement ({@link PgWrites}), run in auto-commit mode;
 * elsewhere they are JDBC batches inside the caller's transaction. Thread-safe.
 */
final class JobWriter {

    private static final Logger logger = LoggerFactory.getLogger(JobWriter.class);

    private final JobSql sql;

    private final JobRows rows;

    private final JdbcDialect dialect;

    private final @Nullable PgWrites pg;

    /**
     * Creates the writer.
     *
     * @param sql the statements
     * @param rows decodes acquired rows
     * @param dialect the database's dialect
     * @param pg PostgreSQL's one-statement writes, or {@code null} on other databases
     */
    JobWriter(JobSql sql, JobRows rows, JdbcDialect dialect, @Nullable PgWrites pg) {
        this.sql = sql;
        this.rows = rows;
        this.dialect = dialect;
        this.pg = pg;
    }

    /**
     * Whether every write is a single statement, so that it needs no transaction of its own.
     *
     * @return {@code true} on PostgreSQL
     */
    boolean singleStatements() {
        return this.pg != null;
    }

    /**
     * Inserts a job at version 1.
     *
     * @return {@code true} when inserted, {@code false} when the id is taken (the transaction is rolled back)
     */
    boolean insert(Connection c, StoredJob job, String json) throws SQLException {
        if (this.pg != null) {
            return this.pg.insert(c, job, json);
        }
        try (PreparedStatement ps = c.prepareStatement(this.sql.insert)) {
            bindColumns(ps, job);
            ps.setString(5, json);
            ps.setString(6, job.id());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        catch (SQLException ex) {
            if (this.dialect.isDuplicateKey(ex)) {
                c.rollback();
                return false;
            }
            throw ex;
        }
        return true;
    }

    /**
     * Inserts new jobs at version 1 in one statement, on PostgreSQL only ({@link #singleStatements()}); without a
     * notification (the caller sends one per batch).
     *
     * @param jobs the jobs, distinct ids
     * @param json each job's JSON, in the order of {@code jobs}
     * @return how many rows were inserted: fewer than {@code jobs} when some ids were taken meanwhile
     * @throws IllegalStateException on other databases
     */
    int insertAll(Connection c, List<StoredJob> jobs, List<String> json) throws SQLException {
        if (this.pg == null) {
            throw new IllegalStateException("one-statement inserts are PostgreSQL's; batch the inserts instead");
        }
        return this.pg.insertAll(c, jobs, json);
    }

    /**
     * Tells the other schedulers that a job now runs at {@code nextRunTime}: a {@code NOTIFY} on PostgreSQL (sent
     * when the transaction commits), nothing elsewhere (they poll).
     *
     * @param c the connection of the writing transaction
     * @param nextRunTime the earliest next run time written, epoch milliseconds
     */
    void notifyWakeup(Connection c, long nextRunTime) throws SQLException {
        if (this.pg != null) {
            this.pg.notifyWakeup(c, nextRunTime);
        }
    }

    /**
     * Replaces a job, keeping its lease; {@code json == null} keeps the stored JSON (a broken job whose trigger
     * could not be read is re-marked without losing what was stored; it writes jobs only).
     *
     * @param target which row may be written: a job, a finished marker, or either
     * @return the new version, or {@code null} when no row has the id
     */
    @Nullable Long update(Connection c, StoredJob job, @Nullable String json, JobSql.Target target) throws SQLException {
        if (this.pg != null) {
            return this.pg.update(c, job, json, target);
        }
        try (PreparedStatement ps = c.prepareStatement(json == null ? this.sql.updateColumnsOnly : this.sql.update(target))) {
            bindColumns(ps, job);
            int p = 5;
            if (json != null) {
                ps.setString(p++, json);
            }
            ps.setString(p, job.id());
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        long version;
        try (PreparedStatement ps = c.prepareStatement(this.sql.selectVersion)) {
            ps.setString(1, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
        }
        return version;
    }

    // next_run_time, next_fire_time, state, broken_reason
    static void bindColumns(PreparedStatement ps, StoredJob job) throws SQLException {
        setLong(ps, 1, JobRows.millis(job.nextRunTime()));
        setLong(ps, 2, JobRows.millis(job.nextFireTime()));
        ps.setString(3, job.state().name());
        ps.setString(4, JobRows.reason(job.brokenReason()));
    }

    boolean delete(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(this.sql.delete)) {
            ps.setString(1, jobId);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Decodes acquired rows; rows that cannot be read are marked broken (and their lease dropped) instead, and come
     * back as broken jobs with the reason, so that the scheduler reports them.
     *
     * @return the jobs that could be read, then the ones this call marked broken
     */
    List<StoredJob> readOrMarkBroken(Connection c, List<JobRow> acquired, String owner) throws SQLException {
        List<StoredJob> jobs = new ArrayList<>(acquired.size());
        List<StoredJob> broken = new ArrayList<>();
        for (JobRow row : acquired) {
            try {
                jobs.add(this.rows.decode(row));
            }
            catch (JobDecodeException ex) {
                logger.warn("Kairos job store: job '{}' in {} cannot be read and is marked broken (kept, not run): {}", row.id(),
                        this.sql.table, ex.getMessage());
                String reason = Objects.requireNonNull(JobRows.reason(ex.getMessage()));
                try (PreparedStatement ps = c.prepareStatement(this.sql.markBroken)) {
                    ps.setString(1, reason);
                    ps.setString(2, row.id());
                    ps.setString(3, owner);
                    if (ps.executeUpdate() == 1) {
                        broken.add(this.rows.broken(row, reason).withVersion(row.version() + 1));
                    }
                }
            }
        }
        jobs.addAll(broken);
        return jobs;
    }

    /**
     * Extends the leases {@code owner} still holds on the ids: one statement on PostgreSQL, a JDBC batch of one
     * update per id elsewhere. An id whose update is not reported as done (a count of 0, which may also mean a
     * driver counting changed rather than matched rows; {@link Statement#SUCCESS_NO_INFO}, e.g. MariaDB's bulk
     * protocol; or no count at all) has its lease owner read back in the same transaction, in chunks of
     * {@value #READ_BACK_CHUNK} ids per query, so the answer does not depend on how the driver counts.
     *
     * @return the ids whose leases {@code owner} no longer holds, a new mutable set
     */
    Set<String> extendLeases(Connection c, String owner, Collection<String> jobIds, long leaseUntil) throws SQLException {
        if (this.pg != null) {
            return this.pg.extendLeases(c, owner, jobIds, leaseUntil);
        }
        Set<String> distinct = new LinkedHashSet<>(jobIds);
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(this.sql.extendLease)) {
            for (String jobId : distinct) {
                ps.setLong(1, leaseUntil);
                ps.setString(2, jobId);
                ps.setString(3, owner);
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<String> unconfirmed = new ArrayList<>();
        int i = 0;
        for (String jobId : distinct) {
            if (i >= counts.length || counts[i] < 1) {
                unconfirmed.add(jobId);
            }
            i++;
        }
        Set<String> lost = new LinkedHashSet<>(unconfirmed);
        lost.removeAll(leasedBy(c, owner, unconfirmed));
        return lost;
    }

    /** Ids per query when lease owners are read back. */
    static final int READ_BACK_CHUNK = 500;

    private Set<String> leasedBy(Connection c, String owner, List<String> jobIds) throws SQLException {
        Set<String> leased = new LinkedHashSet<>();
        for (int from = 0; from < jobIds.size(); from += READ_BACK_CHUNK) {
            List<String> chunk = jobIds.subList(from, Math.min(jobIds.size(), from + READ_BACK_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(this.sql.selectLeasedBy(chunk.size()))) {
                ps.setString(1, owner);
                for (int k = 0; k < chunk.size(); k++) {
                    ps.setString(k + 2, chunk.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leased.add(rs.getString(1));
                    }
                }
            }
        }
        return leased;
    }

    /**
     * Applies releases: deletes finished jobs (or turns them into markers finished at {@code finishedAt}, epoch
     * milliseconds) and writes new next run times where the lease and version still match, then drops the remaining leases this owner holds on the released ids. One statement on PostgreSQL,
     * up to three JDBC batches elsewhere.
     */
    void release(Connection c, String owner, List<JobRelease> releases, long finishedAt) throws SQLException {
        if (this.pg != null) {
            this.pg.release(c, owner, releases, finishedAt);
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(this.sql.releaseDelete);
                PreparedStatement reschedule = c.prepareStatement(this.sql.releaseReschedule);
                PreparedStatement drop = c.prepareStatement(this.sql.releaseDropLease)) {
            int deletes = 0;
            int reschedules = 0;
            for (JobRelease release : releases) {
                ReleaseColumns columns = ReleaseColumns.of(release, finishedAt);
                if (columns.delete()) {
                    delete.setString(1, release.jobId());
                    delete.setString(2, owner);
                    delete.setLong(3, release.acquiredVersion());
                    delete.addBatch();
                    deletes++;
                }
                else {
                    setLong(reschedule, 1, columns.nextRunTime());
                    setLong(reschedule, 2, columns.nextFireTime());
                    reschedule.setString(3, columns.state());
                    reschedule.setString(4, release.jobId());
                    reschedule.setString(5, owner);
                    reschedule.setLong(6, release.acquiredVersion());
                    reschedule.addBatch();
                    reschedules++;
                }
                drop.setString(1, release.jobId());
                drop.setString(2, owner);
                drop.addBatch();
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
            if (reschedules > 0) {
                reschedule.executeBatch();
            }
            drop.executeBatch();
        }
    }

    /**
     * Writes the data of the released jobs whose pending retry changed, where the lease and version still match; run in
     * the release's transaction, before {@link #release}, which moves the version on.
     *
     * @param encode turns a job into its JSON
     * @return the ids whose new pending retry (not a cleared one) was not written: the lease or version no longer
     *     matched; a new mutable set
     */
    Set<String> rewriteRetries(Connection c, String owner, List<JobRelease> releases, java.util.function.Function<StoredJob, String> encode)
            throws SQLException {
        List<JobRelease> rewritten = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(this.sql.releaseData)) {
            for (JobRelease release : releases) {
                StoredJob job = release.retryChange();
                if (job != null && !release.remove()) {
                    ps.setString(1, encode.apply(job));
                    ps.setString(2, release.jobId());
                    ps.setString(3, owner);
                    ps.setLong(4, release.acquiredVersion());
                    ps.addBatch();
                    rewritten.add(release);
                }
            }
            int[] counts = ps.executeBatch();
            Set<String> notWritten = new HashSet<>();
            for (int i = 0; i < rewritten.size(); i++) {
                JobRelease release = rewritten.get(i);
                StoredJob job = Objects.requireNonNull(release.retryChange());
                if (job.pendingRetry() != null && !written(c, counts, i, release, owner)) {
                    notWritten.add(release.jobId());
                }
            }
            return notWritten;
        }
    }

    /** Whether the i-th rewrite matched its row; asks the row when the driver gave no count for it. */
    private boolean written(Connection c, int[] counts, int i, JobRelease release, String owner) throws SQLException {
        if (i < counts.length && counts[i] != Statement.SUCCESS_NO_INFO) {
            return counts[i] > 0;
        }
        try (PreparedStatement ps = c.prepareStatement(this.sql.leasedAtVersion)) {
            ps.setString(1, release.jobId());
            ps.setString(2, owner);
            ps.setLong(3, release.acquiredVersion());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        }
        else {
            ps.setLong(index, value);
        }
    }
}
