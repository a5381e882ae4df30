package io.kairos.scheduler.boot.autoconfigure;

import javax.sql.DataSource;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;

import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.ClassUtils;

/**
 * Builds jdbc job stores from {@code kairos.jobstores.<alias>.*} on the application's {@code DataSource} (see
 * {@link StoreDataSources#resolve}). The table is created
 * by the core's schema script for the database ({@code io/kairos/scheduler/store/jdbc/schema-<database>.sql}, which
 * never drops anything) when {@code initialize-schema} says so. Stateless.
 */
final class JdbcJobStores {

    private static final boolean EMBEDDED_DETECTION = ClassUtils
        .isPresent("org.springframework.boot.jdbc.EmbeddedDatabaseConnection", JdbcJobStores.class.getClassLoader());

    private JdbcJobStores() {
    }

    /**
     * Builds a store.
     *
     * @param alias the store's alias
     * @param properties the store's properties
     * @param dataSources the {@code DataSource} candidates
     * @return the unstarted store
     * @throws KairosConfigurationException when there is no usable {@code DataSource} or the table name is invalid
     */
    static JobStore create(String alias, KairosProperties.Store properties, StoreDataSources dataSources) {
        String prefix = "kairos.jobstores." + alias + ".";
        DataSource dataSource = dataSources.resolve(prefix + "type");
        JdbcJobStoreSettings settings = JdbcJobStoreSettings.defaults();
        if (properties.getTableName() != null) {
            try {
                settings = settings.withTableName(properties.getTableName());
            }
            catch (IllegalArgumentException ex) {
                throw new KairosConfigurationException(prefix + "table-name", properties.getTableName(),
                        "is not a valid table name: " + ex.getMessage(), "Use 'table' or 'schema.table' with letters, "
                                + "digits and underscores",
                        ex);
            }
        }
        if (properties.getTimeout() != null) {
            try {
                settings = settings.withTimeout(properties.getTimeout());
            }
            catch (IllegalArgumentException ex) {
                throw new KairosConfigurationException(prefix + "timeout", properties.getTimeout(), ex.getMessage(),
                        "Give a duration between 1ms and about 24 days, e.g. '10s'", ex);
            }
        }
        DatabaseInitializationMode mode = properties.getInitializeSchema() != null ? properties.getInitializeSchema()
                : DatabaseInitializationMode.EMBEDDED;
        boolean create = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> EMBEDDED_DETECTION && EmbeddedDatabaseConnection.isEmbedded(dataSource);
        };
        return new JdbcJobStore(dataSource, settings.withCreateSchema(create));
    }
}
