package io.kairos.scheduler.benchmarks.e2e;

import java.util.concurrent.locks.LockSupport;

/**
 * Lateness (W4 of {@code peer-benchmark.md}): one producer thread submits {@code rate} jobs/s for
 * {@code warmup.s} (not reported) + {@code seconds}; job i is due at T0 + i / rate and is submitted
 * {@code lead.ms} before it is due, into a started scheduler (store peers: through a producer instance that runs
 * nothing). Lateness = actual start (wall clock, µs) − scheduled instant (epoch ms).
 */
final class LatenessWorkload {

    private LatenessWorkload() {
    }

    static void run(String workload, String peer, int defaultRate) throws Exception {
        PeerConfig config = new PeerConfig(Params.threads(), 1, Params.longValue("poll.ms", 100));
        try (BenchScheduler s = Peers.create(peer, config)) {
            s.start();
            measure(workload, peer, s, config, defaultRate, "");
        }
    }

    /**
     * Measures lateness on a started peer and appends the row.
     *
     * @param variantSuffix appended to the row's variant (e.g. the W5 background)
     */
    static void measure(String workload, String peer, BenchScheduler s, PeerConfig config, int defaultRate, String variantSuffix)
            throws Exception {
        int rate = Params.integer("rate", defaultRate);
        int seconds = Params.integer("seconds", 20);
        int warmupSeconds = Params.integer("warmup.s", 2);
        long lead = Params.longValue("lead.ms", 1_000);
        int warm = rate * warmupSeconds;
        int n = warm + rate * seconds;
        Probe.reset(n, true);
        Probe.Round round = Probe.current();
        long baseMillis = System.currentTimeMillis();
        long baseNanos = System.nanoTime();
        long t0 = baseMillis + lead + 200;
        long maxLag = 0;
        long maxCall = 0;
        for (int i = 0; i < n; i++) {
            long due = t0 + Math.round(i * 1000.0 / rate);
            long planned = baseNanos + (due - lead - baseMillis) * 1_000_000L;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long c0 = System.nanoTime();
            s.schedule(i, due);
            long c1 = System.nanoTime();
            maxLag = Math.max(maxLag, c0 - planned);
            maxCall = Math.max(maxCall, c1 - c0);
        }
        round.await(lead + Params.longValue("timeout.ms", 60_000));
        Thread.sleep(Params.longValue("settle.ms", 500));
        double[] late = round.latenessMillis(warm);
        logLateJobs(workload, peer, late, rate);
        new Row(workload, peer, s.variant() + ",rate=" + rate + "/s,lead=" + lead + "ms,warmup=" + warmupSeconds
                + "s" + variantSuffix).put("n", n - warm).put("threads", config.threads()).put("instances", 1)
                .put("p50_ms", Stats.percentile(late, 50)).put("p99_ms", Stats.percentile(late, 99))
                .put("max_ms", Stats.max(late)).put("min_ms", Stats.min(late)).put("mean_ms", Stats.mean(late))
                .put("duplicate_ids", round.duplicateIds()).put("missing_ids", round.missingIds())
                .put("extra_executions", round.extraExecutions())
                .put("producer_lag_ms", maxLag / 1e6).put("schedule_call_max_ms", maxCall / 1e6)
                .append(Params.out());
    }

    /**
     * Logs where the jobs late by more than 100 ms were (positions in due order, after the warm-up): a stall shows as
     * one run of consecutive jobs whose lateness falls by 1,000 / rate ms per job.
     */
    private static void logLateJobs(String workload, String peer, double[] late, int rate) {
        int count = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < late.length; i++) {
            if (late[i] > 100) {
                count++;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (count > 0) {
            System.err.printf("%s %s: %d jobs late > 100 ms, positions %d..%d of %d (due %.2f..%.2f s into the measured"
                    + " window), lateness %.0f ms at the first, %.0f ms at the last%n", workload, peer, count, first, last,
                    late.length, first / (double) rate, last / (double) rate, late[first], late[last]);
        }
    }
}
