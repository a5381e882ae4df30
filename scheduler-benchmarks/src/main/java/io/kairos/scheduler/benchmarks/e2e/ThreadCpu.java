package io.kairos.scheduler.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's live threads, summed by thread group name (the name with its digits dropped, e.g.
 * {@code kairos-default-N}), to tell which threads a workload's CPU went to. Threads that ended between two
 * snapshots are missing from the later one, so a workload compares snapshots taken while its threads still live.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** The process's CPU time so far (all threads, GC and JIT included), in nanoseconds. */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU nanoseconds (all, then user mode only) of every live thread, keyed by thread id, with the group name. */
    static Map<Long, Map.Entry<String, long[]>> snapshot() {
        Map<Long, Map.Entry<String, long[]>> cpu = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long nanos = THREADS.getThreadCpuTime(t.getId());
            long user = THREADS.getThreadUserTime(t.getId());
            if (nanos >= 0 && user >= 0) {
                cpu.put(t.getId(), Map.entry(t.getName().replaceAll("\\d+", "N"), new long[] {nanos, user}));
            }
        }
        return cpu;
    }

    /**
     * The CPU each thread group used between two snapshots, in nanoseconds per job, as {@code group=ns} pairs.
     *
     * @param before the earlier snapshot
     * @param after the later snapshot
     * @param jobs the jobs the interval ran
     * @return for example {@code main=812/790 kairos-scheduler-default=1400/1100} (all CPU / user mode only)
     */
    static String perJob(Map<Long, Map.Entry<String, long[]>> before, Map<Long, Map.Entry<String, long[]>> after, int jobs) {
        Map<String, long[]> byGroup = new TreeMap<>();
        after.forEach((id, now) -> {
            Map.Entry<String, long[]> then = before.get(id);
            long[] sum = byGroup.computeIfAbsent(now.getKey(), (g) -> new long[2]);
            for (int i = 0; i < 2; i++) {
                sum[i] += now.getValue()[i] - (then == null ? 0 : then.getValue()[i]);
            }
        });
        StringBuilder text = new StringBuilder();
        byGroup.forEach((group, nanos) -> {
            if (nanos[0] / jobs >= 10) {
                text.append(' ').append(group).append('=').append(nanos[0] / jobs).append('/').append(nanos[1] / jobs);
            }
        });
        return text.toString().trim();
    }
}
