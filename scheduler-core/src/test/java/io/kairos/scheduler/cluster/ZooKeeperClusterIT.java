package io.kairos.scheduler.cluster;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MultiInstanceClusterTests} on the ZooKeeper job store: a private ZooKeeper server ({@link PrivateZooKeeper})
 * that the three node JVMs reach over TCP; sessions of 4 s, so the killed node's leases vanish about 4 s after the
 * kill (before the 5 s lease time). Runs are still counted in PostgreSQL.
 */
class ZooKeeperClusterIT extends MultiInstanceClusterTests {

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
        return server.storeOptions(suffix);
    }
}
