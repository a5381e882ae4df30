package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunRecord;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest run of each of some jobs ({@link RunHistory#lastRuns}) in the JDBC run history table: one statement per
 * chunk of ids, each job read as "its runs newest first, limit 1" on the job index
 * ({@code job_id, finished_at, run_id}, scanned backwards), so the cost is one index descent per job whatever the
 * number of runs kept. PostgreSQL takes every id in one statement (one array parameter, a {@code LATERAL} join); the
 * other databases take {@value #CHUNK} ids per statement as a {@code UNION ALL} of one-row branches. Thread-safe.
 */
final class JdbcLastRuns {

    /** The most ids of one {@code UNION ALL} statement. */
    static final int CHUNK = 100;

    private static final String COLUMNS = "run_id, job_id, finished_at, outcome, run_data";

    private static final String NEWEST = " ORDER BY finished_at DESC, run_id DESC LIMIT 1";

    private final String table;

    private final Transactions tx;

    private final boolean postgres;

    JdbcLastRuns(String table, Transactions tx, JdbcDialect dialect) {
        this.table = table;
        this.tx = tx;
        this.postgres = "postgresql".equals(dialect.databaseId());
    }

    /**
     * Reads the newest run of each job.
     *
     * @param jobIds the ids, checked by {@link RunHistory#checkJobIds}
     * @return job id to its newest run, only for jobs with runs
     */
    Map<String, RunRecord> read(Collection<String> jobIds) {
        List<String> ids = RunHistory.checkJobIds(jobIds);
        Map<String, RunRecord> newest = new HashMap<>();
        int chunk = this.postgres ? RunHistory.MAX_JOB_IDS : CHUNK;
        for (int from = 0; from < ids.size(); from += chunk) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + chunk));
            for (RunRecord run : readChunk(part)) {
                newest.put(run.jobId(), run);
            }
        }
        return newest;
    }

    private List<RunRecord> readChunk(List<String> ids) {
        String sql = sql(ids.size());
        return this.tx.autoCommit("read last runs", (c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (this.postgres) {
                    Array array = c.createArrayOf("varchar", ids.toArray());
                    ps.setArray(1, array);
                    ps.setString(2, JdbcRunHistory.LEASE_ROW);
                }
                else {
                    for (int i = 0; i < ids.size(); i++) {
                        ps.setString(2 * i + 1, ids.get(i));
                        ps.setString(2 * i + 2, JdbcRunHistory.LEASE_ROW);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return JdbcRunHistory.readRows(rs);
                }
            }
        });
    }

    /**
     * The statement for a number of ids.
     *
     * @param count how many ids, 1 or more
     * @return the SQL: on PostgreSQL parameters (ids as an array, lease row id), elsewhere (id, lease row id) per id
     */
    String sql(int count) {
        String perJob = "SELECT " + COLUMNS + " FROM " + this.table;
        if (this.postgres) {
            // the ids as COLLATE "C", the job_id column's collation, so the job index serves the comparison
            return "SELECT r.run_id, r.job_id, r.finished_at, r.outcome, r.run_data FROM unnest(CAST(? AS VARCHAR[])) AS j(id)"
                    + " CROSS JOIN LATERAL (" + perJob + " WHERE job_id = j.id COLLATE \"C\" AND run_id <> ?" + NEWEST + ") r";
        }
        String branch = "(" + perJob + " WHERE job_id = ? AND run_id <> ?" + NEWEST + ")";
        return String.join(" UNION ALL ", Collections.nCopies(count, branch));
    }
}
