package io.kairos.scheduler.benchmarks.e2e;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.trigger.DateTrigger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The caller's CPU cost of {@link Scheduler#addJob} on the memory store, as W1's producer pays it: a fresh scheduler
 * per round (a {@link MemoryJobStore}, history off, started with job processing paused, so no job runs), then N
 * {@code addJob} calls made exactly as {@code KairosPeer.schedule} makes them (task {@code bench.probe}, a
 * {@link DateTrigger} in the system zone due now, arguments id and due time). Reports the calling thread's CPU time
 * (not wall time, so that other processes on a shared machine weigh less) per call, the median over the second half
 * of the rounds (the first half warms the JIT up). With {@code later} as third argument the jobs are due in an hour
 * instead (the loop sleeps until then, so no add wakes it).
 *
 * <pre>java -cp scheduler-benchmarks/target/benchmarks.jar io.kairos.scheduler.benchmarks.e2e.AddJobCost [N=100000] [rounds=12] [now|later]</pre>
 */
public final class AddJobCost {

    private static final String TASK = "bench.probe";

    private static final ZoneId ZONE = ZoneId.systemDefault();

    private AddJobCost() {
    }

    /**
     * @param args job count, rounds and {@code now} or {@code later}, all optional
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        boolean later = args.length > 2 && args[2].equals("later");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<Long> costs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Scheduler scheduler = Scheduler.builder().schedulerId("add-cost")
                    .history(HistorySettings.DEFAULTS.withEnabled(false))
                    .jobStore("default", new MemoryJobStore())
                    .build();
            scheduler.taskRegistry().register(TASK, (a, kw) -> null);
            scheduler.start(true);
            try {
                long due = System.currentTimeMillis() + (later ? 3_600_000L : 0L);
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    scheduler.addJob(JobRequest.of(TASK).trigger(new DateTrigger(Instant.ofEpochMilli(due), ZONE)).args(i, due));
                }
                long end = cpu.getCurrentThreadCpuTime();
                if (round >= rounds / 2) {
                    costs.add((end - start) / n);
                }
            }
            finally {
                scheduler.shutdown(false);
            }
        }
        Collections.sort(costs);
        System.out.printf("AddJobCost N=%d due=%s: addJob %d ns/call (thread CPU, median of %d rounds; min %d, max %d)%n", n,
                later ? "in 1 h" : "now", costs.get(costs.size() / 2), costs.size(), costs.get(0), costs.get(costs.size() - 1));
    }
}
