package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.store.RunRecordCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JDBC store's run history: the table {@code <job table>_runs}, one row per run with the columns queried
 * (run id, job id, finish time, outcome) and the rest of the record as JSON ({@link RunRecordCodec#writeDetails};
 * rows written before hold the whole record, which reads the same). Reads are one statement on the indexes; retention deletes
 * by primary key in batches, done by the one scheduler holding the retention lease (a row of the table itself,
 * run id {@value #LEASE_ROW}, its owner in {@code job_id} and its expiry in {@code finished_at}). Thread-safe.
 */
final class JdbcRunHistory implements RunHistory {

    /** The run id of the retention lease row, left out of every read. */
    static final String LEASE_ROW = "~retention";

    /** How long the retention lease lasts; the holder renews it each time it enforces the retention. */
    static final Duration LEASE_TIME = Duration.ofMinutes(5);

    private final String table;

    private final Transactions tx;

    private final JdbcDialect dialect;

    private final String insert;

    private final JdbcLastRuns lastRuns;

    /** The PostgreSQL {@code COPY} writer, or {@code null} on other databases. */
    private final @Nullable PgRunCopy copy;

    JdbcRunHistory(TableName table, Transactions tx, JdbcDialect dialect) {
        this.table = table.qualified();
        this.tx = tx;
        this.dialect = dialect;
        this.insert = "INSERT INTO " + this.table + " (run_id, job_id, finished_at, outcome, run_data) VALUES (?, ?, ?, ?, ?)";
        this.lastRuns = new JdbcLastRuns(this.table, tx, dialect);
        this.copy = "postgresql".equals(dialect.databaseId()) ? new PgRunCopy(this.table) : null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction per batch, committed with the server's own {@code synchronous_commit} (a committed record
     * survives a crash of the database server): on PostgreSQL one {@code COPY} ({@link PgRunCopy}); elsewhere a JDBC
     * batch of inserts. When the batch fails (e.g. a retry
     * after a commit whose answer was lost) the records are inserted one by one, skipping those already stored.
     */
    @Override
    public void record(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
        try {
            this.tx.inTransaction("record runs", (c) -> {
                if (this.copy != null && PgCopyText.supports(c)) {
                    this.copy.copy(c, runs);
                    return null;
                }
                try (PreparedStatement ps = c.prepareStatement(this.insert)) {
                    for (RunRecord run : runs) {
                        bind(ps, run);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        catch (RuntimeException ex) {
            this.tx.autoCommit("record runs", (c) -> {
                try (PreparedStatement ps = c.prepareStatement(this.insert)) {
                    for (RunRecord run : runs) {
                        bind(ps, run);
                        try {
                            ps.executeUpdate();
                        }
                        catch (SQLException insert) {
                            if (!this.dialect.isDuplicateKey(insert)) {
                                throw insert;
                            }
                        }
                    }
                }
                return null;
            });
        }
    }

    private static void bind(PreparedStatement ps, RunRecord run) throws SQLException {
        ps.setString(1, run.runId());
        ps.setString(2, run.jobId());
        ps.setLong(3, run.finishedAt().toEpochMilli());
        ps.setString(4, run.outcome().name());
        ps.setString(5, RunRecordCodec.writeDetails(run));
    }

    @Override
    public List<RunRecord> findRuns(RunQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = select(query, args);
        return this.tx.autoCommit("read runs", (c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return readRows(rs);
                }
            }
        });
    }

    /** Reads the rows of a result whose columns are {@code run_id, job_id, finished_at, outcome, run_data}. */
    static List<RunRecord> readRows(ResultSet rs) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        while (rs.next()) {
            runs.add(RunRecordCodec.readDetails(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                    rs.getString(4), rs.getString(5)));
        }
        return runs;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement per chunk of ids, each job read on the job index ({@link JdbcLastRuns}).
     */
    @Override
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        return this.lastRuns.read(jobIds);
    }

    /**
     * The statement of a query.
     *
     * @param query the query
     * @param args receives the statement's parameters, in order
     * @return the SQL
     */
    String select(RunQuery query, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT run_id, job_id, finished_at, outcome, run_data FROM ").append(this.table).append(" WHERE run_id <> ?");
        args.add(LEASE_ROW);
        if (query.jobId() != null) {
            sql.append(" AND job_id = ?");
            args.add(query.jobId());
        }
        if (!query.outcomes().isEmpty()) {
            sql.append(" AND outcome IN (").append("?, ".repeat(query.outcomes().size() - 1)).append("?)");
            query.outcomes().stream().map(RunOutcome::name).sorted().forEach(args::add);
            if (!query.outcomes().contains(RunOutcome.SUCCEEDED)) {
                // as a literal, so that PostgreSQL matches its partial index on runs that did not succeed
                // (runs-indexes-postgresql.sql) in a generic plan too, where the parameters are unknown
                sql.append(" AND outcome <> '").append(RunOutcome.SUCCEEDED.name()).append('\'');
            }
        }
        if (query.since() != null) {
            sql.append(" AND finished_at >= ?");
            args.add(query.since().toEpochMilli());
        }
        if (query.until() != null) {
            sql.append(" AND finished_at < ?");
            args.add(query.until().toEpochMilli());
        }
        if (query.after() != null) {
            sql.append(" AND (finished_at < ? OR (finished_at = ? AND run_id < ?))");
            long millis = query.after().finishedAt().toEpochMilli();
            args.add(millis);
            args.add(millis);
            args.add(query.after().runId());
        }
        sql.append(" ORDER BY finished_at DESC, run_id DESC LIMIT ").append(query.limit());
        return sql.toString();
    }

    @Override
    public int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        if (!takeLease(schedulerId, now)) {
            return 0;
        }
        long oldest = now.minus(retention.maxAge()).toEpochMilli();
        List<String> ids = ids("SELECT run_id FROM " + this.table + " WHERE finished_at < ? AND run_id <> ? ORDER BY finished_at LIMIT "
                + batchSize, oldest, LEASE_ROW);
        if (ids.size() < batchSize) {
            List<String> crowded = ids("SELECT job_id FROM " + this.table + " WHERE run_id <> ? GROUP BY job_id HAVING COUNT(*) > ?",
                    LEASE_ROW, retention.maxRunsPerJob());
            for (int i = 0; i < crowded.size() && ids.size() < batchSize; i++) {
                ids.addAll(ids("SELECT run_id FROM " + this.table + " WHERE job_id = ? AND run_id <> ? ORDER BY finished_at DESC, run_id DESC"
                        + " LIMIT " + (batchSize - ids.size()) + " OFFSET " + retention.maxRunsPerJob(), crowded.get(i), LEASE_ROW));
            }
        }
        return delete(ids);
    }

    private boolean takeLease(String schedulerId, Instant now) {
        return this.tx.autoCommit("take the run history retention lease", (c) -> {
            // insert the lease row only when it is missing: a failed insert would log an error on the server each time
            if (!leaseRowExists(c)) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + this.table
                        + " (run_id, job_id, finished_at, outcome, run_data) VALUES (?, ?, 0, '~LEASE', '')")) {
                    insert.setString(1, LEASE_ROW);
                    insert.setString(2, schedulerId);
                    insert.executeUpdate();
                }
                catch (SQLException ex) {
                    if (!this.dialect.isDuplicateKey(ex)) {
                        throw ex;
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + this.table
                    + " SET job_id = ?, finished_at = ? WHERE run_id = ? AND (finished_at < ? OR job_id = ?)")) {
                update.setString(1, schedulerId);
                update.setLong(2, now.plus(LEASE_TIME).toEpochMilli());
                update.setString(3, LEASE_ROW);
                update.setLong(4, now.toEpochMilli());
                update.setString(5, schedulerId);
                return update.executeUpdate() == 1;
            }
        });
    }

    private boolean leaseRowExists(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT run_id FROM " + this.table + " WHERE run_id = ?")) {
            select.setString(1, LEASE_ROW);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<String> ids(String sql, Object... args) {
        return this.tx.autoCommit("find expired runs", (c) -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    private int delete(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return this.tx.inTransaction("remove expired runs", (c) -> {
            int removed = 0;
            for (int from = 0; from < ids.size(); from += 100) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + this.table + " WHERE run_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    removed += ps.executeUpdate();
                }
            }
            return removed;
        });
    }

    /** Whether the table can be read (it is missing when the schema predates the run history). */
    boolean tableExists() {
        try {
            this.tx.autoCommit("check the run history table", (c) -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM " + this.table + " WHERE run_id = ?")) {
                    ps.setString(1, LEASE_ROW);
                    ps.executeQuery().close();
                }
                return null;
            });
            return true;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }
}
