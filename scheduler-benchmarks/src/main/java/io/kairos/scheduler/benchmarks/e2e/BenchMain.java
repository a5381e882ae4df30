package io.kairos.scheduler.benchmarks.e2e;

/**
 * Runs one (workload, peer) pair in this JVM and appends its row(s) to the TSV file ({@code bench.out}).
 * {@code run.sh} starts one JVM per pair. Usage:
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+UseG1GC -Dbench.out=results.tsv -cp benchmarks.jar \
 *     io.kairos.scheduler.benchmarks.e2e.BenchMain W1 quartz-ram
 * </pre>
 *
 * Workloads: {@code W1} memory burst, {@code W2} memory capacity, {@code LAT-mem} lateness (memory, 500/s),
 * {@code W3-pg} PostgreSQL burst, {@code W3-redis} Redis burst, {@code W3-stores} the same burst on Kairos's JDBC,
 * Redis, MongoDB and ZooKeeper stores ({@code W3-stores-quick}: 1 measured rep, a short warm-up), {@code LAT-pg}
 * lateness on PostgreSQL (50/s),
 * {@code OUTAGE} lateness of PostgreSQL-store jobs while a Redis store of the same scheduler is down (peer
 * {@code kairos} only), {@code W5-add} add rate, single and bulk, over a background of pending jobs (peers
 * {@code kairos-jdbc}, {@code kairos-mariadb}, {@code kairos-redis}; see {@link ScaleAddWorkload}), {@code W5} burst,
 * lateness and add rates per background size (Kairos store peers; see {@link ScaleWorkload}).
 * Parameters are system properties {@code bench.*} (see the workload classes).
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * @param args workload and peer
     * @throws Exception when the run fails (non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BenchMain <W1|W2|LAT-mem|W3-pg|W3-redis|W3-stores|W3-stores-quick|LAT-pg|OUTAGE|W5-add|W5> <peer>; peers: " + Peers.NAMES);
            System.exit(2);
        }
        String workload = args[0];
        String peer = args[1];
        switch (workload) {
            case "W1" -> MemoryWorkloads.burst(peer);
            case "W2" -> MemoryWorkloads.capacity(peer);
            case "LAT-mem" -> LatenessWorkload.run(workload, peer, 500);
            case "LAT-pg" -> LatenessWorkload.run(workload, peer, 50);
            case "W3-pg", "W3-redis", "W3-stores", "W3-stores-quick" -> StoreBurstWorkload.run(workload, peer);
            case "W5-add" -> ScaleAddWorkload.run(peer);
            case "W5" -> ScaleWorkload.run(peer);
            case "OUTAGE" -> io.kairos.scheduler.benchmarks.e2e.outage.OutageWorkload.run(workload);
            default -> throw new IllegalArgumentException("unknown workload '" + workload + "'");
        }
        System.exit(0);
    }
}
