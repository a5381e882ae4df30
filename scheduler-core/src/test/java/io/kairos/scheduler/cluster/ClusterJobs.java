package io.kairos.scheduler.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * The task the cluster tests schedule: {@code io.kairos.scheduler.cluster.ClusterJobs::record}. Each run first
 * inserts one row {@code (job_id, scheduled_time, node, started_at)} into the runs table (so a run cut short by a
 * {@code kill -9} is still counted), then works for a while so that runs are in flight when a node dies.
 *
 * <p>{@link #configure} is called once per JVM before the scheduler starts. The scheduled run time comes from
 * {@link RunTimeExposingExecutor}, which sets it for the worker thread around each invocation. Thread-safe.
 */
public final class ClusterJobs {

    private static final ThreadLocal<Instant> RUN_TIME = new ThreadLocal<>();

    private static volatile DataSource dataSource;

    private static volatile String insert;

    private static volatile String countRuns;

    private static volatile String node;

    private static volatile long workMillis;

    private ClusterJobs() {
    }

    /**
     * Sets where runs are recorded.
     *
     * @param runs the PostgreSQL database holding the runs table
     * @param runsTable the runs table ({@link RunsTable#create})
     * @param nodeName this JVM's node name, written with each run
     * @param work how long each run works after recording itself, in milliseconds
     */
    public static void configure(DataSource runs, String runsTable, String nodeName, long work) {
        dataSource = runs;
        insert = "INSERT INTO " + runsTable + " (job_id, scheduled_time, node, started_at) VALUES (?, ?, ?, ?)";
        countRuns = "SELECT count(*) FROM " + runsTable + " WHERE job_id = ?";
        node = nodeName;
        workMillis = work;
    }

    static void runTime(Instant scheduledRunTime) {
        if (scheduledRunTime == null) {
            RUN_TIME.remove();
        }
        else {
            RUN_TIME.set(scheduledRunTime);
        }
    }

    /**
     * Records one run of a job, then works for the configured time.
     *
     * @param jobId the job's id (passed as the job's only argument)
     * @throws SQLException when the row cannot be written (the run then fails and is reported as {@code JobFailed})
     * @throws InterruptedException when the worker is interrupted while working
     */
    public static void record(String jobId) throws SQLException, InterruptedException {
        Instant scheduled = RUN_TIME.get();
        if (scheduled == null) {
            throw new IllegalStateException("no scheduled run time set: run ClusterJobs through RunTimeExposingExecutor");
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, jobId);
            statement.setLong(2, scheduled.toEpochMilli());
            statement.setString(3, node);
            statement.setLong(4, System.currentTimeMillis());
            statement.executeUpdate();
        }
        Thread.sleep(workMillis);
    }

    /**
     * Records one run of a job like {@link #record}, then fails while the job has fewer than three recorded runs: the
     * first two attempts fail, the third succeeds, whichever nodes run them.
     *
     * @param jobId the job's id (passed as the job's only argument)
     * @throws SQLException when the row cannot be written or counted
     * @throws InterruptedException when the worker is interrupted while working
     * @throws IllegalStateException on the first and second run
     */
    public static void failTwice(String jobId) throws SQLException, InterruptedException {
        record(jobId);
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(countRuns)) {
            statement.setString(1, jobId);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                rows.next();
                long runs = rows.getLong(1);
                if (runs < 3) {
                    throw new IllegalStateException("attempt " + runs + " of " + jobId + " fails on " + node);
                }
            }
        }
    }
}
