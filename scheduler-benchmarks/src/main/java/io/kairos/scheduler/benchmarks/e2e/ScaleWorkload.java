package io.kairos.scheduler.benchmarks.e2e;

import io.kairos.scheduler.benchmarks.e2e.kairos.KairosPeer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code W5} (issue 21 goal 5): for each background size B ({@code bench.backgrounds}, default
 * {@code 0,10000,100000,300000,1000000}), one Kairos store peer (1 instance × {@code bench.threads}) holding B pending jobs
 * due in 30 days, loaded with {@code addJobs}, measures in turn:
 * <ol>
 * <li>{@code W5-burst}: the W3 burst of {@code bench.n} (20,000) jobs due now, loaded with {@code addJobs} while the
 * instance is paused and counted from {@code resume()} to the last execution; one warm-up burst of
 * {@code bench.warmup.n} (3,000), then {@code bench.reps} (3) measured ones;</li>
 * <li>{@code W5-lat}: lateness at {@code bench.rate} (50) jobs/s for {@code bench.seconds} (20) s, jobs added 1 s before
 * due through the producer ({@link LatenessWorkload#measure});</li>
 * <li>{@code W5-add}: {@code bench.single.n} (2,000) single {@code addJob}s and {@code bench.bulk.n} (20,000) jobs
 * through {@code addJobs} in lists of 1,000, due in 1 h (columns {@code add_rate} and {@code bulk_insert_rate}).</li>
 * </ol>
 * The background size is in each row's variant ({@code background=B}; a size measured again in the same run, such as
 * the closing empty table of the default list, gets {@code background=B,repeat=2}, 3, ...); the background load rate
 * is the burst row's {@code bulk_insert_rate}. Before the first size, an unreported JVM warm-up
 * ({@code bench.w5.warmup}, default {@code true}) runs the sequence on an empty store: three bursts of
 * {@code bench.n} jobs ({@code bench.w5.warmup.bursts}), {@code bench.single.n} single adds and {@code bench.bulk.n}
 * bulk adds, so the first measured size pays less for class loading and the JIT. Nothing is vacuumed: the JDBC
 * table is created by the store's {@code create-schema} with the shipped storage settings (PostgreSQL autovacuum
 * thresholds), logged at start-up. Peers: {@code kairos-jdbc} (PostgreSQL), {@code kairos-mariadb},
 * {@code kairos-redis}, {@code kairos-mongo}, {@code kairos-zk}.
 */
final class ScaleWorkload {

    /** Bursts of {@code bench.n} in the warm-up ({@code bench.w5.warmup.bursts}, default 3). */
    private static final int WARM_UP_BURSTS = Integer.getInteger("bench.w5.warmup.bursts", 3);

    private ScaleWorkload() {
    }

    static void run(String peer) throws Exception {
        int[] backgrounds = Arrays.stream(System.getProperty("bench.backgrounds", "0,10000,100000,300000,1000000,0").split(","))
                .mapToInt((b) -> Integer.parseInt(b.trim())).toArray();
        int n = Params.integer("n", 20_000);
        int warmN = Params.integer("warmup.n", 3_000);
        int reps = Params.integer("reps", 3);
        int singleN = Params.integer("single.n", 2_000);
        int bulkN = Params.integer("bulk.n", 20_000);
        PeerConfig config = new PeerConfig(Params.threads(), 1, Params.longValue("poll.ms", 100));
        if (Boolean.parseBoolean(System.getProperty("bench.w5.warmup", "true"))) {
            warmUp(peer, config, n, singleN, bulkN);
        }
        Map<Integer, Integer> seen = new HashMap<>();
        for (int background : backgrounds) {
            try (BenchScheduler s = Peers.create(peer, config)) {
                KairosPeer k = kairos(s, peer);
                int time = seen.merge(background, 1, Integer::sum);
                String suffix = ",background=" + background + (time == 1 ? "" : ",repeat=" + time);
                k.start();
                k.pause();
                if (seen.size() == 1 && time == 1 && peer.startsWith("kairos-jdbc")) {
                    System.err.println("W5 " + peer + ": job table storage options " + Db.reloptions(KairosPeer.TABLE));
                }
                long l0 = System.nanoTime();
                k.loadBackground(background);
                double loadRate = background / ((System.nanoTime() - l0) / 1e9);
                System.err.printf("W5 %s: background %,d loaded at %.0f jobs/s%n", peer, background, loadRate);
                burst(k, warmN);
                double[] rates = new double[reps];
                int dup = 0;
                int missing = 0;
                for (int rep = 0; rep < reps; rep++) {
                    Burst b = burst(k, n);
                    rates[rep] = b.rate;
                    dup += b.dup;
                    missing += b.missing;
                    System.err.printf("W5 %s B=%d burst rep %d: %.0f jobs/s%n", peer, background, rep, b.rate);
                }
                new Row("W5-burst", peer, k.variant() + suffix).put("n", n).put("threads", config.threads()).put("instances", 1)
                        .put("rate_median", Stats.median(rates)).put("rate_min", Stats.min(rates)).put("rate_max", Stats.max(rates))
                        .put("reps", reps).put("duplicate_ids", dup).put("missing_ids", missing).put("bulk_insert_rate", loadRate)
                        .append(Params.out());
                k.resume();
                LatenessWorkload.measure("W5-lat", peer, k, config, 50, suffix);
                k.pause();
                long due = System.currentTimeMillis() + 3_600_000;
                long a0 = System.nanoTime();
                for (int i = 0; i < singleN; i++) {
                    k.addJob("s-" + i, due + i);
                }
                double single = singleN / ((System.nanoTime() - a0) / 1e9);
                a0 = System.nanoTime();
                k.addJobs("b-", bulkN, due);
                double bulk = bulkN / ((System.nanoTime() - a0) / 1e9);
                new Row("W5-add", peer, k.variant() + suffix).put("n", bulkN).put("add_rate", single).put("bulk_insert_rate", bulk)
                        .append(Params.out());
            }
        }
    }

    private static KairosPeer kairos(BenchScheduler s, String peer) {
        if (!(s instanceof KairosPeer k)) {
            throw new IllegalArgumentException("W5 runs on the Kairos store peers, not '" + peer + "'");
        }
        return k;
    }

    /** The measured sequence once on an empty store, not reported: class loading, JIT, connection pools. */
    private static void warmUp(String peer, PeerConfig config, int n, int singleN, int bulkN) throws Exception {
        long w0 = System.nanoTime();
        try (BenchScheduler s = Peers.create(peer, config)) {
            KairosPeer k = kairos(s, peer);
            k.start();
            k.pause();
            Burst b = null;
            for (int i = 0; i < WARM_UP_BURSTS; i++) {
                b = burst(k, n);
            }
            long due = System.currentTimeMillis() + 3_600_000;
            for (int i = 0; i < singleN; i++) {
                k.addJob("w-" + i, due + i);
            }
            k.addJobs("wb-", bulkN, due);
            System.err.printf("W5 %s: last of %d warm-up bursts %.0f jobs/s, whole warm-up %.1f s (not reported)%n", peer,
                    WARM_UP_BURSTS, b == null ? 0.0 : b.rate, (System.nanoTime() - w0) / 1e9);
        }
    }

    private record Burst(double rate, int dup, int missing) {
    }

    /** Loads {@code n} jobs due now while paused, then resumes and waits for the last; pauses again. */
    private static Burst burst(KairosPeer k, int n) throws Exception {
        Probe.reset(n, false);
        Probe.Round round = Probe.current();
        k.loadInLists(n, System.currentTimeMillis());
        Db.checkpoint();
        long t0 = System.nanoTime();
        k.resume();
        boolean all = round.await(Params.longValue("timeout.ms", 300_000));
        long end = all ? round.lastNanos() : System.nanoTime();
        k.pause();
        int ran = n - (int) round.remaining();
        return new Burst(ran / ((end - t0) / 1e9), round.duplicateIds(), round.missingIds());
    }
}
