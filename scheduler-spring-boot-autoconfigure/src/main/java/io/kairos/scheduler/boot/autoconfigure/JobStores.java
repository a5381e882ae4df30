package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.boot.KairosConfigurationException;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Adds the jdbc, redis and zookeeper job stores of {@link KairosProperties} to a scheduler builder (memory stores go through
 * the engine's flat keys, see {@link EngineProperties}). Stateless.
 */
final class JobStores {

    private JobStores() {
    }

    /**
     * Builds and adds every jdbc, redis and zookeeper store.
     *
     * @param builder the scheduler builder
     * @param properties the properties
     * @param beanFactory where the Redis and Curator clients are found
     * @param dataSources the {@code DataSource} candidates of jdbc stores
     * @throws KairosConfigurationException when a store's prerequisites are missing (no {@code DataSource}, no
     *     Lettuce, no Redis connection), naming {@code kairos.jobstores.<alias>.type}
     */
    static void register(SchedulerBuilder builder, KairosProperties properties, ListableBeanFactory beanFactory,
            StoreDataSources dataSources) {
        properties.getJobstores().forEach((alias, store) -> {
            switch (store.getType()) {
                case MEMORY -> {
                }
                case JDBC -> builder.jobStore(alias, JdbcJobStores.create(alias, store, dataSources));
                case REDIS -> {
                    if (!ClassUtils.isPresent("io.lettuce.core.RedisClient", JobStores.class.getClassLoader())) {
                        throw new KairosConfigurationException("kairos.jobstores." + alias + ".type", "redis",
                                "needs the Lettuce Redis client on the class path, and it is not there",
                                "Add spring-boot-starter-data-redis (or io.lettuce:lettuce-core), or use type memory or jdbc");
                    }
                    builder.jobStore(alias, RedisJobStores.create(alias, store, beanFactory));
                }
                case ZOOKEEPER -> {
                    ClassLoader loader = beanFactory instanceof ConfigurableBeanFactory configurable && configurable.getBeanClassLoader() != null
                            ? configurable.getBeanClassLoader() : JobStores.class.getClassLoader();
                    if (!ClassUtils.isPresent("org.apache.curator.framework.recipes.cache.CuratorCache", loader)) {
                        throw new KairosConfigurationException("kairos.jobstores." + alias + ".type", "zookeeper",
                                "needs Apache Curator on the class path, and it is not there",
                                "Add org.apache.curator:curator-framework and curator-recipes, or use type memory, jdbc or redis");
                    }
                    builder.jobStore(alias, ZooKeeperJobStores.create(alias, store, beanFactory));
                }
            }
        });
    }
}
