package io.kairos.scheduler.boot.autoconfigure;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.mongodb.MongoJobStore;
import io.kairos.scheduler.store.mongodb.MongoJobStoreBuilder;

import com.mongodb.client.MongoClient;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds mongodb job stores from {@code kairos.jobstores.<alias>.*} on the application's {@link MongoClient} bean
 * (Spring Boot's {@code MongoAutoConfiguration} makes it from {@code spring.mongodb.*}; an application's own bean wins).
 * Loaded only when a mongodb store is configured, so the driver stays optional. Stateless.
 */
final class MongoJobStores {

    private MongoJobStores() {
    }

    /**
     * Builds a store.
     *
     * @param alias the store's alias
     * @param properties the store's properties
     * @param beanFactory where the application's client is found
     * @return the unstarted store
     * @throws KairosConfigurationException when the application has no single {@code MongoClient} bean, or the database
     *     or collection name is not valid (naming the property)
     */
    static JobStore create(String alias, KairosProperties.Store properties, ListableBeanFactory beanFactory) {
        String prefix = "kairos.jobstores." + alias + ".";
        MongoClient client = beanFactory.getBeanProvider(MongoClient.class).getIfUnique();
        if (client == null) {
            throw new KairosConfigurationException(prefix + "type", "mongodb",
                    "needs the application's MongoClient, and there is no single MongoClient bean",
                    "Add spring-boot-starter-mongodb and set spring.mongodb.uri (or host/port), or define one MongoClient bean");
        }
        MongoJobStoreBuilder builder = MongoJobStore.builder().client(client);
        if (properties.getDatabase() != null) {
            try {
                builder.database(properties.getDatabase());
            }
            catch (IllegalArgumentException ex) {
                throw new KairosConfigurationException(prefix + "database", properties.getDatabase(), "is not a valid database name",
                        ex.getMessage());
            }
        }
        if (properties.getCollection() != null) {
            try {
                builder.collection(properties.getCollection());
            }
            catch (IllegalArgumentException ex) {
                throw new KairosConfigurationException(prefix + "collection", properties.getCollection(),
                        "is not a valid collection name", ex.getMessage());
            }
        }
        return builder.build();
    }
}
