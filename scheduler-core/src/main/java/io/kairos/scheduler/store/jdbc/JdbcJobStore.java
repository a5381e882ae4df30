package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobOrder;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.LeaseArguments;
import io.kairos.scheduler.store.LeaseHolder;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps jobs in one table of a relational database, reached through the application's {@code DataSource}
 * (APScheduler's {@code SQLAlchemyJobStore}, made safe to share): PostgreSQL, MySQL 8, MariaDB 10.6+ and H2.
 * Several schedulers (processes) may share the table ({@link #isShared()} is {@code true}).
 *
 * <p>Layout: one row per job with real columns for what is queried ({@code id}, {@code next_run_time} and
 * {@code next_fire_time} as epoch milliseconds, {@code state}, {@code version}, {@code lease_owner},
 * {@code lease_until}, {@code broken_reason}) and the rest as format-versioned JSON ({@code job_data}, written
 * by the scheduler's {@link io.kairos.scheduler.store.JobCodec}). The columns are authoritative for what they
 * hold. Times keep millisecond precision.
 *
 * <p>On PostgreSQL every call is one statement in auto-commit mode, so one round trip: acquiring a batch of due
 * jobs is {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING}, releasing a batch binds
 * arrays ({@code unnest}) into one statement of three disjoint writes, extending leases is one {@code = ANY}
 * update that returns the ids it did not extend. Elsewhere, acquisition is two statements in one transaction, and a
 * release or a lease extension one transaction of JDBC batches. Each release write is conditional on (id, lease
 * owner, version); reads and single-statement writes run in auto-commit mode everywhere. A row whose JSON cannot be
 * read (malformed, a newer format, an invalid trigger spec) is never deleted: acquisition marks it {@code BROKEN}
 * with the reason; look-ups and listings show it as broken.
 *
 * <p>On PostgreSQL, every write that schedules a job sends a {@code NOTIFY} on a channel named after the table
 * from the same statement, carrying the earliest next run time written ({@code v1:<epoch ms>:<scheduler id>}); the
 * store listens on it (one connection held) to wake the scheduler when another instance schedules a job earlier
 * than the wake-up the scheduler already planned from {@link #nextRunTime()}. Other databases rely on the
 * scheduler's polling.
 *
 * <p>Thread-safe. Every method throws {@link JobStoreException} when the database fails.
 */
public class JdbcJobStore implements JobStore {

    /** The most due rows {@link #countDueWithoutExecutor} looks at. */
    static final int WAITING_SCAN_LIMIT = 1000;

    private final DataSource dataSource;

    private final JdbcJobStoreSettings settings;

    private static final Logger logger = LoggerFactory.getLogger(JdbcJobStore.class);

    private volatile @Nullable StartedStore started;

    private volatile RunHistory history = RunHistory.none();

    /**
     * A store on the default table {@code kairos_jobs}, expecting the table to exist, listening for
     * PostgreSQL notifications.
     *
     * @param dataSource the application's data source, not {@code null}; never closed by the store
     */
    public JdbcJobStore(DataSource dataSource) {
        this(dataSource, JdbcJobStoreSettings.defaults());
    }

    /**
     * A store with settings.
     *
     * @param dataSource the application's data source, not {@code null}; never closed by the store
     * @param settings the table name and options, not {@code null}
     */
    public JdbcJobStore(DataSource dataSource, JdbcJobStoreSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Detects the database, creates the table when {@link JdbcJobStoreSettings#createSchema()} is set, checks
     * that the table exists, and on PostgreSQL starts listening for notifications.
     *
     * @throws JobStoreException when the database cannot be reached, is not supported, or the table is missing
     */
    @Override
    public void start(JobStoreContext context) {
        StartedStore s = StartedStore.start(this.dataSource, this.settings, context);
        this.started = s;
        TableName runs = this.settings.table().runs();
        JdbcRunHistory runHistory = new JdbcRunHistory(runs, s.tx(), s.dialect());
        if (runHistory.tableExists()) {
            this.history = runHistory;
        }
        else {
            this.history = RunHistory.none();
            logger.warn("Job store '{}': the run history table {} is missing, so runs are not recorded; create it with "
                    + "classpath:{} (create-schema does), the Flyway migration V2__kairos_job_runs.sql or the Liquibase changeset "
                    + "kairos-job-runs-1", context.alias(), runs, SchemaScripts.runsResource(s.dialect().databaseId()));
        }
    }

    /**
     * The run history in the table {@code <table>_runs} ({@code kairos_job_runs} for the default table), or none
     * when that table is missing (a WARN at start says how to create it).
     *
     * @return the history
     */
    @Override
    public RunHistory runHistory() {
        return this.history;
    }

    /** Stops listening for notifications. Jobs, and the {@code DataSource}, are left as they are. */
    @Override
    public void shutdown() {
        StartedStore current = this.started;
        if (current != null && current.listener() != null) {
            current.listener().stop();
        }
        this.started = null;
        this.history = RunHistory.none();
    }

    /** @return {@code true}: schedulers in several processes may share the table */
    @Override
    public boolean isShared() {
        return true;
    }

    private StartedStore started() {
        StartedStore current = this.started;
        if (current == null) {
            throw new IllegalStateException("the JDBC job store (table " + this.settings.table() + ") is not started");
        }
        return current;
    }

    @Override
    public StoredJob addJob(StoredJob job, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        StartedStore s = started();
        String json = s.rows().encode(job);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (policy == ConflictPolicy.KEEP_EXISTING) {
                Optional<StoredJob> existing = lookupJob(job.id()).or(() -> lookupFinished(job.id()));
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            if (policy == ConflictPolicy.REPLACE) {
                Long version = write(s, "replace job " + job.id(), (c) -> s.writer().update(c, job, json, JobSql.Target.ANY));
                if (version != null) {
                    return job.withVersion(version);
                }
            }
            Boolean inserted = write(s, "add job " + job.id(), (c) -> s.writer().insert(c, job, json));
            if (inserted) {
                return job.withVersion(1);
            }
            if (policy == ConflictPolicy.ERROR) {
                Long version = write(s, "replace finished job " + job.id(), (c) -> s.writer().update(c, job, json, JobSql.Target.MARKER));
                if (version != null) {
                    return job.withVersion(version);
                }
                throw new ConflictingJobIdException(job.id(), "job store '" + s.context().alias() + "'");
            }
        }
        throw new JobStoreException("job store '" + s.context().alias() + "': could not add job " + job.id()
                + ": it was added and removed concurrently five times", null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: a locking select of the ids already taken (finished markers included), the inserts (one
     * {@code COPY ... FROM STDIN} on PostgreSQL, one JDBC batch elsewhere; an id another writer inserted after the
     * select fails the insert, and the batch is rolled back and decided again, at most five times), one JDBC batch of updates
     * (replaced jobs and markers), and on PostgreSQL one {@code NOTIFY} for the earliest next run time written.
     *
     * @throws JobStoreException when the database fails; the transaction is rolled back, so no job was written
     */
    @Override
    public List<JobAddOutcome> addJobs(List<StoredJob> jobs, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (jobs.isEmpty()) {
            return List.of();
        }
        return JdbcBulkAdd.add(started(), jobs, policy);
    }

    @Override
    public StoredJob updateJob(StoredJob job) {
        StartedStore s = started();
        String json = job.trigger() == null ? null : s.rows().encode(job);
        Long version = write(s, "update job " + job.id(), (c) -> s.writer().update(c, job, json, JobSql.Target.JOB));
        if (version == null) {
            throw new JobLookupException(job.id());
        }
        return job.withVersion(version);
    }

    /** {@inheritDoc} One conditional {@code UPDATE} in auto-commit mode. */
    @Override
    public boolean markBroken(String schedulerId, String jobId, long expectedVersion, String reason) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(reason, "reason");
        StartedStore s = started();
        return s.tx().autoCommit("mark job " + jobId + " broken", (c) -> {
            try (PreparedStatement ps = c.prepareStatement(s.sql().markBrokenIfVersion)) {
                ps.setString(1, JobRows.reason(reason));
                ps.setString(2, schedulerId);
                ps.setString(3, schedulerId);
                ps.setString(4, jobId);
                ps.setLong(5, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean removeJob(String jobId) {
        StartedStore s = started();
        return s.tx().autoCommit("remove job " + jobId, (c) -> s.writer().delete(c, jobId));
    }

    @Override
    public void removeAllJobs() {
        StartedStore s = started();
        s.tx().autoCommit("remove all jobs", (c) -> {
            try (PreparedStatement ps = c.prepareStatement(s.sql().deleteAll)) {
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredJob> lookupJob(String jobId) {
        StartedStore s = started();
        List<JobRow> rows = s.tx().autoCommit("look up job " + jobId, (c) -> select(c, s.sql().selectById, jobId));
        return rows.stream().findFirst().map(s.rows()::read);
    }

    @Override
    public Optional<StoredJob> lookupFinished(String jobId) {
        StartedStore s = started();
        List<JobRow> rows = s.tx().autoCommit("look up finished job " + jobId, (c) -> select(c, s.sql().selectFinishedById, jobId));
        return rows.stream().findFirst().map(s.rows()::read);
    }

    /** {@inheritDoc} One {@code DELETE}; it reads every row's state (markers have no index of their own). */
    @Override
    public int removeFinishedMarkers(Instant finishedBefore) {
        StartedStore s = started();
        return s.tx().autoCommit("remove finished markers", (c) -> {
            try (PreparedStatement ps = c.prepareStatement(s.sql().deleteFinishedBefore)) {
                ps.setLong(1, finishedBefore.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<StoredJob> getAllJobs() {
        StartedStore s = started();
        List<JobRow> rows = s.tx().autoCommit("list jobs", (c) -> select(c, s.sql().selectAll, null));
        return JobOrder.forListing(rows.stream().map(s.rows()::read).toList());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One query, {@code WHERE id > ? ORDER BY id LIMIT ?}: a range scan of the primary key that stops after
     * {@code limit + 1} rows, whatever the table's size (never an {@code OFFSET}). The filters apply to the decoded
     * rows, so no condition makes the database read past the limit.
     *
     * @throws JobStoreException when the database fails
     */
    @Override
    public StoredJobPage listJobs(JobQuery query) {
        StartedStore s = started();
        List<JobRow> rows = s.tx().autoCommit("list a page of jobs", (c) -> {
            String after = query.cursor();
            try (PreparedStatement ps = c.prepareStatement(after == null ? s.sql().selectPage : s.sql().selectPageAfter)) {
                int i = 1;
                if (after != null) {
                    ps.setString(i++, after);
                }
                ps.setInt(i, query.limit() + 1);
                return JobRow.readAll(ps);
            }
        });
        return StoredJobPage.of(rows.stream().map(s.rows()::read).toList(), query);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code GROUP BY lease_owner} query.
     *
     * @throws JobStoreException when the database fails
     */
    @Override
    public List<LeaseHolder> leaseHolders() {
        StartedStore s = started();
        return s.tx().autoCommit("list lease holders", (c) -> {
            List<LeaseHolder> holders = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(s.sql().leaseHolders); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(new LeaseHolder(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return holders;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement, {@code SELECT state, COUNT(*) ... GROUP BY state}: the database scans the table (no index
     * holds the state) and sends one row per state. A state it does not know counts as broken.
     *
     * @throws JobStoreException when the database fails
     */
    @Override
    public JobCounts countJobs() {
        StartedStore s = started();
        return s.tx().autoCommit("count jobs", (c) -> {
            JobCounts counts = JobCounts.NONE;
            try (PreparedStatement ps = c.prepareStatement(s.sql().countByState); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts = counts.plusStored(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /**
     * Runs a write: in auto-commit mode where every write is one statement (PostgreSQL), else in a transaction.
     */
    private static <T extends @Nullable Object> T write(StartedStore s, String what, Transactions.Work<T> work) {
        return s.writer().singleStatements() ? s.tx().autoCommit(what, work) : s.tx().inTransaction(what, work);
    }

    private static List<JobRow> select(Connection connection, String sql, @Nullable String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            return JobRow.readAll(ps);
        }
    }

    @Override
    public Optional<Instant> nextRunTime() {
        StartedStore s = started();
        Long millis = s.tx().autoCommit("read the next run time", (c) -> {
            @Nullable Long[] times = new Long[2];
            if (readNextRunTimes(c, s.sql().nextRunTimes, times) >= JobSql.LEASED_SCAN_LIMIT) {
                readNextRunTimes(c, s.sql().nextRunTimesExact, times);
            }
            if (times[0] == null || times[1] == null) {
                return times[0] != null ? times[0] : times[1];
            }
            return Math.min(times[0], times[1]);
        });
        s.wakeups().answered(millis);
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }

    // fills times with (earliest unleased next run time, earliest leased expiry); returns the leased rows read
    private static long readNextRunTimes(Connection c, String sql, @Nullable Long[] times) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            times[0] = rs.getObject(1) == null ? null : rs.getLong(1);
            times[1] = rs.getObject(2) == null ? null : rs.getLong(2);
            return rs.getLong(3);
        }
    }

    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        return acquire(schedulerId, now, limit, leaseUntil, List.of());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The due query's condition gets {@code AND <executor> IN (...)}, the executor read from {@code job_data}
     * (PostgreSQL {@code ->>}, MySQL/MariaDB {@code JSON_EXTRACT}, H2 a regular expression): no column of its own, so
     * tables created before it need no migration. Rows of other executors in front of the due ones cost their JSON
     * read in the ordered index scan.
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        if (executors.isEmpty()) {
            throw new IllegalArgumentException("executors must not be empty");
        }
        return acquire(schedulerId, now, limit, leaseUntil, executors.stream().sorted().toList());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One query grouping the earliest {@value #WAITING_SCAN_LIMIT} due unleased rows by executor.
     */
    @Override
    public Map<String, Integer> countDueWithoutExecutor(Instant dueBefore, Set<String> executors) {
        StartedStore s = started();
        long now = s.context().clock().millis();
        return s.tx().autoCommit("count jobs waiting for an executor", (c) -> {
            Map<String, Integer> counts = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(s.sql().countDueByExecutor)) {
                ps.setLong(1, dueBefore.toEpochMilli());
                ps.setLong(2, now);
                ps.setInt(3, WAITING_SCAN_LIMIT);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String executor = rs.getString(1);
                        if (executor != null && !executors.contains(executor)) {
                            counts.put(executor, rs.getInt(2));
                        }
                    }
                }
            }
            return counts;
        });
    }

    private List<StoredJob> acquire(String schedulerId, Instant now, int limit, Instant leaseUntil, List<String> executors) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        LeaseArguments.check(now, limit, leaseUntil);
        StartedStore s = started();
        List<StoredJob> jobs = write(s, "acquire due jobs", (c) -> {
            List<JobRow> rows = s.dialect().acquire(c, s.sql(), schedulerId, now.toEpochMilli(), limit, leaseUntil.toEpochMilli(),
                    executors);
            return s.writer().readOrMarkBroken(c, rows, schedulerId);
        });
        return JobOrder.forListing(jobs);
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL one statement that returns the ids it did not extend; elsewhere one transaction of a JDBC
     * batch, whose update counts tell which ids it did not extend (MySQL and MariaDB must count matched rows,
     * their drivers' default; see {@link JobWriter#extendLeases}).
     *
     * @throws JobStoreException when the database fails
     */
    @Override
    public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        if (!LeaseArguments.checkExtension(schedulerId, jobIds, leaseUntil)) {
            return new HashSet<>();
        }
        StartedStore s = started();
        return write(s, "extend leases", (c) -> s.writer().extendLeases(c, schedulerId, jobIds, leaseUntil.toEpochMilli()));
    }

    /**
     * {@inheritDoc} Whether a new retry was written is told by the update counts of the job data rewrite, in the
     * release's transaction; a row whose count does not confirm it is read back there, in chunks.
     */
    @Override
    public Set<String> releaseJobs(String schedulerId, List<JobRelease> releases) {
        if (releases.isEmpty()) {
            return new HashSet<>();
        }
        StartedStore s = started();
        long finishedAt = s.context().clock().millis();
        if (releases.stream().anyMatch((release) -> release.retryChange() != null && !release.remove())) {
            // a pending retry changed: the job data is rewritten in the same transaction as the columns
            return s.tx().inTransaction("release jobs", (c) -> {
                Set<String> notWritten = s.writer().rewriteRetries(c, schedulerId, releases, s.context().codec()::encode);
                s.writer().release(c, schedulerId, releases, finishedAt);
                return notWritten;
            });
        }
        write(s, "release jobs", (c) -> {
            s.writer().release(c, schedulerId, releases, finishedAt);
            return null;
        });
        return new HashSet<>();
    }
}
