package io.kairos.scheduler.boot.autoconfigure;

import java.util.Objects;

import javax.sql.DataSource;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.annotation.BeanMethodTaskResolver;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.boot.annotation.ScheduledJobBeanPostProcessor;
import io.kairos.scheduler.boot.operations.SchedulerOperations;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.task.JobArguments;
import io.lettuce.core.RedisClient;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration of the Kairos scheduler: the engine {@link Scheduler} built from {@link KairosProperties}, the
 * injectable {@link JobScheduler}, {@code beanName.methodName} tasks, {@code @ScheduledJob} processing, engine
 * events published as application events ({@code @EventListener(JobExecuted.class)}), and the lifecycle that starts
 * and stops it with the context (as Spring Boot's Quartz auto-configuration).
 *
 * <p>Every bean backs off when the application defines its own of the same type. What properties cannot say goes
 * into {@link SchedulerCustomizer} beans. jdbc stores use the {@link KairosDataSource @KairosDataSource} or the unique
 * {@code DataSource}; redis stores use the application's {@code spring.data.redis.*} settings; mongodb stores use the
 * application's {@code MongoClient} bean ({@code spring.mongodb.*}).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass(Scheduler.class)
@EnableConfigurationProperties(KairosProperties.class)
public final class KairosAutoConfiguration {

    /**
     * Collects {@code @ScheduledJob} declarations and {@code @KairosTask} aliases.
     *
     * @return the post-processor
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static ScheduledJobBeanPostProcessor kairosScheduledJobBeanPostProcessor() {
        return new ScheduledJobBeanPostProcessor();
    }

    /**
     * Resolves {@code beanName.methodName} task names: annotated methods, and public methods of beans under
     * {@code kairos.tasks.allowed-packages} (by default the application's packages); arguments are converted with the
     * engine's strict {@link JobArguments#defaultMapper()}, as for static-method tasks.
     *
     * @param beanFactory the bean factory
     * @param properties the properties
     * @return the resolver
     * @throws KairosConfigurationException when {@code kairos.tasks.allowed-packages} holds something other than
     *     package names
     */
    @Bean
    @ConditionalOnMissingBean
    BeanMethodTaskResolver kairosTaskResolver(ListableBeanFactory beanFactory, KairosProperties properties) {
        return new BeanMethodTaskResolver(beanFactory, JobArguments.defaultMapper(),
                AllowedTaskPackages.of(properties, beanFactory));
    }

    /**
     * The engine scheduler, built from the properties, then the customizers; not started (the lifecycle starts it).
     * Its task registry allows the same packages as the bean-method resolver.
     *
     * @param properties the properties
     * @param taskResolver resolves bean-method tasks
     * @param beanFactory where the Redis and Curator clients are found
     * @param kairosDataSource the {@code DataSource} marked {@link KairosDataSource @KairosDataSource}, if any
     * @param dataSource the application's {@code DataSource} beans
     * @param customizers applied in order after the properties
     * @param publisher receives every engine event
     * @param observations the application's observation registry, if any: each run time becomes an observation
     * @return the scheduler
     * @throws io.kairos.scheduler.config.InvalidConfigurationException when a property cannot work, naming it (a
     *     {@link KairosConfigurationException} for what the starter checks itself)
     */
    @Bean
    @ConditionalOnMissingBean
    Scheduler kairosScheduler(KairosProperties properties, BeanMethodTaskResolver taskResolver,
            ListableBeanFactory beanFactory, @KairosDataSource ObjectProvider<DataSource> kairosDataSource,
            ObjectProvider<DataSource> dataSource, ObjectProvider<SchedulerCustomizer> customizers,
            ApplicationEventPublisher publisher, ObjectProvider<ObservationRegistry> observations) {
        KairosPropertiesValidator.validate(properties);
        SchedulerBuilder builder = Scheduler.builder().taskResolver(taskResolver)
                .allowTaskPackages(AllowedTaskPackages.of(properties, beanFactory).packages().toArray(String[]::new));
        SchedulerBuilderConfigurer.configure(builder, properties);
        JobStores.register(builder, properties, beanFactory, new StoreDataSources(kairosDataSource, dataSource));
        observations.ifAvailable(builder::observationRegistry);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        Scheduler scheduler = builder.build();
        scheduler.addListener((SchedulerEvent event) -> publisher.publishEvent(event));
        return scheduler;
    }

    /**
     * The injectable facade.
     *
     * @param scheduler the engine
     * @return the facade
     */
    @Bean
    @ConditionalOnMissingBean
    JobScheduler jobScheduler(Scheduler scheduler) {
        return new JobScheduler(scheduler);
    }

    /**
     * Writes declared jobs to the stores at start-up.
     *
     * @return the synchronizer
     */
    @Bean
    @ConditionalOnMissingBean
    DeclaredJobSynchronizer kairosDeclaredJobSynchronizer() {
        return new DeclaredJobSynchronizer();
    }

    /**
     * The reads and actions shared by the actuator endpoint and the dashboard.
     *
     * @param scheduler the scheduler
     * @param synchronizer knows undeclared jobs
     * @return the operations
     */
    @Bean
    @ConditionalOnMissingBean
    SchedulerOperations kairosSchedulerOperations(JobScheduler scheduler, DeclaredJobSynchronizer synchronizer) {
        return new SchedulerOperations(scheduler, synchronizer);
    }

    /**
     * Starts and stops the scheduler with the context.
     *
     * @param scheduler the engine
     * @param processor the collected declarations and aliases
     * @param taskResolver receives the {@code @KairosTask} aliases at start
     * @param synchronizer writes declared jobs
     * @param properties the properties
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    KairosSchedulerLifecycle kairosSchedulerLifecycle(Scheduler scheduler, ScheduledJobBeanPostProcessor processor,
            BeanMethodTaskResolver taskResolver, DeclaredJobSynchronizer synchronizer, KairosProperties properties) {
        return new KairosSchedulerLifecycle(scheduler, () -> {
            processor.taskAliases().forEach((alias, target) -> {
                int dot = target.lastIndexOf('.');
                taskResolver.registerAlias(alias, target.substring(0, dot), target.substring(dot + 1));
            });
            return processor.declarations();
        }, synchronizer, properties.isAutoStartup(), properties.isStartPaused(), properties.getShutdown().isWait());
    }

    /**
     * Creates the tables of jdbc job stores ({@code initialize-schema}) after Flyway and Liquibase and before the
     * scheduler, as Spring Boot's Quartz support creates its tables.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    @Conditional(OnJdbcJobStoreCondition.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class JdbcStoreInitializationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        KairosDataSourceScriptDatabaseInitializer kairosDataSourceScriptDatabaseInitializer(KairosProperties properties,
                @KairosDataSource ObjectProvider<DataSource> kairosDataSource, ObjectProvider<DataSource> dataSource) {
            KairosPropertiesValidator.validate(properties);
            String alias = Objects.requireNonNull(JdbcJobStores.firstAlias(properties), "a jdbc store");
            DataSource storesDataSource = new StoreDataSources(kairosDataSource, dataSource)
                .resolve(JdbcJobStores.typeProperty(alias));
            return KairosDataSourceScriptDatabaseInitializer.forTables(storesDataSource, JdbcJobStores.tableModes(properties));
        }
    }

    /** The Lettuce client that redis job stores share, built from the application's Redis connection details. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RedisClient.class, DataRedisConnectionDetails.class })
    static class RedisClientConfiguration {

        @Bean(destroyMethod = "shutdown")
        @Lazy
        @ConditionalOnBean(DataRedisConnectionDetails.class)
        @ConditionalOnMissingBean
        RedisClient kairosRedisClient(DataRedisConnectionDetails connectionDetails) {
            return RedisJobStores.client(connectionDetails);
        }
    }
}
