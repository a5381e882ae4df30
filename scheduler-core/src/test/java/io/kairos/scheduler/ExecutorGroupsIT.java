package io.kairos.scheduler;

import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.store.redis.RedisJobStoreKeys;
import io.kairos.scheduler.task.TaskFunction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An executor alias is a worker group: two schedulers share one real PostgreSQL or Redis store, one with executor
 * {@code reports} and one without. The one without never takes (and so never breaks) a {@code reports} job; while
 * no instance with {@code reports} runs, it reports the job as waiting; the instance with {@code reports} runs it.
 */
class ExecutorGroupsIT extends SchedulerTestSupport {

    @Test
    void postgresJobOfAnExecutorThisInstanceLacksIsLeftForTheInstanceThatHasIt() throws SQLException {
        String table = "kairos_jobs_groups_it";
        try (HikariDataSource pg = new HikariDataSource()) {
            pg.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
            pg.setUsername("postgres");
            pg.setMaximumPoolSize(6);
            sql(pg, "DROP TABLE IF EXISTS " + table);
            workerGroups(() -> new JdbcJobStore(pg, JdbcJobStoreSettings.defaults().withTableName(table).withCreateSchema(true)));
            sql(pg, "DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void redisJobOfAnExecutorThisInstanceLacksIsLeftForTheInstanceThatHasIt() {
        RedisJobStoreKeys keys = RedisJobStoreKeys.withPrefix("kairos-groups-it-" + UUID.randomUUID() + ".");
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try {
            workerGroups(() -> RedisJobStore.builder().client(client).keys(keys).build());
            try (var connection = client.connect()) {
                connection.sync().del(keys.jobs(), keys.runTimes(), keys.fireTimes(), keys.versions(), keys.leases(),
                        keys.leaseOwners(), keys.broken(), keys.finished());
            }
        }
        finally {
            client.shutdown();
        }
    }

    private void workerGroups(Supplier<JobStore> stores) {
        build((b) -> b.jobStore("default", stores.get()).schedulerId("without-reports"));
        AtomicInteger reportRuns = new AtomicInteger();
        Scheduler reports = Scheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC).executor("default", new DirectJobExecutor())
                .executor("reports", new DirectJobExecutor()).jobStore("default", stores.get()).schedulerId("with-reports").build();
        reports.taskRegistry().register("record", (TaskFunction) (args, kwargs) -> reportRuns.incrementAndGet());
        try {
            this.scheduler.start();
            reports.start(true);
            reports.addJob(JobRequest.of("record").id("monthly-report").executor("reports")
                    .trigger(Map.of("type", "date", "run_date", T0.toString())));
            JobStore store = this.scheduler.jobStores().get("default");
            long version = store.lookupJob("monthly-report").orElseThrow().version();

            this.scheduler.wakeup();
            awaitPass(this.scheduler);
            awaitPass(this.scheduler);
            StoredJob untouched = store.lookupJob("monthly-report").orElseThrow();
            assertThat(untouched.state()).isEqualTo(JobState.SCHEDULED);
            // never acquired (and given back) by the instance without 'reports': the version did not move
            assertThat(untouched.version()).isEqualTo(version);
            assertThat(this.runs).isEmpty();

            advance(Duration.ofMinutes(2));
            await().until(() -> this.scheduler.jobsWaitingForExecutor().equals(Map.of("default", Map.of("reports", 1))));

            reports.resume();
            await().until(() -> reportRuns.get() == 1 && store.lookupJob("monthly-report").isEmpty());
            advance(Duration.ofMinutes(2));
            await().until(() -> this.scheduler.jobsWaitingForExecutor().isEmpty());
            assertThat(this.runs).isEmpty();
            assertThat(this.events.of(io.kairos.scheduler.event.JobBroken.class)).isEmpty();
        }
        finally {
            reports.close();
            this.scheduler.close();
        }
    }

    /**
     * Waits until the scheduler ran a one-shot job due now (a date trigger, which a shared store can hold; the
     * support class's idle marker uses a test-only trigger that such a store cannot read back).
     */
    static void awaitPass(Scheduler scheduler) {
        Job probe = scheduler.addJob(JobRequest.of("noop").trigger(Map.of("type", "date", "run_date",
                scheduler.clock().instant().toString())));
        await().until(() -> scheduler.getJob(probe.id()).isEmpty());
    }

    private static void sql(HikariDataSource pg, String statement) throws SQLException {
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
