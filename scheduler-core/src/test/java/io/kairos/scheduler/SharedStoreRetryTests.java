package io.kairos.scheduler;

import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobRetryScheduled;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries in a shared store (H2 through the JDBC store), on the fake clock: the store keeps next run times to the
 * millisecond, and a retry runs at the next run time its store reports.
 */
class SharedStoreRetryTests extends SchedulerTestSupport {

    private final AtomicInteger calls = new AtomicInteger();

    private void startOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:retry_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1");
        build((b) -> b.jobStore("default", new JdbcJobStore(h2, JdbcJobStoreSettings.defaults().withCreateSchema(true))));
        this.scheduler.taskRegistry().register("flaky", (TaskAction) () -> {
            if (this.calls.incrementAndGet() == 1) {
                throw new IllegalStateException("payment service down");
            }
        });
        this.scheduler.start();
    }

    @Test
    void aRetryWithASubMillisecondDelayRunsAtTheNextRunTimeItsStoreReports() {
        startOnH2();
        // a back-off finer than the millisecond the store keeps (as jitter makes them: 10 s ± 10 % to the nanosecond)
        Duration backoff = Duration.ofSeconds(10, 500);
        this.scheduler.addJob(JobRequest.of("flaky").id("pay").retry(RetryPolicy.maxAttempts(2).withJitter(0).withBackoff(backoff, backoff))
                .trigger(Triggers.interval(Duration.ofHours(1), T0.plusSeconds(1).atZone(ZoneOffset.UTC))));
        advance(Duration.ofSeconds(1));
        JobRetryScheduled scheduled = awaitEvents(JobRetryScheduled.class, 1).get(0);
        StoredJob pending = await().until(() -> this.scheduler.getJob("pay").orElseThrow().storedJob(), (job) -> job.pendingRetry() != null);
        Instant due = pending.nextRunTime();

        advance(Duration.between(this.clock.instant(), due));
        JobExecuted executed = awaitEvents(JobExecuted.class, 1).get(0);
        assertThat(executed.attempt()).isEqualTo(2);
        assertThat(this.calls.get()).isEqualTo(2);
        assertThat(due).isEqualTo(T0.plusSeconds(11)).isEqualTo(pending.pendingRetry().at()).as("the event's time too")
                .isEqualTo(scheduled.retryAt());
    }
}
