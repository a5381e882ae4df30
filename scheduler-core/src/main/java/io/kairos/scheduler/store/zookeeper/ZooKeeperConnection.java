package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.store.JobStoreException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link ZooKeeperJobStore} gets its Curator client: one given by the application (started if it was not,
 * never closed by the store) or one it creates from a connect string (closed by the store, which ends its session).
 * Immutable.
 *
 * @param given the application's client, or {@code null}
 * @param connectString the connect string of a client the store creates, or {@code null}
 * @param sessionTimeout the session timeout asked for a created client (the server bounds it)
 * @param connectionTimeout how long to wait for a connection, at start and per operation
 */
record ZooKeeperConnection(@Nullable CuratorFramework given, @Nullable String connectString, Duration sessionTimeout, Duration connectionTimeout) {

    /** How long the store waits for its index to load or catch up: the connection timeout, at least 10 s. */
    Duration startTimeout() {
        return this.connectionTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : this.connectionTimeout;
    }

    String describe() {
        return this.given != null ? this.given.getZookeeperClient().getCurrentConnectionString()
                : Objects.requireNonNull(this.connectString, "a connect string when no client is given");
    }

    CuratorFramework open(String alias) {
        CuratorFramework client = this.given != null ? this.given
                : CuratorFrameworkFactory.builder().connectString(this.connectString)
                        .sessionTimeoutMs((int) this.sessionTimeout.toMillis())
                        .connectionTimeoutMs((int) this.connectionTimeout.toMillis())
                        .retryPolicy(new BoundedExponentialBackoffRetry(100, 1000, 2))
                        .build();
        try {
            if (client.getState() == CuratorFrameworkState.LATENT) {
                client.start();
            }
            if (!client.blockUntilConnected((int) this.connectionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ZooKeeperUnreachableException(alias, describe(), this.connectionTimeout.toMillis());
            }
            return client;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close(client);
            throw new JobStoreException("ZooKeeper job store '" + alias + "' was interrupted while connecting", ex);
        }
        catch (RuntimeException ex) {
            close(client);
            throw ex;
        }
    }

    void close(CuratorFramework client) {
        if (client != this.given) {
            client.close();
        }
    }
}
