package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link JdbcJobStore#addJobs}: a batch of jobs in one transaction. It locks the rows already holding any of the ids
 * ({@code SELECT ... WHERE id IN (...) FOR UPDATE}, finished markers included), decides per job by the conflict
 * policy as {@link JdbcJobStore#addJob} does (a marker is kept under {@code KEEP_EXISTING} and replaced otherwise),
 * then writes the new jobs (on PostgreSQL one {@code COPY}, {@link PgWrites#insertAll}, with the locking select one
 * {@code = ANY (array)} statement; elsewhere one JDBC batch of inserts) and the replaced ones with one batch of updates, and on
 * PostgreSQL sends one {@code NOTIFY} with the earliest next run time written. When another writer inserts one of the ids meanwhile
 * (a duplicate key), the transaction is rolled back and the batch decided again, at most five times. Stateless.
 */
final class JdbcBulkAdd {

    /** Ids per {@code IN (...)} list. */
    private static final int IDS_PER_SELECT = 500;

    private static final int ATTEMPTS = 5;

    private JdbcBulkAdd() {
    }

    static List<JobAddOutcome> add(StartedStore s, List<StoredJob> jobs, ConflictPolicy policy) {
        JobAddOutcome.requireDistinctIds(jobs);
        JobAddOutcome[] refused = new JobAddOutcome[jobs.size()];
        String[] json = new String[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            try {
                json[i] = s.rows().encode(jobs.get(i));
            }
            catch (IllegalArgumentException ex) {
                refused[i] = JobAddOutcome.failed(ex);
            }
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return s.tx().inTransaction("add " + jobs.size() + " jobs", (c) -> write(c, s, jobs, json, refused.clone(), policy));
            }
            catch (IdTakenMeanwhile ex) {
                // another writer inserted one of the ids after the select: decide again with it in place
            }
        }
        throw new JobStoreException("job store '" + s.context().alias() + "': could not add " + jobs.size()
                + " jobs: other writers added some of their ids concurrently five times", null);
    }

    private static List<JobAddOutcome> write(Connection c, StartedStore s, List<StoredJob> jobs, String[] json, JobAddOutcome[] outcomes,
            ConflictPolicy policy) throws SQLException {
        Map<String, JobRow> existing = lockExisting(c, s, jobs, json);
        List<Integer> inserts = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (outcomes[i] != null) {
                continue;
            }
            StoredJob job = jobs.get(i);
            JobRow row = existing.get(job.id());
            boolean marker = row != null && JobState.FINISHED.name().equals(row.state());
            if (row == null) {
                inserts.add(i);
            }
            else if (policy == ConflictPolicy.REPLACE || (marker && policy == ConflictPolicy.ERROR)) {
                // as addJob: a finished marker counts as taken only under KEEP_EXISTING
                updates.add(i);
                outcomes[i] = JobAddOutcome.added(job.withVersion(row.version() + 1));
            }
            else if (policy == ConflictPolicy.KEEP_EXISTING) {
                outcomes[i] = JobAddOutcome.kept(s.rows().read(row));
            }
            else {
                outcomes[i] = JobAddOutcome.failed(new ConflictingJobIdException(job.id(), "job store '" + s.context().alias() + "'"));
            }
        }
        if (s.writer().singleStatements()) {
            insertInOneStatement(c, s, inserts, jobs, json);
        }
        else {
            batch(c, s, s.sql().insert, inserts, jobs, json);
        }
        batch(c, s, s.sql().update(JobSql.Target.ANY), updates, jobs, json);
        Long earliest = null;
        for (int i : inserts) {
            outcomes[i] = JobAddOutcome.added(jobs.get(i).withVersion(1));
        }
        for (int i : concat(inserts, updates)) {
            Long millis = JobRows.millis(jobs.get(i).nextRunTime());
            if (millis != null && (earliest == null || millis < earliest)) {
                earliest = millis;
            }
        }
        if (earliest != null) {
            s.writer().notifyWakeup(c, earliest);
        }
        return Collections.unmodifiableList(Arrays.asList(outcomes));
    }

    private static Map<String, JobRow> lockExisting(Connection c, StartedStore s, List<StoredJob> jobs, String[] json) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (json[i] != null) {
                ids.add(jobs.get(i).id());
            }
        }
        Map<String, JobRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        if (s.writer().singleStatements()) {
            // PostgreSQL: every id in one statement over an array, one round trip and one plan
            try (PreparedStatement ps = c.prepareStatement(s.sql().selectRows + " WHERE id = ANY (?::varchar[]) FOR UPDATE")) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray(String[]::new)));
                readRows(ps, rows);
            }
            return rows;
        }
        for (int from = 0; from < ids.size(); from += IDS_PER_SELECT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_SELECT));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(s.sql().selectRows + " WHERE id IN (" + marks + ") FOR UPDATE")) {
                for (int p = 0; p < chunk.size(); p++) {
                    ps.setString(p + 1, chunk.get(p));
                }
                readRows(ps, rows);
            }
        }
        return rows;
    }

    private static void readRows(PreparedStatement ps, Map<String, JobRow> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JobRow row = JobRow.read(rs);
                into.put(row.id(), row);
            }
        }
    }

    /**
     * PostgreSQL: inserts the given jobs with one statement over arrays, where a JDBC batch of single-row inserts
     * (without the driver's {@code reWriteBatchedInserts}) binds and executes one statement per row.
     */
    private static void insertInOneStatement(Connection c, StartedStore s, List<Integer> indexes, List<StoredJob> jobs, String[] json)
            throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        List<StoredJob> rows = new ArrayList<>(indexes.size());
        List<String> texts = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            rows.add(jobs.get(i));
            texts.add(json[i]);
        }
        // fewer rows: ON CONFLICT DO NOTHING skipped ids inserted after the locking select
        if (s.writer().insertAll(c, rows, texts) != rows.size()) {
            throw new IdTakenMeanwhile();
        }
    }

    /** Runs an insert or update (columns, JSON, id) for the given jobs as one JDBC batch. */
    private static void batch(Connection c, StartedStore s, String statement, List<Integer> indexes, List<StoredJob> jobs, String[] json)
            throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i : indexes) {
                JobWriter.bindColumns(ps, jobs.get(i));
                ps.setString(5, json[i]);
                ps.setString(6, jobs.get(i).id());
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        catch (BatchUpdateException ex) {
            if (s.dialect().isDuplicateKey(ex) || (ex.getNextException() != null && s.dialect().isDuplicateKey(ex.getNextException()))) {
                throw new IdTakenMeanwhile();
            }
            throw ex;
        }
        for (int count : counts) {
            // 0: PostgreSQL's ON CONFLICT DO NOTHING skipped a row inserted meanwhile (an update cannot miss: the row is
            // locked); SUCCESS_NO_INFO (-2) counts as written
            if (count == 0) {
                throw new IdTakenMeanwhile();
            }
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Rolls the batch's transaction back so that it is decided again. */
    private static final class IdTakenMeanwhile extends RuntimeException {

        private static final long serialVersionUID = 1L;

        IdTakenMeanwhile() {
            super(null, null, false, false);
        }
    }
}
