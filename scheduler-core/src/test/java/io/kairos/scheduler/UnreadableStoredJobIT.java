package io.kairos.scheduler;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.store.redis.RedisJobStoreKeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written by hand into the real PostgreSQL and Redis that cannot be read (an unknown trigger type, malformed
 * JSON): the scheduler that acquires them publishes {@link JobBroken} with a reason that names the job, and keeps them.
 */
class UnreadableStoredJobIT extends SchedulerTestSupport {

    private static final String TABLE = "kairos_jobs_unreadable_it";

    private static final String UNKNOWN_TRIGGER = "{\"format\":1,\"id\":\"odd-trigger\",\"name\":\"n\",\"task\":\"noop\",\"args\":[],"
            + "\"kwargs\":{},\"trigger\":{\"type\":\"lunar\"},\"executor\":\"default\",\"jobstore\":\"default\","
            + "\"coalesce\":true,\"max_instances\":1,\"state\":\"SCHEDULED\",\"version\":1}";

    @Test
    void postgresRowsThatCannotBeReadRaiseJobBroken() throws SQLException {
        try (HikariDataSource pg = new HikariDataSource()) {
            pg.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
            pg.setUsername("postgres");
            pg.setMaximumPoolSize(4);
            sql(pg, "DROP TABLE IF EXISTS " + TABLE);
            JobStore store = new JdbcJobStore(pg, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true));
            build((b) -> b.jobStore("default", store));
            this.scheduler.start();
            long due = this.clock.instant().minusSeconds(1).toEpochMilli();
            try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                    + " (id, next_run_time, next_fire_time, state, version, job_data) VALUES (?, ?, ?, 'SCHEDULED', 1, CAST(? AS jsonb))")) {
                insert(ps, "odd-trigger", due, UNKNOWN_TRIGGER);
                insert(ps, "no-id", due, "{\"format\":1}");
            }
            this.scheduler.wakeup();

            assertBrokenEvents();
            assertThat(this.scheduler.getJob("odd-trigger")).hasValueSatisfying(
                    (job) -> assertThat(job.state()).isEqualTo(JobState.BROKEN));
            this.scheduler.close();
            sql(pg, "DROP TABLE IF EXISTS " + TABLE);
        }
    }

    @Test
    void redisEntriesThatCannotBeReadRaiseJobBroken() {
        RedisJobStoreKeys keys = RedisJobStoreKeys.withPrefix("kairos-unreadable-it-" + UUID.randomUUID() + ".");
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            build((b) -> b.jobStore("default", RedisJobStore.builder().client(client).keys(keys).build()));
            this.scheduler.start();
            long due = this.clock.instant().minusSeconds(1).toEpochMilli();
            connection.sync().hset(keys.jobs(), "odd-trigger", UNKNOWN_TRIGGER);
            connection.sync().zadd(keys.runTimes(), due, "odd-trigger");
            connection.sync().hset(keys.jobs(), "no-id", "{\"format\":1}");
            connection.sync().zadd(keys.runTimes(), due, "no-id");
            this.scheduler.wakeup();

            assertBrokenEvents();
            assertThat(connection.sync().hget(keys.jobs(), "odd-trigger")).isEqualTo(UNKNOWN_TRIGGER);
            this.scheduler.close();
            connection.sync().del(keys.jobs(), keys.runTimes(), keys.fireTimes(), keys.versions(), keys.leases(), keys.leaseOwners(), keys.broken());
        }
        finally {
            client.shutdown();
        }
    }

    private void assertBrokenEvents() {
        List<JobBroken> broken = awaitEvents(JobBroken.class, 2);
        assertThat(broken).extracting(JobBroken::jobId).containsExactlyInAnyOrder("odd-trigger", "no-id");
        for (JobBroken event : broken) {
            assertThat(event.jobstore()).isEqualTo("default");
            assertThat(event.reason()).startsWith("stored job '" + event.jobId() + "'").doesNotContain("'null'");
        }
        assertThat(broken).filteredOn((event) -> event.jobId().equals("odd-trigger")).singleElement()
                .satisfies((event) -> assertThat(event.reason()).contains("lunar"));
    }

    private static void insert(PreparedStatement ps, String id, long due, String json) throws SQLException {
        ps.setString(1, id);
        ps.setLong(2, due);
        ps.setLong(3, due);
        ps.setString(4, json);
        ps.executeUpdate();
    }

    private static void sql(HikariDataSource pg, String statement) throws SQLException {
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
