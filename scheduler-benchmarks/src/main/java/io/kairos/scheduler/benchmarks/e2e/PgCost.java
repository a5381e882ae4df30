package io.kairos.scheduler.benchmarks.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a W3-pg round costs, in figures that other load on the machine changes little: the CPU time of this JVM,
 * the CPU time of the PostgreSQL server processes serving this JVM's pools ({@link Db#APPLICATION_PREFIX}, read
 * from {@code /proc/<pid>/schedstat}; the server must run on this machine) and the WAL the server wrote (which
 * does include other clients' writes at the same time). Not thread-safe; one per round.
 */
final class PgCost {

    private long jvmNanos;

    private long pgNanos;

    private long walLsn;

    private PgCost() {
    }

    /** @return the figures now */
    static PgCost now() throws SQLException {
        PgCost c = new PgCost();
        c.jvmNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        try (Connection connection = Db.connect(); Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name LIKE '"
                    + Db.APPLICATION_PREFIX + "%'")) {
                while (rs.next()) {
                    c.pgNanos += cpuNanos(rs.getInt(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
                rs.next();
                c.walLsn = rs.getLong(1);
            }
        }
        return c;
    }

    /** The process's time on a CPU in nanoseconds (first field of schedstat), 0 when it cannot be read. */
    private static long cpuNanos(int pid) {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc", Integer.toString(pid), "schedstat")).split(" ")[0]);
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    /**
     * @param before the figures at the start
     * @param jobs the jobs run in between
     * @return {JVM CPU ms, server CPU ms, WAL KiB} per 1,000 jobs
     */
    double[] perThousandSince(PgCost before, int jobs) {
        double k = jobs / 1000.0;
        return new double[] {(this.jvmNanos - before.jvmNanos) / 1e6 / k, (this.pgNanos - before.pgNanos) / 1e6 / k,
                (this.walLsn - before.walLsn) / 1024.0 / k};
    }
}
