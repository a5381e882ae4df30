package io.kairos.scheduler.benchmarks.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What a W3-pg round costs, in figures that other load on the machine changes little: the CPU time of this JVM,
 * the CPU time of the PostgreSQL server processes serving this JVM's pools ({@link Db#APPLICATION_PREFIX}, read
 * from {@code /proc/<pid>/schedstat}; the server must run on this machine) and the WAL the server wrote (which
 * does include other clients' writes at the same time).
 *
 * <p>The server CPU time is the growth of each process present in both snapshots (the same pid and backend start
 * time, so a reused pid is another process): a connection a pool opened or closed in between (pool churn) is left
 * out, not counted from zero or subtracted; when a process's time cannot be
 * read, the figure is {@code NaN} (an empty cell in the results), not a sum that lacks it. Not thread-safe; one per
 * round.
 */
final class PgCost {

    /** Marks a process whose schedstat could not be read. */
    static final long UNREADABLE = -1;

    private long jvmNanos;

    /** Server process ({@code pid@backend_start}) to its CPU time in nanoseconds, or {@link #UNREADABLE}. */
    private final Map<String, Long> pgNanos = new HashMap<>();

    private long walLsn;

    private PgCost() {
    }

    /** @return the figures now */
    static PgCost now() throws SQLException {
        PgCost c = new PgCost();
        c.jvmNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        try (Connection connection = Db.connect(); Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pid, backend_start FROM pg_stat_activity WHERE application_name LIKE '"
                    + Db.APPLICATION_PREFIX + "%'")) {
                while (rs.next()) {
                    int pid = rs.getInt(1);
                    c.pgNanos.put(pid + "@" + rs.getString(2), cpuNanos(pid));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
                rs.next();
                c.walLsn = rs.getLong(1);
            }
        }
        return c;
    }

    /** The process's time on a CPU in nanoseconds (first field of schedstat), {@link #UNREADABLE} when it cannot be read. */
    private static long cpuNanos(int pid) {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc", Integer.toString(pid), "schedstat")).split(" ")[0]);
        }
        catch (IOException | RuntimeException ex) {
            return UNREADABLE;
        }
    }

    /**
     * The CPU time the server processes present in both snapshots spent in between.
     *
     * @param before server process ({@code pid@backend_start}) to CPU nanoseconds (or {@link #UNREADABLE}) at the start
     * @param after the same at the end
     * @return the nanoseconds, or {@code NaN} when a process present in both could not be read in either
     */
    static double serverNanos(Map<String, Long> before, Map<String, Long> after) {
        double total = 0;
        for (Map.Entry<String, Long> end : after.entrySet()) {
            Long start = before.get(end.getKey());
            if (start == null) {
                continue;
            }
            if (start == UNREADABLE || end.getValue() == UNREADABLE) {
                return Double.NaN;
            }
            total += end.getValue() - start;
        }
        return total;
    }

    /**
     * @param before the figures at the start
     * @param jobs the jobs run in between
     * @return {JVM CPU ms, server CPU ms (NaN when unknown), WAL KiB} per 1,000 jobs
     */
    double[] perThousandSince(PgCost before, int jobs) {
        double k = jobs / 1000.0;
        return new double[] {(this.jvmNanos - before.jvmNanos) / 1e6 / k, serverNanos(before.pgNanos, this.pgNanos) / 1e6 / k,
                (this.walLsn - before.walLsn) / 1024.0 / k};
    }
}
