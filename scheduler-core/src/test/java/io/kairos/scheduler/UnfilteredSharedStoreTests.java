package io.kairos.scheduler;

import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.task.TaskAction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared store of one's own that does not filter by executor (it keeps {@code JobStore}'s default, which ignores
 * the executor aliases) hands an instance a job of an executor it lacks: the instance gives it back unchanged, does
 * not mark it broken. A real H2 store stands in for such a store, with the filtering method left to the default.
 */
class UnfilteredSharedStoreTests extends SchedulerTestSupport {

    /** A JDBC store whose due query ignores the executor aliases, counting its acquisitions. */
    static final class UnfilteredStore extends JdbcJobStore {

        final AtomicInteger acquisitions = new AtomicInteger();

        UnfilteredStore(JdbcDataSource h2) {
            super(h2, JdbcJobStoreSettings.defaults().withCreateSchema(true));
        }

        @Override
        public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
            this.acquisitions.incrementAndGet();
            return acquireDueJobs(schedulerId, now, limit, leaseUntil);
        }
    }

    @Test
    void jobOfAnExecutorThisInstanceLacksIsGivenBackNotBroken() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:unfiltered_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1");
        UnfilteredStore store = new UnfilteredStore(h2);
        try (Scheduler reports = Scheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC).executor("default", new DirectJobExecutor())
                .executor("reports", new DirectJobExecutor()).jobStore("default", new UnfilteredStore(h2)).build()) {
            reports.taskRegistry().register("noop", (TaskAction) () -> { });
            reports.start(true);
            reports.addJob(JobRequest.of("noop").id("monthly-report").executor("reports")
                    .trigger(Map.of("type", "date", "run_date", T0.toString())));

        }
        build((b) -> b.jobStore("default", store));
        this.scheduler.start();
        awaitProbe();
        awaitProbe();

        StoredJob job = store.lookupJob("monthly-report").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.nextRunTime()).isEqualTo(T0);
        assertThat(this.events.of(io.kairos.scheduler.event.JobBroken.class)).isEmpty();
        assertThat(store.acquisitions.get()).as("the store was asked (the unfiltered path was taken)").isPositive();
    }

    /** Waits until the scheduler ran a one-shot job due before everything else. */
    private void awaitProbe() {
        Job probe = this.scheduler.addJob(JobRequest.of("noop").trigger(Map.of("type", "date", "run_date",
                T0.minusSeconds(7200).toString())));
        org.awaitility.Awaitility.await().until(() -> this.scheduler.getJob(probe.id()).isEmpty());
    }
}
