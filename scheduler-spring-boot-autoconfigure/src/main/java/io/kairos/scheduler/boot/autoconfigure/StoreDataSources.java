package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import io.kairos.scheduler.boot.KairosConfigurationException;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@code DataSource} candidates of jdbc job stores, injected as Spring Boot's Quartz support does: the ones
 * qualified {@link KairosDataSource @KairosDataSource}, and all of them. Resolved lazily, once per jdbc store, so an
 * application without jdbc stores never touches its data sources. Thread-safe as the providers are.
 *
 * @param qualified the {@code @KairosDataSource} beans
 * @param all every {@code DataSource} bean
 */
record StoreDataSources(ObjectProvider<DataSource> qualified, ObjectProvider<DataSource> all) {

    /**
     * The data source for a jdbc store: the one marked {@code @KairosDataSource}, else the unique (or
     * {@code @Primary}) one.
     *
     * @param property the property to name in an error ({@code kairos.jobstores.<alias>.type})
     * @return the data source
     * @throws KairosConfigurationException when several are marked, or none is marked and there is not exactly one
     *     (or one {@code @Primary})
     */
    DataSource resolve(String property) {
        List<DataSource> marked = this.qualified.orderedStream().limit(2).toList();
        if (marked.size() > 1) {
            throw new KairosConfigurationException(property, "jdbc", "finds several @KairosDataSource beans",
                    "Mark exactly one DataSource with @KairosDataSource");
        }
        if (marked.size() == 1) {
            return marked.get(0);
        }
        DataSource unique = this.all.getIfUnique();
        if (unique != null) {
            return unique;
        }
        long count = this.all.stream().count();
        throw new KairosConfigurationException(property, "jdbc",
                (count == 0) ? "needs a DataSource bean, and the application context has none"
                        : "needs one DataSource, and the application context has " + count
                                + " with none marked @Primary or @KairosDataSource",
                (count == 0) ? "Configure one (spring.datasource.url, with spring-boot-starter-jdbc), or use type "
                        + "memory or redis" : "Mark the one for Kairos with @KairosDataSource");
    }

}
