package io.kairos.scheduler.store.zookeeper;

import java.io.IOException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in the test JVM (Curator's {@link TestingServer}, on a free port, data in a temporary
 * directory) with a plain Curator client for looking at its znodes directly. Shared by the core's and the Spring
 * Boot module's tests through the core test-jar. Not thread-safe.
 */
public final class InProcessZooKeeper implements AutoCloseable {

    private final TestingServer server;

    private final CuratorFramework raw;

    /**
     * Starts the server and connects the raw client.
     *
     * @throws Exception when the server cannot start
     */
    public InProcessZooKeeper() throws Exception {
        this.server = new TestingServer(true);
        this.raw = CuratorFrameworkFactory.newClient(this.server.getConnectString(), new RetryOneTime(100));
        this.raw.start();
    }

    /**
     * The connect string.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String connectString() {
        return this.server.getConnectString();
    }

    /**
     * A started client of the server, independent of any store's, closed with this object.
     *
     * @return the client
     */
    public CuratorFramework raw() {
        return this.raw;
    }

    /** Closes the raw client and stops the server; its data is deleted. */
    @Override
    public void close() throws IOException {
        try {
            this.raw.close();
        }
        finally {
            this.server.close();
        }
    }
}
