package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.store.JobStoreFactory;
import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.util.Set;

/**
 * Creates {@link ZooKeeperJobStore}s from flat configuration: {@code kairos.jobstores.<alias>.type=zookeeper} with
 * {@code connect-string} (default {@value ZooKeeperJobStoreBuilder#DEFAULT_CONNECT_STRING}), {@code root-path}
 * (default {@code /kairos}), {@code session-timeout} and {@code connection-timeout} (durations such as {@code 30s}).
 * Found through {@link java.util.ServiceLoader}; it loads Curator only when a store is created, so the core works
 * without Curator as long as no ZooKeeper store is configured. Thread-safe.
 */
public final class ZooKeeperJobStoreFactory implements JobStoreFactory {

    private static final Set<String> OPTIONS = Set.of("connect-string", "root-path", "session-timeout", "connection-timeout");

    @Override
    public String type() {
        return "zookeeper";
    }

    /**
     * Creates a store.
     *
     * @param options {@code connect-string}, {@code root-path}, {@code session-timeout}, {@code connection-timeout}
     * @return a new, unstarted store
     * @throws IllegalArgumentException naming the key when an option is invalid or unknown
     * @throws IllegalStateException when Curator is not on the class path
     */
    @Override
    public JobStore create(ComponentOptions options) {
        options.requireOnly(OPTIONS);
        String prefix = "kairos.jobstores." + options.alias() + ".";
        try {
            Class.forName("org.apache.curator.framework.CuratorFramework", false, ZooKeeperJobStoreFactory.class.getClassLoader());
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException("'" + prefix + "type' is zookeeper, but Apache Curator is not on the class path: add "
                    + "org.apache.curator:curator-framework and curator-recipes", ex);
        }
        ZooKeeperJobStoreBuilder builder = ZooKeeperJobStore.builder();
        try {
            options.string("connect-string").ifPresent(builder::connectString);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + prefix + "connect-string': " + ex.getMessage(), ex);
        }
        try {
            options.string("root-path").ifPresent(builder::rootPath);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + prefix + "root-path': " + ex.getMessage(), ex);
        }
        Duration session = options.duration("session-timeout", Duration.ofMillis(ZooKeeperJobStoreBuilder.DEFAULT_SESSION_TIMEOUT_MILLIS));
        Duration connection = options.duration("connection-timeout",
                Duration.ofMillis(ZooKeeperJobStoreBuilder.DEFAULT_CONNECTION_TIMEOUT_MILLIS));
        try {
            builder.sessionTimeout(session);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + prefix + "session-timeout': " + ex.getMessage(), ex);
        }
        try {
            builder.connectionTimeout(connection);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + prefix + "connection-timeout': " + ex.getMessage(), ex);
        }
        return builder.build();
    }
}
