package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcJobStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, KairosAutoConfiguration.class))
        .withPropertyValues("kairos.tasks.allowed-packages=" + JdbcJobStoreAutoConfigurationTests.class.getPackageName());

    @Test
    void jdbcStoreOnAnEmbeddedDatabaseCreatesItsTableAndKeepsJobs() {
        String table = "kairos_jobs_" + UUID.randomUUID().toString().substring(0, 8);
        this.runner
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + table, "kairos.jobstores.default.type=jdbc",
                    "kairos.jobstores.default.table-name=" + table)
            .withBean("reports", Reports.class)
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
                JobScheduler jobs = context.getBean(JobScheduler.class);
                Job job = jobs.addJob("reports.rebuild", Map.of("type", "interval", "hours", 1), "orders");
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                assertThat(jdbc.queryForObject("select count(*) from " + table + " where id = ?", Integer.class, job.id()))
                    .isEqualTo(1);
            });
    }

    @Test
    void initializeSchemaNeverLeavesTheTableMissingAndStartUpFails() {
        String table = "kairos_jobs_" + UUID.randomUUID().toString().substring(0, 8);
        this.runner
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + table, "kairos.jobstores.default.type=jdbc",
                    "kairos.jobstores.default.table-name=" + table, "kairos.jobstores.default.initialize-schema=never")
            .run((context) -> assertThat(context).getFailure().hasStackTraceContaining(table.toUpperCase())
                .hasStackTraceContaining("cannot be read")
                .satisfies((failure) -> assertThat(tableMissing(failure)).isNotNull()
                    .satisfies((ex) -> assertThat(ex.alias()).isEqualTo("default"))
                    .satisfies((ex) -> assertThat(ex.table()).isEqualTo(table))));
    }

    /** The exception the failure analyzer reports on, wherever Spring wrapped it. */
    private static io.kairos.scheduler.store.jdbc.@org.jspecify.annotations.Nullable JdbcJobTableMissingException tableMissing(
            Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.kairos.scheduler.store.jdbc.JdbcJobTableMissingException missing) {
                return missing;
            }
        }
        return null;
    }

    @Test
    void theScriptInitializerCreatesTheJobAndRunTablesForTheConfiguredName() {
        String table = "kairos_jobs_" + UUID.randomUUID().toString().substring(0, 8);
        this.runner
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + table, "kairos.jobstores.default.type=jdbc",
                    "kairos.jobstores.default.table-name=" + table, "kairos.auto-startup=false")
            .run((context) -> {
                assertThat(context.getBean(KairosDataSourceScriptDatabaseInitializer.class).getTableNames())
                    .containsExactly(table);
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                assertThat(jdbc.queryForObject("select count(*) from " + table, Integer.class)).isZero();
                assertThat(jdbc.queryForObject("select count(*) from " + table + "_runs", Integer.class)).isZero();
            });
    }

    @Test
    void noScriptInitializerWithoutJdbcStore() {
        this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:nojdbc" + UUID.randomUUID())
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(KairosDataSourceScriptDatabaseInitializer.class));
    }

    @Test
    void theApplicationsOwnScriptInitializerWins() {
        String url = "jdbc:h2:mem:own" + UUID.randomUUID().toString().substring(0, 8);
        this.runner.withPropertyValues("spring.datasource.url=" + url, "kairos.jobstores.default.type=jdbc",
                "kairos.jobstores.default.initialize-schema=never")
            .withUserConfiguration(OwnInitializer.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(KairosDataSourceScriptDatabaseInitializer.class)
                .hasBean("ownInitializer"));
    }

    @Test
    void flywayMigratesFirstThenTheScriptsFindTheTablesThere() {
        String url = "jdbc:h2:mem:flyway" + UUID.randomUUID().toString().substring(0, 8);
        this.runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + url, "spring.flyway.locations=classpath:db/migration/kairos/h2",
                    "kairos.jobstores.default.type=jdbc", "kairos.jobstores.default.initialize-schema=always")
            .run((context) -> {
                // Flyway refuses a non-empty schema without its history table: had the scripts run first, it would fail
                assertThat(context).hasNotFailed().hasSingleBean(KairosDataSourceScriptDatabaseInitializer.class);
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                assertThat(jdbc.queryForList("select \"version\" from \"flyway_schema_history\" order by \"installed_rank\"",
                        String.class)).containsSubsequence("1", "2");
                assertThat(jdbc.queryForObject("select count(*) from kairos_jobs", Integer.class)).isZero();
            });
    }

    @Test
    void jdbcStoreWithoutDataSourceFailsNamingTheProperty() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
            .withPropertyValues("kairos.jobstores.default.type=jdbc")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.default.type")
                .hasMessageContaining("needs a DataSource bean"));
    }

    @Test
    void invalidTableNameIsRejectedNamingTheProperty() {
        this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:badtable", "kairos.jobstores.default.type=jdbc",
                "kairos.jobstores.default.table-name=jobs; drop table x")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("jobs; drop table x"));
        this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:badtable", "kairos.jobstores.default.type=jdbc",
                "kairos.jobstores.default.table-name=jobs; drop table x")
            .run((context) -> assertThat(context).getFailure()
                .hasStackTraceContaining(KairosConfigurationException.class.getName())
                .hasStackTraceContaining("kairos.jobstores.default.table-name"));
    }

    @Test
    void kairosDataSourceQualifierPicksTheStoresDataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
            .withUserConfiguration(TwoDataSources.class)
            .withPropertyValues("kairos.jobstores.default.type=jdbc",
                    "kairos.tasks.allowed-packages=" + JdbcJobStoreAutoConfigurationTests.class.getPackageName())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                JobScheduler jobs = context.getBean(JobScheduler.class);
                jobs.addJob("reports.rebuild", Map.of("type", "interval", "hours", 1), "x");
                JdbcTemplate scheduling = new JdbcTemplate(context.getBean("schedulingDataSource", DataSource.class));
                assertThat(scheduling.queryForObject("select count(*) from kairos_jobs", Integer.class)).isEqualTo(1);
            });
    }

    @Test
    void severalDataSourcesWithoutQualifierFailCountingThem() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
            .withUserConfiguration(TwoPlainDataSources.class)
            .withPropertyValues("kairos.jobstores.default.type=jdbc")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("kairos.jobstores.default.type")
                .hasMessageContaining("has 2 with none marked @Primary or @KairosDataSource"));
    }

    @Test
    void twoQualifiedDataSourcesFail() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
            .withUserConfiguration(TwoQualifiedDataSources.class)
            .withPropertyValues("kairos.jobstores.default.type=jdbc")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("finds several @KairosDataSource beans"));
    }

    static class Reports {

        public void rebuild(String index) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInitializer {

        @Bean
        KairosDataSourceScriptDatabaseInitializer ownInitializer(DataSource dataSource) {
            return new KairosDataSourceScriptDatabaseInitializer(dataSource,
                    KairosDataSourceScriptDatabaseInitializer.getSettings(dataSource, DatabaseInitializationMode.ALWAYS),
                    List.of("kairos_jobs"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        DataSource mainDataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:main-" + UUID.randomUUID()).build();
        }

        @Bean
        @KairosDataSource
        DataSource schedulingDataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:scheduling-" + UUID.randomUUID()).build();
        }

        @Bean
        Reports reports() {
            return new Reports();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPlainDataSources {

        @Bean
        DataSource firstDataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:first-" + UUID.randomUUID()).build();
        }

        @Bean
        DataSource secondDataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:second-" + UUID.randomUUID()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoQualifiedDataSources {

        @Bean
        @KairosDataSource
        DataSource firstDataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:first-" + UUID.randomUUID()).build();
        }

        @Bean
        @KairosDataSource
        DataSource secondDataSource() {
            return DataSourceBuilder.create().url("jdbc:h2:mem:second-" + UUID.randomUUID()).build();
        }
    }
}
