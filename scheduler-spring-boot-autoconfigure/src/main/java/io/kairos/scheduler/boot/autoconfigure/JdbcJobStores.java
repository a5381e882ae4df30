package io.kairos.scheduler.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.ClassUtils;

/**
 * Builds jdbc job stores from {@code kairos.jobstores.<alias>.*} on the application's {@code DataSource}: the one
 * marked {@link KairosDataSource @KairosDataSource}, else the unique (or {@code @Primary}) one. The table is created
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
     * @param beanFactory where the {@code DataSource} is found
     * @return the unstarted store
     * @throws KairosConfigurationException when there is no usable {@code DataSource} or the table name is invalid
     */
    static JobStore create(String alias, KairosProperties.Store properties, ListableBeanFactory beanFactory) {
        String prefix = "kairos.jobstores." + alias + ".";
        DataSource dataSource = dataSource(prefix + "type", beanFactory);
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

    private static DataSource dataSource(String property, ListableBeanFactory beanFactory) {
        String[] names = beanFactory.getBeanNamesForType(DataSource.class);
        List<String> qualified = new ArrayList<>();
        for (String name : names) {
            if (beanFactory.findAnnotationOnBean(name, KairosDataSource.class) != null) {
                qualified.add(name);
            }
        }
        if (qualified.size() == 1) {
            return beanFactory.getBean(qualified.get(0), DataSource.class);
        }
        if (qualified.size() > 1) {
            throw new KairosConfigurationException(property, "jdbc", "finds several @KairosDataSource beans " + qualified,
                    "Mark exactly one DataSource with @KairosDataSource");
        }
        DataSource unique = beanFactory.getBeanProvider(DataSource.class).getIfUnique();
        if (unique == null) {
            throw new KairosConfigurationException(property, "jdbc", names.length == 0
                    ? "needs a DataSource bean, and the application context has none"
                    : "needs one DataSource, and the application context has " + names.length + " " + List.of(names)
                            + " with none marked @Primary or @KairosDataSource",
                    names.length == 0 ? "Configure one (spring.datasource.url, with spring-boot-starter-jdbc), or use "
                            + "type memory or redis" : "Mark the one for Kairos with @KairosDataSource");
        }
        return unique;
    }
}
