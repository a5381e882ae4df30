package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.store.redis.RedisJobStoreBuilder;
import io.kairos.scheduler.store.redis.RedisJobStoreKeys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * Builds redis job stores from {@code kairos.jobstores.<alias>.*} and the application's Redis connection settings
 * ({@code spring.data.redis.*}, through Spring Boot's {@link DataRedisConnectionDetails}). Loaded only when a redis
 * store is configured, so Lettuce and Spring Data Redis stay optional. Stateless.
 */
final class RedisJobStores {

    /** The name of the client bean Kairos builds from the application's connection details. */
    static final String KAIROS_CLIENT = "kairosRedisClient";

    private RedisJobStores() {
    }

    /**
     * Builds a store.
     *
     * @param alias the store's alias
     * @param properties the store's properties
     * @param beanFactory where the shared client is found (the application's {@code RedisClient} bean, by type)
     * @return the unstarted store
     * @throws KairosConfigurationException when the application has no Redis connection settings
     */
    static JobStore create(String alias, KairosProperties.Store properties, ListableBeanFactory beanFactory) {
        RedisClient client = beanFactory.getBeanProvider(RedisClient.class).getIfUnique();
        if (client == null) {
            throw new KairosConfigurationException("kairos.jobstores." + alias + ".type", "redis",
                    "needs the application's Redis connection, and there is none",
                    "Add spring-boot-starter-data-redis and set spring.data.redis.host/port (or url), or define a "
                            + "Lettuce RedisClient bean (exactly one, or one @Primary)");
        }
        RedisJobStoreKeys keys = RedisJobStoreKeys.withPrefix(properties.getKeyPrefix() != null ? properties.getKeyPrefix()
                : RedisJobStoreKeys.DEFAULT_PREFIX);
        if (properties.getJobsKey() != null) {
            keys = keys.withJobs(properties.getJobsKey());
        }
        if (properties.getRunTimesKey() != null) {
            keys = keys.withRunTimes(properties.getRunTimesKey());
        }
        String address = kairosClientAddress(beanFactory);
        RedisJobStoreBuilder builder = (address != null ? RedisJobStore.builder().client(client, address)
                : RedisJobStore.builder().client(client)).keys(keys);
        if (properties.getTimeout() != null) {
            builder.commandTimeout(properties.getTimeout());
        }
        return builder.build();
    }

    /**
     * Where the client Kairos built from the application's connection details ({@code kairosRedisClient}) connects to,
     * so that a store that cannot connect names it. Unknown for an application's own {@code RedisClient} bean.
     *
     * @param beanFactory where the clients and connection details are found
     * @return {@code host:port}, or {@code null} when the store uses an application's own client
     */
    private static @Nullable String kairosClientAddress(ListableBeanFactory beanFactory) {
        String[] clients = beanFactory.getBeanNamesForType(RedisClient.class, true, false);
        if (clients.length != 1 || !KAIROS_CLIENT.equals(clients[0])) {
            return null;
        }
        // kairosRedisClient exists only when DataRedisConnectionDetails is on the class path
        DataRedisConnectionDetails details = beanFactory.getBeanProvider(DataRedisConnectionDetails.class).getIfUnique();
        if (details == null || details.getStandalone() == null) {
            return null;
        }
        return details.getStandalone().getHost() + ":" + details.getStandalone().getPort();
    }

    /**
     * A Lettuce client for the application's Redis: standalone host, port, database, user, password, and TLS when
     * an SSL bundle is set (the bundle's own trust material is not applied: the JVM's default trust store is used).
     * While it reconnects it rejects commands at once (Lettuce's default queues them until their timeout), so a store
     * call during a Redis outage fails fast and only that store's loop backs off.
     *
     * @param details the application's connection details
     * @return a new client; the caller shuts it down
     * @throws KairosConfigurationException when Redis is configured as sentinel, cluster or master/replica, which the
     *     redis job store does not support
     */
    static RedisClient client(DataRedisConnectionDetails details) {
        if (details.getSentinel() != null || details.getCluster() != null || details.getMasterReplica() != null) {
            throw new KairosConfigurationException("spring.data.redis", "sentinel/cluster/master-replica",
                    "describes a Redis topology the Kairos redis job store does not connect to",
                    "Use a standalone Redis (spring.data.redis.host/port/database), or define your own Lettuce "
                            + "RedisClient bean");
        }
        DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
        RedisURI.Builder uri = RedisURI.builder().withHost(standalone.getHost()).withPort(standalone.getPort())
            .withDatabase(standalone.getDatabase());
        if (details.getPassword() != null) {
            if (details.getUsername() != null) {
                uri.withAuthentication(details.getUsername(), details.getPassword());
            }
            else {
                uri.withPassword(details.getPassword().toCharArray());
            }
        }
        if (details.getSslBundle() != null) {
            uri.withSsl(true);
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client;
    }
}
