package io.kairos.scheduler.boot.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.kairos.scheduler.boot.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures as a user meets them: a real context, configuration from YAML files loaded the way Spring Boot
 * loads {@code application.yml}, and the failure analyzers' report.
 */
class StartUpReportsTests {

    /** The environment of the last context, which a failed context no longer hands out. */
    private final AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class))
        .withInitializer((context) -> this.environment.set(context.getEnvironment()));

    @Test
    void aDeclaredCronThatNeverFiresNamesTheMethodTheAttributeAndTheResolvedValue() {
        this.runner.withUserConfiguration(BillingJobs.class).withPropertyValues("billing.cron=0 0 30 2 *").run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Method: " + BillingJobs.Billing.class.getName() + ".other()",
                    "Attribute: cron", "Value: 0 0 30 2 *", "never fires");
            assertThat(analysis.getAction()).contains("Fix the @ScheduledJob on", "February 30");
        });
    }

    @Test
    void aDeclaredCronWhoseEndDateHasPassedNamesTheEndDateAsWritten() {
        this.runner.withUserConfiguration(EndedJobs.class).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Method: " + EndedJobs.Ended.class.getName() + ".report()",
                    "Attribute: endDate", "Value: 2020-01-01", "never fires", "has passed");
        });
    }

    @Test
    void everyBeanMethodJobInAProcessPoolIsListedWithTheExecutorTypePropertyAndItsOrigin() {
        fromYaml("process-pool-default.yml").withUserConfiguration(BillingJobs.class)
            .withPropertyValues("billing.cron=0 3 * * *").run((context) -> {
                FailureAnalysis analysis = analysis(context);
                assertThat(analysis.getDescription()).contains("2 @ScheduledJob tasks cannot run in their executors",
                        "Method: " + BillingJobs.Billing.class.getName() + ".other()", "Job id: other-job",
                        "Method: " + BillingJobs.Billing.class.getName() + ".nightly()", "Job id: billing.nightly",
                        "Executor: 'default'", "Property: kairos.executors.default.type = process-pool",
                        "Origin: class path resource [start-up-reports/process-pool-default.yml] - 4:13");
                assertThat(analysis.getAction()).contains("executor = \"<alias>\"",
                        "set kairos.executors.default.type to thread-pool");
            });
    }

    @Test
    void aNegativeDefaultMisfireGraceTimeIsReportedAsWrittenWithItsOrigin() {
        fromYaml("negative-misfire-grace-time.yml").run((context) -> assertThat(analysis(context).getDescription())
            .contains("Property: kairos.job-defaults.misfire-grace-time", "Value: -5s",
                    "Origin: class path resource [start-up-reports/negative-misfire-grace-time.yml] - 3:25")
            .doesNotContain("PT-5S"));
    }

    @Test
    void aNegativeDefaultJitterIsReportedAsWrittenWithItsOrigin() {
        fromYaml("negative-jitter.yml").run((context) -> assertThat(analysis(context).getDescription())
            .contains("Property: kairos.job-defaults.jitter", "Value: -1",
                    "Origin: class path resource [start-up-reports/negative-jitter.yml] - 3:13")
            .doesNotContain("PT-1S"));
    }

    @Test
    void aNegativeHistoryMaxAgeIsReportedAsWrittenWithItsOrigin() {
        fromYaml("negative-history-max-age.yml").run((context) -> assertThat(analysis(context).getDescription())
            .contains("Property: kairos.history.max-age", "Value: -1d",
                    "Origin: class path resource [start-up-reports/negative-history-max-age.yml] - 3:14")
            .doesNotContain("PT-24H"));
    }

    private ApplicationContextRunner fromYaml(String file) {
        return this.runner.withInitializer(new ConfigDataApplicationContextInitializer())
            .withPropertyValues("spring.config.location=classpath:start-up-reports/" + file);
    }

    private FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return FailureAnalyses.analyze(context.getStartupFailure(), this.environment.get());
    }

    @Configuration(proxyBeanMethods = false)
    static class BillingJobs {

        @Bean
        Billing billingJobs() {
            return new Billing();
        }

        public static class Billing {

            @ScheduledJob(id = "${billing.dup-id:other-job}", cron = "${billing.cron:0 3 * * *}")
            public void other() {
            }

            @ScheduledJob(id = "billing.nightly", cron = "0 2 * * *")
            public void nightly() {
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EndedJobs {

        @Bean
        Ended endedJobs() {
            return new Ended();
        }

        public static class Ended {

            @ScheduledJob(id = "ended-report", cron = "0 3 * * *", endDate = "2020-01-01")
            public void report() {
            }
        }
    }
}
