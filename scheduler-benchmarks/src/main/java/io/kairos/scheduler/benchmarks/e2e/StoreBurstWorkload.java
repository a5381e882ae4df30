package io.kairos.scheduler.benchmarks.e2e;

/**
 * W3 (store burst) of {@code peer-benchmark.md}, for PostgreSQL and Redis peers: fresh tables/keys per
 * repetition; N jobs all due now loaded while the scheduler is not started; checkpoint; then {@code start()} on
 * 1 instance, and separately 2 instances in this JVM sharing the store. Before the measured reps, warm-up
 * rounds of {@code warmup.n} jobs (≥ {@code warmup.rounds} rounds and ≥ {@code warmup.s} seconds).
 */
final class StoreBurstWorkload {

    private StoreBurstWorkload() {
    }

    static void run(String workload, String peer) throws Exception {
        // peer-benchmark.md's W3: N = 20,000, 3 reps, warm-up >= 3 rounds and >= 15 s of 3,000-job bursts. With the
        // shorter warm-up used until run 8 (>= 5 s of 2,000-job bursts) the JIT was still compiling the scheduler's
        // per-batch code during the measured reps (the C2 compiler thread took 2.4 s of CPU during a 2.5 s burst)
        int n = Params.integer("n", 20_000);
        int reps = Params.integer("reps", 3);
        int warmN = Params.integer("warmup.n", 3_000);
        int warmRounds = Params.integer("warmup.rounds", 3);
        long warmMillis = Params.longValue("warmup.s", 15) * 1000;
        String[] instanceCounts = System.getProperty("bench.instances", "1,2").split(",");
        for (String ic : instanceCounts) {
            PeerConfig config = new PeerConfig(Params.threads(), Integer.parseInt(ic.trim()),
                    Params.longValue("poll.ms", 100));
            long warmStart = System.nanoTime();
            for (int w = 0; w < warmRounds || System.nanoTime() - warmStart < warmMillis * 1_000_000L; w++) {
                Result r = once(peer, config, warmN);
                System.err.printf("%s %s x%d warm-up %d: %.0f jobs/s%n", workload, peer, config.instances(), w, r.rate);
            }
            double[] rates = new double[reps];
            double[] afterFirst = new double[reps];
            double[] first = new double[reps];
            double[] bulk = new double[reps];
            int dup = 0;
            int missing = 0;
            long extra = 0;
            String variant = null;
            for (int i = 0; i < reps; i++) {
                Result r = once(peer, config, n);
                System.err.printf("%s %s x%d rep %d: %.0f jobs/s%n", workload, peer, config.instances(), i, r.rate);
                rates[i] = r.rate;
                afterFirst[i] = r.rateAfterFirst;
                first[i] = r.firstMillis;
                bulk[i] = r.bulkRate;
                dup += r.dup;
                missing += r.missing;
                extra += r.extra;
                variant = r.variant;
            }
            new Row(workload, peer, variant).put("n", n).put("threads", config.threads())
                    .put("instances", config.instances()).put("rate_median", Stats.median(rates))
                    .put("rate_min", Stats.min(rates)).put("rate_max", Stats.max(rates))
                    .put("rate_after_first", Stats.median(afterFirst)).put("reps", reps)
                    .put("first_ms", Stats.median(first)).put("duplicate_ids", dup).put("missing_ids", missing)
                    .put("extra_executions", extra).put("bulk_insert_rate", Stats.median(bulk))
                    .append(Params.out());
        }
    }

    private record Result(double rate, double rateAfterFirst, double firstMillis, double bulkRate, int dup,
            int missing, long extra, String variant) {
    }

    private static Result once(String peer, PeerConfig config, int n) throws Exception {
        try (BenchScheduler s = Peers.create(peer, config)) {
            Probe.reset(n, false);
            Probe.Round round = Probe.current();
            long b0 = System.nanoTime();
            s.load(n, System.currentTimeMillis());
            double bulkRate = n / ((System.nanoTime() - b0) / 1e9);
            Db.checkpoint();
            long t0 = System.nanoTime();
            s.start();
            boolean all = round.await(Params.longValue("timeout.ms", 300_000));
            long end = all ? round.lastNanos() : System.nanoTime();
            Thread.sleep(1_000);
            int ran = n - (int) round.remaining();
            double rate = ran / ((end - t0) / 1e9);
            double afterFirst = ran / ((end - round.firstNanos()) / 1e9);
            double firstMs = (round.firstNanos() - t0) / 1e6;
            if (!all) {
                System.err.printf("%s: only %d of %d ran within the timeout%n", peer, ran, n);
            }
            return new Result(rate, afterFirst, firstMs, bulkRate, round.duplicateIds(), round.missingIds(),
                    round.extraExecutions(), s.variant());
        }
    }
}
