package io.kairos.scheduler.boot.actuate;

import java.time.InstantSource;
import java.util.Map;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.testing.FaultyJobStore;
import io.kairos.scheduler.testing.FaultyJobStore.Mode;
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
}
