package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.store.JobStoreFactory;
import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.util.Set;

/**
 * Creates MongoDB job stores from flat keys, found through {@link java.util.ServiceLoader}:
 * {@code kairos.jobstores.<alias>.type=mongodb} with {@code connection-string} (required), {@code database} (default
 * {@value MongoJobStore#DEFAULT_DATABASE}), {@code collection} (default {@value MongoJobStore#DEFAULT_COLLECTION}) and
 * {@code timeout} (default {@value MongoJobStore#DEFAULT_TIMEOUT_SECONDS} s). The store creates its own client. Loading
 * this class needs no driver: without {@code mongodb-driver-sync} on the class path, {@link #create} fails with a
 * message saying so. Thread-safe.
 */
public final class MongoJobStoreFactory implements JobStoreFactory {

    private static final Set<String> OPTIONS = Set.of("connection-string", "database", "collection", "timeout");

    /**
     * {@inheritDoc}
     *
     * @return {@code mongodb}
     */
    @Override
    public String type() {
        return "mongodb";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the key when an option is unknown, missing or invalid, or when the MongoDB
     *     driver is not on the class path
     */
    @Override
    public JobStore create(ComponentOptions options) {
        options.requireOnly(OPTIONS);
        String prefix = "kairos.jobstores." + options.alias() + ".";
        try {
            Class.forName("com.mongodb.client.MongoClient", false, MongoJobStoreFactory.class.getClassLoader());
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalArgumentException("'" + prefix + "type': mongodb needs org.mongodb:mongodb-driver-sync on the class path, "
                    + "and it is not there", ex);
        }
        String connectionString = options.string("connection-string").filter((s) -> !s.isEmpty())
            .orElseThrow(() -> new IllegalArgumentException("'" + prefix + "connection-string' is required for a mongodb store, e.g. "
                    + "mongodb://127.0.0.1:27017"));
        Duration timeout = options.duration("timeout", Duration.ofSeconds(MongoJobStore.DEFAULT_TIMEOUT_SECONDS));
        return Built.store(prefix, connectionString, options.string("database").orElse(MongoJobStore.DEFAULT_DATABASE),
                options.string("collection").orElse(MongoJobStore.DEFAULT_COLLECTION), timeout);
    }

    /** Touches the driver; loaded only once the factory found it on the class path. */
    private static final class Built {

        static JobStore store(String prefix, String connectionString, String database, String collection, Duration timeout) {
            MongoJobStoreBuilder builder = MongoJobStore.builder();
            apply(prefix + "connection-string", () -> builder.connectionString(connectionString));
            apply(prefix + "database", () -> builder.database(database));
            apply(prefix + "collection", () -> builder.collection(collection));
            apply(prefix + "timeout", () -> builder.timeout(timeout));
            return builder.build();
        }

        private static void apply(String key, Runnable setter) {
            try {
                setter.run();
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("'" + key + "': " + ex.getMessage(), ex);
            }
        }
    }
}
