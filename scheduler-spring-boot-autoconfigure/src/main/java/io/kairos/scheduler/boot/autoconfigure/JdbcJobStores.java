package io.kairos.scheduler.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.ClassUtils;

/**
 * Builds jdbc job stores from {@code kairos.jobstores.<alias>.*} on the application's {@code DataSource} (see
 * {@link StoreDataSources#resolve}). Their tables are created by {@link KairosDataSourceScriptDatabaseInitializer}
 * when {@code initialize-schema} says so; without Spring Boot's jdbc module ({@code spring-boot-jdbc}), which that
 * initializer needs, a store with {@code initialize-schema: always} creates its table itself at start. Stateless.
 */
final class JdbcJobStores {

    /** Whether Spring Boot's script database initializer, and so {@link KairosDataSourceScriptDatabaseInitializer}, is there. */
    static final boolean SCRIPT_INITIALIZER_PRESENT = ClassUtils.isPresent(
            "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer", JdbcJobStores.class.getClassLoader());

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
        DataSource dataSource = dataSources.resolve(typeProperty(alias));
        boolean createItself = !SCRIPT_INITIALIZER_PRESENT && mode(properties) == DatabaseInitializationMode.ALWAYS;
        return new JdbcJobStore(dataSource, settings(alias, properties).withCreateSchema(createItself));
    }

    /**
     * The initialization mode of each jdbc store's table.
     *
     * @param properties the properties
     * @return the mode by table name, in the stores' order (the first store's mode wins for a table two stores share)
     * @throws KairosConfigurationException when a table name or timeout is invalid, naming the property
     */
    static Map<String, DatabaseInitializationMode> tableModes(KairosProperties properties) {
        Map<String, DatabaseInitializationMode> modes = new LinkedHashMap<>();
        properties.getJobstores().forEach((alias, store) -> {
            if (store.getType() == JobStoreType.JDBC) {
                modes.putIfAbsent(settings(alias, store).tableName(), mode(store));
            }
        });
        return modes;
    }

    /**
     * The alias of the first jdbc store.
     *
     * @param properties the properties
     * @return the alias, or {@code null} when there is no jdbc store
     */
    static @org.jspecify.annotations.Nullable String firstAlias(KairosProperties properties) {
        return properties.getJobstores().entrySet().stream().filter((entry) -> entry.getValue().getType() == JobStoreType.JDBC)
            .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /**
     * The property to name when a store's {@code DataSource} cannot be found.
     *
     * @param alias the store's alias
     * @return {@code kairos.jobstores.<alias>.type}
     */
    static String typeProperty(String alias) {
        return "kairos.jobstores." + alias + ".type";
    }

    private static DatabaseInitializationMode mode(KairosProperties.Store properties) {
        return properties.getInitializeSchema() != null ? properties.getInitializeSchema() : DatabaseInitializationMode.EMBEDDED;
    }

    private static JdbcJobStoreSettings settings(String alias, KairosProperties.Store properties) {
        String prefix = "kairos.jobstores." + alias + ".";
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
        return settings;
    }
}
