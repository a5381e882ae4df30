package io.kairos.scheduler.boot.autoconfigure;

import java.util.Set;

import io.kairos.scheduler.Scheduler;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the Kairos {@link Scheduler} bean depend on database initialization (Spring Boot's SQL scripts, Flyway,
 * Liquibase), so that jdbc job stores find their table when migrations create it. Registered in
 * {@code META-INF/spring.factories}.
 */
class SchedulerDependsOnDatabaseInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Scheduler.class);
    }
}
