package io.kairos.scheduler.benchmarks.e2e;

/**
 * W3 (store burst) of {@code peer-benchmark.md}, for PostgreSQL and Redis peers: fresh tables/keys per
 * repetition; N jobs all due now loaded while the scheduler is not started; checkpoint; then {@code start()} on
 * 1 instance, and separately 2 instances in this JVM sharing the store. Before the measured reps, warm-up
 * rounds of {@code warmup.n} jobs: at least {@code warmup.rounds} rounds and {@code warmup.s} seconds of bursts
 * ({@code start()} to the last execution; loading not counted), at most {@code warmup.max.s} seconds in all.
 */
final class StoreBurstWorkload {

    private StoreBurstWorkload() {
    }

    static void run(String workload, String peer) throws Exception {
        // peer-benchmark.md's W3: N = 20,000, 3 reps, warm-up >= 3 rounds and >= 15 s of 3,000-job bursts. The 15 s
        // count the bursts themselves (start() to the last execution), not the loading between them: until run 9 they
        // counted the whole round, mostly loading, and the C2 compiler was still compiling the per-job code (the
        // stored job's decoding among it) during the measured reps, taking 20-40 % of the 2 cores
        int n = Params.integer("n", 20_000);
        int reps = Params.integer("reps", 3);
        int warmN = Params.integer("warmup.n", 3_000);
        int warmRounds = Params.integer("warmup.rounds", 3);
        long warmNanos = Params.longValue("warmup.s", 15) * 1_000_000_000L;
        long warmCapNanos = Params.longValue("warmup.max.s", 300) * 1_000_000_000L;
        String[] instanceCounts = System.getProperty("bench.instances", "1,2").split(",");
        for (String ic : instanceCounts) {
            PeerConfig config = new PeerConfig(Params.threads(), Integer.parseInt(ic.trim()),
                    Params.longValue("poll.ms", 100));
            long warmStart = System.nanoTime();
            long burstNanos = 0;
            for (int w = 0; w < warmRounds || burstNanos < warmNanos && System.nanoTime() - warmStart < warmCapNanos; w++) {
                Result r = once(peer, config, warmN, false, false);
                burstNanos += r.burstNanos;
                System.err.printf("%s %s x%d warm-up %d: %.0f jobs/s (%.1f s of bursts)%n", workload, peer, config.instances(), w,
                        r.rate, burstNanos / 1e9);
            }
            double[] rates = new double[reps];
            double[] afterFirst = new double[reps];
            double[] first = new double[reps];
            double[] bulk = new double[reps];
            double[][] cost = new double[3][reps];
            int dup = 0;
            int missing = 0;
            long extra = 0;
            String variant = null;
            for (int i = 0; i < reps; i++) {
                Result r = once(peer, config, n, true, "W3-pg".equals(workload));
                System.err.printf("%s %s x%d rep %d: %.0f jobs/s%s%n", workload, peer, config.instances(), i, r.rate,
                        r.cost == null ? "" : String.format(" (per 1,000 jobs: JVM CPU %.1f ms, server CPU %.1f ms, WAL %.0f KiB)",
                                r.cost[0], r.cost[1], r.cost[2]));
                for (int c = 0; c < 3; c++) {
                    cost[c][i] = r.cost == null ? Double.NaN : r.cost[c];
                }
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
                    .put("jvm_cpu_ms_per_1k", Stats.median(cost[0])).put("pg_cpu_ms_per_1k", Stats.median(cost[1]))
                    .put("wal_kib_per_1k", Stats.median(cost[2]))
                    .append(Params.out());
        }
    }

    private record Result(double rate, double rateAfterFirst, double firstMillis, double bulkRate, int dup,
            int missing, long extra, String variant, long burstNanos, double[] cost) { // cost: null when not measured
    }

    /**
     * One round; {@code settle}: wait 1 s after the last execution for duplicates (measured reps only);
     * {@code measureCost}: {@link PgCost} from {@code start()} to the end of the settling second (by then the run
     * history of the round is written: the writer lingers 100 ms).
     */
    private static Result once(String peer, PeerConfig config, int n, boolean settle, boolean measureCost) throws Exception {
        try (BenchScheduler s = Peers.create(peer, config)) {
            Probe.reset(n, false);
            Probe.Round round = Probe.current();
            long b0 = System.nanoTime();
            s.load(n, System.currentTimeMillis());
            double bulkRate = n / ((System.nanoTime() - b0) / 1e9);
            Db.checkpoint();
            PgCost before = measureCost ? PgCost.now() : null;
            long t0 = System.nanoTime();
            s.start();
            boolean all = round.await(Params.longValue("timeout.ms", 300_000));
            long end = all ? round.lastNanos() : System.nanoTime();
            if (settle) {
                Thread.sleep(1_000);
            }
            double[] cost = before == null ? null : PgCost.now().perThousandSince(before, n);
            int ran = n - (int) round.remaining();
            double rate = ran / ((end - t0) / 1e9);
            double afterFirst = ran / ((end - round.firstNanos()) / 1e9);
            double firstMs = (round.firstNanos() - t0) / 1e6;
            if (!all) {
                System.err.printf("%s: only %d of %d ran within the timeout%n", peer, ran, n);
            }
            return new Result(rate, afterFirst, firstMs, bulkRate, round.duplicateIds(), round.missingIds(),
                    round.extraExecutions(), s.variant(), end - t0, cost);
        }
    }
}
