package io.kairos.scheduler.store.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server for one test class: Curator's {@link TestingServer} in the test JVM, on a free port, data
 * in a temporary directory, with a plain Curator client for looking at its znodes directly. Register it as a static
 * field ({@code @RegisterExtension static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();}): it starts
 * before the class's first test and stops, deleting its data, after the last. Shared by the core's and the Spring
 * Boot module's tests through the core test-jar. Not thread-safe.
 */
public final class InProcessZooKeeper implements BeforeAllCallback, AfterAllCallback {

    private TestingServer server;

    private CuratorFramework raw;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        this.server = new TestingServer(true);
        this.raw = CuratorFrameworkFactory.newClient(this.server.getConnectString(), new RetryOneTime(100));
        this.raw.start();
    }

    /** Closes the raw client and stops the server; its data is deleted. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (this.raw != null) {
                this.raw.close();
            }
        }
        finally {
            if (this.server != null) {
                this.server.close();
            }
            this.raw = null;
            this.server = null;
        }
    }

    /**
     * The connect string.
     *
     * @return {@code 127.0.0.1:<port>}
     * @throws IllegalStateException outside the test class's lifetime
     */
    public String connectString() {
        return started().getConnectString();
    }

    /**
     * A started client of the server, independent of any store's, closed after the test class.
     *
     * @return the client
     * @throws IllegalStateException outside the test class's lifetime
     */
    public CuratorFramework raw() {
        started();
        return this.raw;
    }

    /**
     * Deletes a znode and everything below it, if it exists.
     *
     * @param path the znode's path
     * @throws Exception when ZooKeeper fails
     */
    public void deleteTree(String path) throws Exception {
        if (raw().checkExists().forPath(path) != null) {
            this.raw.delete().deletingChildrenIfNeeded().forPath(path);
        }
    }

    /**
     * Deletes everything below a znode, keeping the znode itself; nothing when it does not exist.
     *
     * @param path the znode's path
     * @throws Exception when ZooKeeper fails
     */
    public void deleteChildren(String path) throws Exception {
        if (raw().checkExists().forPath(path) != null) {
            for (String child : this.raw.getChildren().forPath(path)) {
                this.raw.delete().deletingChildrenIfNeeded().forPath(path + "/" + child);
            }
        }
    }

    private TestingServer started() {
        if (this.server == null) {
            throw new IllegalStateException("the in-process ZooKeeper runs only between beforeAll and afterAll of its test class;"
                    + " register it with @RegisterExtension on a static field");
        }
        return this.server;
    }
}
