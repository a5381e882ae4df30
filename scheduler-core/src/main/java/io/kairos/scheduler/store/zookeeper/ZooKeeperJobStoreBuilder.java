package io.kairos.scheduler.store.zookeeper;

import java.time.Duration;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Describes a {@link ZooKeeperJobStore}: the Curator client (given, or created from a connect string), the root
 * path and, for a created client, the session and connection timeouts. Not thread-safe; build once.
 */
public final class ZooKeeperJobStoreBuilder {

    /** The default connect string. */
    public static final String DEFAULT_CONNECT_STRING = "127.0.0.1:2181";

    /** The default session timeout asked of the server, in milliseconds (the server keeps it within its bounds). */
    public static final long DEFAULT_SESSION_TIMEOUT_MILLIS = 30_000;

    /** The default connection timeout, in milliseconds. */
    public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;

    private @Nullable CuratorFramework client;

    private @Nullable String connectString;

    private String rootPath = ZooKeeperPaths.DEFAULT_ROOT;

    private Duration sessionTimeout = Duration.ofMillis(DEFAULT_SESSION_TIMEOUT_MILLIS);

    private Duration connectionTimeout = Duration.ofMillis(DEFAULT_CONNECTION_TIMEOUT_MILLIS);

    ZooKeeperJobStoreBuilder() {
    }

    /**
     * Uses an application's Curator client (started by the store if it is not; never closed by it). Its session and
     * retry settings apply; the leases are ephemeral znodes of its session.
     *
     * @param client the client
     * @return this builder
     */
    public ZooKeeperJobStoreBuilder client(CuratorFramework client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * Connects with a client the store creates and closes.
     *
     * @param connectString ZooKeeper's {@code host:port[,host:port...][/chroot]}; default {@value #DEFAULT_CONNECT_STRING}
     * @return this builder
     * @throws IllegalArgumentException when it is blank
     */
    public ZooKeeperJobStoreBuilder connectString(String connectString) {
        Objects.requireNonNull(connectString, "connectString");
        if (connectString.isBlank()) {
            throw new IllegalArgumentException("ZooKeeper job store connect-string must not be blank (e.g. 127.0.0.1:2181)");
        }
        this.connectString = connectString.trim();
        return this;
    }

    /**
     * The znode under which the store keeps its jobs; default {@code /kairos}.
     *
     * @param rootPath an absolute ZooKeeper path other than {@code /}
     * @return this builder
     * @throws IllegalArgumentException naming the value when it is not a valid path
     */
    public ZooKeeperJobStoreBuilder rootPath(String rootPath) {
        this.rootPath = ZooKeeperPaths.under(rootPath).root();
        return this;
    }

    /**
     * The session timeout a created client asks for; default {@value #DEFAULT_SESSION_TIMEOUT_MILLIS} ms. A scheduler
     * cut off from ZooKeeper longer than this loses its session and its leases, and its jobs are taken over; the
     * server keeps the value between 2 and 20 ticks ({@code tickTime}).
     *
     * @param sessionTimeout a positive duration of at most {@link Integer#MAX_VALUE} ms
     * @return this builder
     * @throws IllegalArgumentException when it is out of range
     */
    public ZooKeeperJobStoreBuilder sessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = positiveMillis("session-timeout", sessionTimeout);
        return this;
    }

    /**
     * How long to wait for a connection, at start and for each operation while disconnected; default
     * {@value #DEFAULT_CONNECTION_TIMEOUT_MILLIS} ms.
     *
     * @param connectionTimeout a positive duration of at most {@link Integer#MAX_VALUE} ms
     * @return this builder
     * @throws IllegalArgumentException when it is out of range
     */
    public ZooKeeperJobStoreBuilder connectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = positiveMillis("connection-timeout", connectionTimeout);
        return this;
    }

    private static Duration positiveMillis(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ZooKeeper job store " + name + " must be between 1 ms and " + Integer.MAX_VALUE
                    + " ms, got " + value);
        }
        return value;
    }

    /**
     * Builds the store (it connects on {@link ZooKeeperJobStore#start}).
     *
     * @return the store
     * @throws IllegalStateException when both a client and a connect string were given
     */
    public ZooKeeperJobStore build() {
        if (this.client != null && this.connectString != null) {
            throw new IllegalStateException("ZooKeeper job store needs at most one of client(CuratorFramework) or connectString(String)");
        }
        String connect = this.client == null && this.connectString == null ? DEFAULT_CONNECT_STRING : this.connectString;
        return new ZooKeeperJobStore(new ZooKeeperConnection(this.client, connect, this.sessionTimeout, this.connectionTimeout),
                ZooKeeperPaths.under(this.rootPath));
    }
}
