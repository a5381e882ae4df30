package io.kairos.scheduler.cluster;

import io.kairos.scheduler.store.mongodb.InProcessMongo;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MultiInstanceClusterTests} on the MongoDB job store. The server is mongo-java-server in this test JVM (no
 * {@code mongod} can be installed on the build machines), standalone (no change streams: the nodes poll); the three
 * node JVMs reach it over loopback TCP. Runs are counted in PostgreSQL.
 */
class MongoClusterIT extends MultiInstanceClusterTests {

    private static InProcessMongo server;

    @BeforeAll
    static void startServer() {
        server = new InProcessMongo(0, false);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "mongodb", "mongodb-uri", server.uri(), "collection", "cluster_" + suffix);
    }
}
