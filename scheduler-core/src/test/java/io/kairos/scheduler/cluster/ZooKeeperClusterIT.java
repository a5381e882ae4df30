package io.kairos.scheduler.cluster;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MultiInstanceClusterTests} on the ZooKeeper job store: a private ZooKeeper server ({@link PrivateZooKeeper})
 * that the three node JVMs reach over TCP. Runs are still counted in PostgreSQL.
 *
 * <p>Sessions of {@value #SESSION_MS} ms, twice the nodes' 5 s lease time (and the longest the server's 500 ms tick
 * allows): a live node that a loaded machine starves of CPU for a few seconds keeps its session, so its leases are
 * governed by the lease time as in the other stores' cluster tests, and ZooKeeper's client sees a connection loss
 * only after two thirds of the session. (With 4 s sessions, shorter than the lease time, a node stalled for 4 s lost its
 * ephemeral leases while they were still valid, so another node could run its jobs too: the likely cause of a failure
 * seen once under load.) The killed node's jobs are therefore taken over when its leases
 * expire, within 5 s of its last extension and before its session ends; that every one-shot job ran, its in-flight and
 * leased ones included, proves the take-over. The take-over through an expired session, without waiting for the lease
 * time, is tested by {@code ZooKeeperJobStoreTests.leasesVanishWithTheSessionOfTheirHolderAndItsJobsAreTakenOver}.
 */
class ZooKeeperClusterIT extends MultiInstanceClusterTests {

    /** The ZooKeeper session timeout of the nodes, in milliseconds. */
    static final long SESSION_MS = 10_000;

    private static PrivateZooKeeper server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new PrivateZooKeeper();
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        Map<String, String> options = new HashMap<>(server.storeOptions(suffix));
        options.put("session-ms", Long.toString(SESSION_MS));
        return options;
    }
}
