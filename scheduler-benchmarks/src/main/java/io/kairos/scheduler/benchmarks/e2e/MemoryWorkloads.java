package io.kairos.scheduler.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * W1 (memory burst) and W2 (memory capacity) of {@code peer-benchmark.md}, for any in-memory peer.
 */
final class MemoryWorkloads {

    private MemoryWorkloads() {
    }

    /**
     * W1: per rep a fresh started scheduler; N one-shot no-op jobs all due "now" (one instant taken just before)
     * scheduled one call at a time from this thread; {@code exec_rate} = N / (first schedule call → last
     * execution). 2 warm-up + 5 measured reps by default. {@code jvm_cpu_ms_per_1k}: the process's CPU time (every
     * thread, GC and JIT included) over the same interval, per 1,000 jobs; each rep's log line also splits the CPU
     * by thread group, in nanoseconds per job.
     */
    static void burst(String peer) throws Exception {
        int n = Params.integer("n", 100_000);
        int warmups = Params.integer("warmups", 2);
        int reps = Params.integer("reps", 5);
        PeerConfig config = new PeerConfig(Params.threads(), 1, 0);
        double[] rates = new double[reps];
        double[] callRates = new double[reps];
        double[] cpu = new double[reps];
        String variant = null;
        int dup = 0;
        for (int r = -warmups; r < reps; r++) {
            try (BenchScheduler s = Peers.create(peer, config)) {
                variant = s.variant();
                s.start();
                Probe.reset(n, false);
                Probe.Round round = Probe.current();
                var threadsBefore = ThreadCpu.snapshot();
                long cpu0 = ThreadCpu.processNanos();
                long due = System.currentTimeMillis();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    s.schedule(i, due);
                }
                long tScheduled = System.nanoTime();
                if (!round.await(Params.longValue("timeout.ms", 300_000))) {
                    throw new IllegalStateException(peer + ": " + round.remaining() + " of " + n + " jobs did not run");
                }
                long cpuNanos = ThreadCpu.processNanos() - cpu0;
                String byThread = ThreadCpu.perJob(threadsBefore, ThreadCpu.snapshot(), n);
                if (r >= 0) {
                    rates[r] = n / ((round.lastNanos() - t0) / 1e9);
                    callRates[r] = n / ((tScheduled - t0) / 1e9);
                    cpu[r] = cpuNanos / 1e6 / (n / 1000.0);
                    dup += round.duplicateIds();
                }
                System.err.printf("W1 %s rep %d: %.0f jobs/s, %d ns CPU/job (%s)%n", peer, r,
                        n / ((round.lastNanos() - t0) / 1e9), cpuNanos / n, byThread);
            }
        }
        new Row("W1", peer, variant).put("n", n).put("threads", config.threads()).put("instances", 1)
                .put("rate_median", Stats.median(rates)).put("rate_min", Stats.min(rates))
                .put("rate_max", Stats.max(rates)).put("reps", reps)
                .put("schedule_call_rate", Stats.median(callRates)).put("jvm_cpu_ms_per_1k", Stats.median(cpu))
                .put("duplicate_ids", dup)
                .append(Params.out());
    }

    /**
     * W2: N = 1,000,000 one-shot jobs due in one hour, scheduled one call at a time into a started scheduler;
     * {@code add_rate} and retained heap per job (used heap after − before, each the minimum of 4 × (gc + 50 ms
     * + used heap)). 2 reps by default.
     */
    static void capacity(String peer) throws Exception {
        int n = Params.integer("n", 1_000_000);
        int reps = Params.integer("reps", 2);
        PeerConfig config = new PeerConfig(Params.threads(), 1, 0);
        double[] addRates = new double[reps];
        double[] bytes = new double[reps];
        String variant = null;
        for (int r = 0; r < reps; r++) {
            try (BenchScheduler s = Peers.create(peer, config)) {
                variant = s.variant();
                s.start();
                Probe.reset(0, false);
                long before = usedHeap();
                long due = System.currentTimeMillis() + 3_600_000L;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    s.schedule(i, due);
                }
                long t1 = System.nanoTime();
                long after = usedHeap();
                addRates[r] = n / ((t1 - t0) / 1e9);
                bytes[r] = (after - before) / (double) n;
                System.err.printf("W2 %s rep %d: %.0f adds/s, %.1f B/job%n", peer, r, addRates[r], bytes[r]);
            }
        }
        new Row("W2", peer, variant).put("n", n).put("threads", config.threads()).put("instances", 1)
                .put("add_rate", Stats.median(addRates)).put("bytes_per_job", Stats.median(bytes)).put("reps", reps)
                .append(Params.out());
    }

    /** The used heap after a full collection: the least of 4 readings, each after {@code System.gc()} and 50 ms. */
    static long usedHeap() throws InterruptedException {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            min = Math.min(min, mx.getHeapMemoryUsage().getUsed());
        }
        return min;
    }
}
