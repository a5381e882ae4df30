package io.kairos.scheduler.cluster;

import io.kairos.scheduler.store.mongodb.InProcessMongo;

import java.io.IOException;
import java.util.Map;

/**
 * mongo-java-server in this JVM on the free port {@link PrivateServer} chose, keeping its data across a crash
 * ({@link InProcessMongo}): the stand-in for a private {@code mongod}, which cannot be installed on the build machines.
 */
final class PrivateMongo extends PrivateServer {

    private final InProcessMongo server;

    PrivateMongo() throws IOException {
        super("mongodb");
        this.server = new InProcessMongo(this.port, false);
    }

    @Override
    void start() {
        this.server.start();
    }

    @Override
    void crash() {
        this.server.crash();
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "mongodb", "mongodb-uri", this.server.uri(), "collection", "outage_" + suffix);
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        }
        finally {
            this.server.close();
        }
    }
}
