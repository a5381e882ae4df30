package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.RunRecordCodec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import tools.jackson.core.JsonGenerator;

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
     * Copies the records in, in the connection's current transaction. The rows are encoded straight to UTF-8
     * ({@link PgCopyText}, the details with one JSON generator for the batch) and sent in one piece.
     *
     * @param connection a PgJDBC connection (possibly wrapped by a pool)
     * @param runs the records, not empty
     * @throws SQLException when the copy fails (a duplicate run id fails all of it)
     */
    void copy(Connection connection, List<RunRecord> runs) throws SQLException {
        PgCopyText rows = rows(runs);
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.copy);
        try {
            in.writeToCopy(rows.array(), 0, rows.size());
            in.endCopy();
        }
        catch (SQLException | RuntimeException ex) {
            PgCopyText.cancel(in, ex);
            throw ex;
        }
    }

    /**
     * The records as COPY text rows: run id, job id, finish time (epoch milliseconds), outcome and details, each row
     * ended by a newline.
     *
     * @param runs the records
     * @return the rows
     */
    static PgCopyText rows(List<RunRecord> runs) {
        PgCopyText rows = new PgCopyText(Math.max(1, runs.size() * 320));
        try (JsonGenerator details = RunRecordCodec.detailsGenerator(rows)) {
            for (RunRecord run : runs) {
                rows.field(run.runId()).tab().field(run.jobId()).tab().number(run.finishedAt().toEpochMilli()).tab()
                        .ascii(run.outcome().name()).tab();
                RunRecordCodec.writeDetails(run, details);
                details.flush();
                rows.endRow();
            }
        }
        return rows;
    }
}
