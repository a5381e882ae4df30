package io.kairos.scheduler.boot.actuate;

import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.FaultyJobStore;
import io.kairos.scheduler.testing.FaultyJobStore.Mode;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator answers from what the scheduler's store loops already know: while a store's server hangs, a
 * health check reports it down with its last error and makes no store call (the core test-jar's
 * {@link FaultyJobStore} refuses calls from other threads than the loops while it hangs).
 */
class SchedulerHealthIndicatorTests {

    private final FaultyJobStore store = new FaultyJobStore();

    private final Scheduler scheduler = Scheduler.builder().clock(InstantSource.system()).jobStore("orders", this.store).build();

    @AfterEach
    void stop() {
        this.store.mode(Mode.WORKING);
        this.scheduler.close();
    }

    @Test
    void reportsAStoreDownFromKnownStateWithoutCallingIt() {
        SchedulerHealthIndicator indicator = new SchedulerHealthIndicator(this.scheduler);
        this.scheduler.start();
        await().until(() -> this.scheduler.jobStoreStatus().get("orders").lastSuccessfulPass() != null);
        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);

        this.store.mode(Mode.FAILING);
        this.scheduler.wakeup();
        await().until(() -> !this.scheduler.jobStoreStatus().get("orders").up());
        this.store.mode(Mode.HANGING);
        this.scheduler.wakeup();
        await().until(() -> this.store.hanging() > 0);

        Health health = indicator.health(true);
        assertThat(this.store.callers()).as("threads that called the store").containsOnly("kairos-scheduler-orders");
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING");
        @SuppressWarnings("unchecked")
        Map<String, String> stores = (Map<String, String>) health.getDetails().get("jobstores");
        assertThat(stores).containsEntry("default", "UP")
            .hasEntrySatisfying("orders", (status) -> assertThat(status).startsWith("DOWN since ")
                .endsWith(": database down"));
    }

    @Test
    void reportsJobsThatWaitForAnExecutorNoRunningInstanceHasWithoutGoingDown() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:groups_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1");
        Supplier<JdbcJobStore> stores = () -> new JdbcJobStore(h2, JdbcJobStoreSettings.defaults().withCreateSchema(true));
        try (Scheduler reportsInstance = Scheduler.builder().jobStore("default", stores.get())
                .executor("reports", new DirectJobExecutor()).build()) {
            reportsInstance.taskRegistry().register("report", (TaskAction) () -> { });
            reportsInstance.start(true);
            reportsInstance.addJob(JobRequest.of("report").id("monthly").executor("reports")
                    .trigger(Map.of("type", "date", "run_date", "2026-01-01T00:00:00Z")));
        }
        try (Scheduler plain = Scheduler.builder().jobStore("default", stores.get()).build()) {
            plain.taskRegistry().register("report", (TaskAction) () -> { });
            plain.start();
            SchedulerHealthIndicator indicator = new SchedulerHealthIndicator(plain);
            await().until(() -> indicator.health(true).getDetails().containsKey("jobsWaitingForExecutor"));
            Health health = indicator.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("jobsWaitingForExecutor", Map.of("default", Map.of("reports", 1)));
            assertThat(plain.getJob("monthly")).hasValueSatisfying((job) -> assertThat(job.state()).isEqualTo(JobState.SCHEDULED));
        }
    }
}
