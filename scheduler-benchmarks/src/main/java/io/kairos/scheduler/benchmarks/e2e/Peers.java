package io.kairos.scheduler.benchmarks.e2e;

import io.kairos.scheduler.benchmarks.e2e.kairos.KairosPeer;
import io.kairos.scheduler.benchmarks.e2e.peer.BaselineMemory;
import io.kairos.scheduler.benchmarks.e2e.peer.BaselinePg;
import io.kairos.scheduler.benchmarks.e2e.peer.BaselineRedis;
import io.kairos.scheduler.benchmarks.e2e.peer.DbSchedulerPeer;
import io.kairos.scheduler.benchmarks.e2e.peer.QuartzPeer;
import io.kairos.scheduler.benchmarks.e2e.peer.SpringTps;

import java.util.List;

/** The peers by name, as used on the command line and in the TSV file. */
public final class Peers {

    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("baseline-mem", "spring-tps", "quartz-ram", "baseline-pg",
            "dbsched-lock", "dbsched-fetch", "quartz-jdbc", "baseline-redis", "kairos-mem", "kairos-mem-nohistory", "kairos-jdbc",
            "kairos-jdbc-nohistory", "kairos-mariadb", "kairos-redis", "kairos-mongo", "kairos-zk", "kairos-zk-nohistory");

    private Peers() {
    }

    /**
     * @param name a peer name
     * @param config threads, instances, poll interval
     * @return a new, not started adapter
     * @throws Exception when the peer cannot be set up
     * @throws IllegalArgumentException for an unknown name
     */
    public static BenchScheduler create(String name, PeerConfig config) throws Exception {
        return switch (name) {
            case "baseline-mem" -> new BaselineMemory(config);
            case "spring-tps" -> new SpringTps(config);
            case "quartz-ram" -> QuartzPeer.ram(config);
            case "baseline-pg" -> new BaselinePg(config);
            case "dbsched-lock" -> DbSchedulerPeer.lockAndFetch(config);
            case "dbsched-fetch" -> DbSchedulerPeer.fetch(config);
            case "quartz-jdbc" -> QuartzPeer.jdbc(config);
            case "baseline-redis" -> new BaselineRedis(config);
            case "kairos-mem" -> KairosPeer.memory(config);
            case "kairos-mem-nohistory" -> KairosPeer.memoryWithoutHistory(config);
            case "kairos-jdbc" -> KairosPeer.jdbc(config);
            case "kairos-jdbc-nohistory" -> KairosPeer.jdbcWithoutHistory(config);
            case "kairos-mariadb" -> KairosPeer.mariadb(config);
            case "kairos-redis" -> KairosPeer.redis(config);
            case "kairos-mongo" -> KairosPeer.mongodb(config);
            case "kairos-zk" -> KairosPeer.zookeeper(config);
            case "kairos-zk-nohistory" -> KairosPeer.zookeeperWithoutHistory(config);
            default -> throw new IllegalArgumentException("unknown peer '" + name + "'; valid: " + NAMES);
        };
    }
}
