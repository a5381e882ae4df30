package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.RunRecordCodec;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's write of a batch of run records: one {@code COPY ... FROM STDIN} (text format) instead of a row
 * insert per record. The server then inserts the rows page by page ({@code heap_multi_insert}: one WAL record per
 * page rather than per row) and runs no executor per row, which matters because the database shares the machine's
 * CPU with the scheduler it serves. Needs the PostgreSQL driver's {@link PGConnection}; the caller checks
 * {@link PgCopyText#supports} first. Stateless and thread-safe.
 */
final class PgRunCopy {

    private final String copy;

    /**
     * @param table the runs table, qualified
     */
    PgRunCopy(String table) {
        this.copy = "COPY " + table + " (run_id, job_id, finished_at, outcome, run_data) FROM STDIN";
    }

    /**
     * Copies the records in, in the connection's current transaction.
     *
     * @param connection a PgJDBC connection (possibly wrapped by a pool)
     * @param runs the records, not empty
     * @throws SQLException when the copy fails (a duplicate run id fails all of it)
     */
    void copy(Connection connection, List<RunRecord> runs) throws SQLException {
        StringBuilder rows = new StringBuilder(runs.size() * 320);
        for (RunRecord run : runs) {
            PgCopyText.field(rows, run.runId()).append('\t');
            PgCopyText.field(rows, run.jobId()).append('\t');
            rows.append(run.finishedAt().toEpochMilli()).append('\t');
            rows.append(run.outcome().name()).append('\t');
            PgCopyText.field(rows, RunRecordCodec.writeDetails(run)).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.copy, new StringReader(rows.toString()));
        }
        catch (java.io.IOException ex) {
            throw new SQLException("cannot send the run records to the server", "08006", ex);
        }
    }
}
