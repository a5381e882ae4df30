package io.kairos.scheduler.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * One row of the job table as read, before its JSON is decoded.
 *
 * @param id the job id
 * @param nextRunTime epoch milliseconds, or {@code null} when paused or broken
 * @param nextFireTime epoch milliseconds, or {@code null}
 * @param state the {@link io.kairos.scheduler.store.JobState} name
 * @param version the row's version
 * @param brokenReason why the job is broken, or {@code null}
 * @param jobData the job's JSON
 */
record JobRow(String id, @Nullable Long nextRunTime, @Nullable Long nextFireTime, String state, long version, @Nullable String brokenReason, String jobData) {

    /** The columns {@link #read} expects, in order, for SELECT and RETURNING lists. */
    static final String COLUMNS = "id, next_run_time, next_fire_time, state, version, broken_reason, job_data";

    /**
     * Reads the current row of a result set selected with {@link #COLUMNS}.
     *
     * @param rs the result set, positioned on a row
     * @return the row
     * @throws SQLException when reading fails
     */
    static JobRow read(ResultSet rs) throws SQLException {
        return new JobRow(rs.getString(1), nullableLong(rs, 2), nullableLong(rs, 3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7));
    }

    /**
     * Runs a query selected with {@link #COLUMNS}, its parameters set, and reads every row.
     *
     * @param ps the statement, left open
     * @return the rows in the order the query gives them, a list of the caller's own
     * @throws SQLException when the query or reading fails
     */
    static List<JobRow> readAll(PreparedStatement ps) throws SQLException {
        List<JobRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
