package io.kairos.scheduler.cluster;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MultiInstanceClusterTests} on the ZooKeeper job store: a private ZooKeeper server ({@link PrivateZooKeeper})
 * that the three node JVMs reach over TCP. Runs are still counted in PostgreSQL.
 *
 * <p>A lease time of 10 s, twice the other stores' cluster tests', and sessions of {@value #SESSION_MS} ms, twice the lease
 * time (and the longest the server's 1 s tick allows). Extending a lease on ZooKeeper costs two round trips per job
 * to a server that shares this machine's two cores with the test and three node JVMs: with 5 s leases, loaded runs saw
 * live nodes fail to extend within the lease, lose their leases ("Lease on job ... was lost") and the jobs run again
 * on another node, as {@code docs/clustering.md} says of any instance starved for two thirds of the lease time. With a
 * session shorter than the lease, a stalled node lost its ephemeral leases while they were still valid. The killed
 * node's jobs are therefore taken over when its leases expire, within 10 s of its last extension and before its
 * session ends; that every one-shot job ran, its in-flight and leased ones included, proves the take-over.
 * The take-over through an expired session, without waiting for the lease
 * time, is tested by {@code ZooKeeperJobStoreTests.leasesVanishWithTheSessionOfTheirHolderAndItsJobsAreTakenOver}.
 */
class ZooKeeperClusterIT extends MultiInstanceClusterTests {

    /** The ZooKeeper session timeout of the nodes, in milliseconds. */
    static final long SESSION_MS = 20_000;

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
    String leaseMillis() {
        return "10000";
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        Map<String, String> options = new HashMap<>(server.storeOptions(suffix));
        options.put("session-ms", Long.toString(SESSION_MS));
        return options;
    }
}
