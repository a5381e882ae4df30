package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.boot.KairosConfigurationException;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Adds the jdbc, redis, zookeeper and mongodb job stores of {@link KairosProperties} to a scheduler builder (memory stores go through
 * the builder's typed methods, see {@link SchedulerBuilderConfigurer}). Stateless.
 */
final class JobStores {

    private JobStores() {
    }

    /**
     * Builds and adds every jdbc, redis, zookeeper and mongodb store.
     *
     * @param builder the scheduler builder
     * @param properties the properties
     * @param beanFactory where the Redis and Curator clients are found
     * @param dataSources the {@code DataSource} candidates of jdbc stores
     * @throws KairosConfigurationException when a store's prerequisites are missing (no {@code DataSource}, no
     *     Lettuce, no Redis connection, no MongoDB driver or client), naming {@code kairos.jobstores.<alias>.type}
     */
    static void register(SchedulerBuilder builder, KairosProperties properties, ListableBeanFactory beanFactory,
            StoreDataSources dataSources) {
        properties.getJobstores().forEach((alias, store) -> {
            switch (store.getType()) {
                case MEMORY -> {
                }
                case JDBC -> builder.jobStore(alias, JdbcJobStores.create(alias, store, dataSources));
                case REDIS -> {
                    requireClass(alias, "redis", "io.lettuce.core.RedisClient", beanFactory, "the Lettuce Redis client",
                            "Add spring-boot-starter-data-redis (or io.lettuce:lettuce-core), or use type memory or jdbc");
                    builder.jobStore(alias, RedisJobStores.create(alias, store, beanFactory));
                }
                case ZOOKEEPER -> {
                    requireClass(alias, "zookeeper", "org.apache.curator.framework.recipes.cache.CuratorCache", beanFactory,
                            "Apache Curator", "Add org.apache.curator:curator-framework and curator-recipes, or use type memory, jdbc or redis");
                    builder.jobStore(alias, ZooKeeperJobStores.create(alias, store, beanFactory));
                }
                case MONGODB -> {
                    requireClass(alias, "mongodb", "com.mongodb.client.MongoClient", beanFactory, "the MongoDB synchronous driver",
                            "Add spring-boot-starter-mongodb (or org.mongodb:mongodb-driver-sync), or use type memory, jdbc or redis");
                    builder.jobStore(alias, MongoJobStores.create(alias, store, beanFactory));
                }
            }
        });
    }

    private static void requireClass(String alias, String type, String className, ListableBeanFactory beanFactory, String library,
            String action) {
        ClassLoader loader = beanFactory instanceof ConfigurableBeanFactory configurable && configurable.getBeanClassLoader() != null
                ? configurable.getBeanClassLoader() : JobStores.class.getClassLoader();
        if (!ClassUtils.isPresent(className, loader)) {
            throw new KairosConfigurationException("kairos.jobstores." + alias + ".type", type,
                    "needs " + library + " on the class path, and it is not there", action);
        }
    }
}
