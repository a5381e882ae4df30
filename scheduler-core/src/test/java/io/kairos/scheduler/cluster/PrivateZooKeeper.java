package io.kairos.scheduler.cluster;

import java.io.IOException;
import java.util.Map;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A ZooKeeper server for one test: the real server code (Curator's {@link TestingServer}) in the test JVM, on a
 * free port, its snapshots and logs in the temporary directory, so a restart keeps the data and the sessions.
 * Tick time 1 s, so sessions may be as short as 2 s and as long as 20 s.
 */
final class PrivateZooKeeper extends PrivateServer {

    private TestingServer server;

    PrivateZooKeeper() throws IOException {
        super("zookeeper");
    }

    @Override
    void start() throws IOException {
        try {
            InstanceSpec spec = new InstanceSpec(this.directory.toFile(), this.port, -1, -1, false, -1, 1000, -1);
            this.server = new TestingServer(spec, true);
        }
        catch (Exception ex) {
            throw new IOException("ZooKeeper did not start on port " + this.port + ": " + ex, ex);
        }
    }

    @Override
    void crash() throws IOException {
        if (this.server != null) {
            this.server.stop();
            this.server = null;
        }
    }

    String connectString() {
        return "127.0.0.1:" + this.port;
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "zookeeper", "connect-string", connectString(), "root-path", "/kairos-" + suffix, "session-ms", "4000");
    }
}
