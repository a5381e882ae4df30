package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.zookeeper.ZooKeeperJobStore;
import io.kairos.scheduler.store.zookeeper.ZooKeeperJobStoreBuilder;

import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds zookeeper job stores from {@code kairos.jobstores.<alias>.*}. The application's {@link CuratorFramework} bean,
 * when there is exactly one, wins: the store uses it (and never closes it), and {@code connect-string} and the
 * timeouts are ignored with a warning. Otherwise the store creates its own client from {@code connect-string}. Loaded
 * only when a zookeeper store is configured, so Curator stays optional. Stateless.
 */
final class ZooKeeperJobStores {

    private static final Logger logger = LoggerFactory.getLogger(ZooKeeperJobStores.class);

    private ZooKeeperJobStores() {
    }

    /**
     * Builds a store.
     *
     * @param alias the store's alias
     * @param properties the store's properties
     * @param beanFactory where the application's Curator client is found
     * @return the unstarted store
     * @throws KairosConfigurationException naming the property when {@code root-path} or {@code connect-string} is not
     *     valid
     */
    static JobStore create(String alias, KairosProperties.Store properties, ListableBeanFactory beanFactory) {
        String prefix = "kairos.jobstores." + alias + ".";
        ZooKeeperJobStoreBuilder builder = ZooKeeperJobStore.builder();
        CuratorFramework client = beanFactory.getBeanProvider(CuratorFramework.class).getIfUnique();
        if (client != null) {
            builder.client(client);
            if (properties.getConnectString() != null || properties.getSessionTimeout() != null
                    || properties.getConnectionTimeout() != null) {
                logger.warn("{}connect-string, session-timeout and connection-timeout are ignored: the zookeeper job store uses "
                        + "the application's CuratorFramework bean and its settings", prefix);
            }
        }
        else {
            if (properties.getConnectString() != null) {
                try {
                    builder.connectString(properties.getConnectString());
                }
                catch (IllegalArgumentException ex) {
                    throw new KairosConfigurationException(prefix + "connect-string", properties.getConnectString(), "is blank",
                            "Give ZooKeeper's host:port[,host:port...], or remove it for 127.0.0.1:2181");
                }
            }
            if (properties.getSessionTimeout() != null) {
                builder.sessionTimeout(properties.getSessionTimeout());
            }
            if (properties.getConnectionTimeout() != null) {
                builder.connectionTimeout(properties.getConnectionTimeout());
            }
        }
        if (properties.getRootPath() != null) {
            try {
                builder.rootPath(properties.getRootPath());
            }
            catch (IllegalArgumentException ex) {
                throw new KairosConfigurationException(prefix + "root-path", properties.getRootPath(),
                        "is not a valid absolute ZooKeeper path other than '/'", "Give a path such as /kairos or /apps/orders/kairos");
            }
        }
        return builder.build();
    }
}
