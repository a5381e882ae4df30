package io.kairos.scheduler.boot.annotation;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.autoconfigure.KairosAutoConfiguration;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.IntervalTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarts against one persistent (H2, jdbc store) database: declared jobs are upserted by id.
 */
class DeclaredJobSynchronizationTests {

    private final String database = "declared_" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, KairosAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1",
                "kairos.jobstores.default.type=jdbc", "kairos.jobstores.default.table-name=" + this.database);

    @Test
    void unchangedDeclarationKeepsItsNextRunTimeAcrossRestarts() {
        ZonedDateTime first = nextRunTime(HourlyV1.class);
        ZonedDateTime second = nextRunTime(HourlyV1.class);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anIntervalWithoutStartDateFirstRunsAtItsStartAndKeepsItAcrossRestarts() {
        for (int i = 0; i < 2; i++) {
            // paused, so the job that is due at once is still there to see instead of having run
            this.runner.withBean("reports", HourlyV1.class).withPropertyValues("kairos.start-paused=true").run((context) -> {
                assertThat(context).hasNotFailed();
                Job job = context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow();
                // the jdbc store keeps run times to the millisecond
                assertThat(job.nextRunTime().orElseThrow().toInstant())
                    .isEqualTo(((IntervalTrigger) job.trigger()).startDate().toInstant().truncatedTo(ChronoUnit.MILLIS));
            });
        }
    }

    @Test
    void changedDeclarationIsRescheduled() {
        ZonedDateTime hourly = nextRunTime(HourlyV1.class);
        this.runner.withBean("reports", HourlyV2.class).run((context) -> {
            Job job = context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow();
            assertThat(job.trigger().toSpec()).containsEntry("type", "cron");
            assertThat(job.maxInstances()).isEqualTo(2);
            assertThat(job.nextRunTime()).isPresent();
            assertThat(job.nextRunTime().get()).isNotEqualTo(hourly);
        });
    }

    @Test
    void aDeclaredTimeoutReachesTheStoredJobAndItsRemovalClearsIt() {
        this.runner.withBean("reports", HourlyWithTimeout.class).run((context) -> assertThat(
                context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow().timeout()).contains(Duration.ofSeconds(30)));
        this.runner.withBean("reports", HourlyV1.class).run((context) -> assertThat(
                context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow().timeout()).isEmpty());
    }

    @Test
    void changedRetryDefaultsReachTheStoredDeclaredJob() {
        this.runner.withBean("reports", HourlyV1.class).withPropertyValues("kairos.job-defaults.retry.max-attempts=3")
            .run((context) -> assertThat(retry(context)).isEqualTo(RetryPolicy.maxAttempts(3)));
        this.runner.withBean("reports", HourlyV1.class)
            .run((context) -> assertThat(retry(context)).isEqualTo(RetryPolicy.NONE));
    }

    @Test
    void changedRetryAnnotationReachesTheStoredDeclaredJob() {
        nextRunTime(HourlyV1.class);
        this.runner.withBean("reports", HourlyWithRetries.class)
            .run((context) -> assertThat(retry(context).maxAttempts()).isEqualTo(4));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void unchangedRetryPolicyLeavesTheStoredJobAsItIs(CapturedOutput output) {
        for (int i = 0; i < 2; i++) {
            this.runner.withBean("reports", HourlyWithRetries.class)
                .run((context) -> assertThat(retry(context).maxAttempts()).isEqualTo(4));
        }
        assertThat(output).doesNotContain("Updated declared job 'reports.refresh'");
    }

    private static RetryPolicy retry(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow().retry();
    }

    @Test
    void jobWhoseDeclarationDisappearedIsKeptAndReported() {
        nextRunTime(HourlyV1.class);
        this.runner.withBean("other", Other.class).run((context) -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            assertThat(scheduler.getJob("reports.refresh")).isPresent();
            assertThat(context.getBean(DeclaredJobSynchronizer.class).undeclaredJobs()).extracting(Job::id)
                .containsExactly("reports.refresh");
        });
    }

    @Test
    void pausedDeclaredJobStaysPausedWhenItsDeclarationIsUnchanged() {
        this.runner.withBean("reports", HourlyV1.class)
            .run((context) -> context.getBean(JobScheduler.class).pauseJob("reports.refresh"));
        this.runner.withBean("reports", HourlyV1.class).run((context) -> assertThat(
                context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow().nextRunTime()).isEmpty());
    }

    /**
     * The declared job's next run time after a start with {@code bean}; started paused, so the job (an interval without a
     * start date, due at once) has not run and moved on before it is read.
     */
    private ZonedDateTime nextRunTime(Class<?> bean) {
        ZonedDateTime[] result = new ZonedDateTime[1];
        this.runner.withBean("reports", bean).withPropertyValues("kairos.start-paused=true").run((context) -> {
            assertThat(context).hasNotFailed();
            Job job = context.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow();
            assertThat(job.nextRunTime()).as(job.toString() + " " + job.brokenReason()).isPresent();
            result[0] = job.nextRunTime().get();
        });
        return result[0];
    }

    public static class HourlyV1 {

        @ScheduledJob(interval = "1h")
        public void refresh() {
        }
    }

    public static class HourlyWithRetries {

        @ScheduledJob(interval = "1h", retry = @Retry(maxAttempts = "4"))
        public void refresh() {
        }
    }

    public static class HourlyWithTimeout {

        @ScheduledJob(interval = "1h", timeout = "30s")
        public void refresh() {
        }
    }

    public static class HourlyV2 {

        @ScheduledJob(cron = "0 3 * * *", maxInstances = "2")
        public void refresh() {
        }
    }

    public static class Other {

        @ScheduledJob(interval = "1h")
        public void other() {
        }
    }
}
