package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContractTests;

import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The job store contract on {@link MongoJobStore} against mongo-java-server, an in-process MongoDB wire-protocol
 * server (no {@code mongod} can be installed on the build machines), without an oplog: a standalone server.
 */
class MongoJobStoreTests extends JobStoreContractTests {

    static MongoServer server;

    static MongoClient client;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        String uri = server.bindAndGetConnectionString();
        client = MongoClients.create(uri);
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Override
    protected boolean reportsLeaseHolders() {
        return true;
    }

    @Override
    protected JobStore createStore() {
        return MongoJobStore.builder().client(client).database("kairos_test").collection("jobs").timeout(Duration.ofSeconds(10)).build();
    }
}
