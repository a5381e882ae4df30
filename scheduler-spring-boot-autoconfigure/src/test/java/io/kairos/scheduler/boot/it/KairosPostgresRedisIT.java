package io.kairos.scheduler.boot.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.ScheduledJob;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured scheduler against the real PostgreSQL (127.0.0.1:5432, database {@code test}) and Redis
 * (127.0.0.1:6379) servers: a jdbc store as {@code default} and a redis store as {@code cache}, configured only
 * through {@code application.yml}-style properties. Table and key prefix are unique to the run and removed after.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
        "spring.datasource.username=postgres", "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379",
        "kairos.jobstores.default.type=jdbc", "kairos.jobstores.default.initialize-schema=always",
        "kairos.jobstores.cache.type=redis", "kairos.job-defaults.coalesce=false", "kairos.job-defaults.max-instances=3",
        "kairos.executors.default.type=thread-pool", "kairos.executors.default.max-workers=20",
        "kairos.poll-interval=1s" })
class KairosPostgresRedisIT {

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static final String TABLE = "kairos_it_" + SUFFIX;

    private static final String PREFIX = "kairos-it-" + SUFFIX + ".";

    @DynamicPropertySource
    static void names(DynamicPropertyRegistry registry) {
        registry.add("kairos.jobstores.default.table-name", () -> TABLE);
        registry.add("kairos.jobstores.cache.key-prefix", () -> PREFIX);
    }

    @Autowired
    private JobScheduler scheduler;

    @Autowired
    private Orders orders;

    @Autowired
    private DataSource dataSource;

    @Test
    void storesComeFromTheApplicationsDataSourceAndRedisSettings() {
        Scheduler engine = this.scheduler.engine();
        assertThat(engine.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
        assertThat(engine.jobStores().get("cache")).isInstanceOf(RedisJobStore.class);
        assertThat(engine.jobDefaults().coalesce()).isFalse();
        assertThat(engine.jobDefaults().maxInstances()).isEqualTo(3);
    }

    @Test
    void declaredJobIsInThePostgresTable() {
        Integer rows = new JdbcTemplate(this.dataSource)
            .queryForObject("select count(*) from " + TABLE + " where id = 'orders.sweep'", Integer.class);
        assertThat(rows).isEqualTo(1);
        Job job = this.scheduler.getJob("orders.sweep").orElseThrow();
        assertThat(job.name()).isEqualTo("@orders.sweep");
        assertThat(job.trigger().toSpec()).containsEntry("type", "cron");
    }

    @Test
    void runtimeJobsRunFromBothStores() {
        this.scheduler.addJob(JobRequest.of("orders.cancelUnpaid").id("cancel-42-" + SUFFIX).args(42)
            .trigger(Map.of("type", "date")));
        this.scheduler.addJob(JobRequest.of("orders.cancelUnpaid").id("cancel-43-" + SUFFIX).args(43)
            .jobstore("cache").trigger(Map.of("type", "date")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.orders.cancelled).contains(42L, 43L));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(this.scheduler.getJob("cancel-42-" + SUFFIX)).isEmpty();
            assertThat(this.scheduler.getJob("cancel-43-" + SUFFIX)).isEmpty();
        });
    }

    @Test
    void pausedJobInRedisKeepsItsDefinition() {
        String id = "report-" + SUFFIX;
        this.scheduler.addJob(JobRequest.of("orders.sweep").id(id).jobstore("cache")
            .trigger(Map.of("type", "interval", "hours", 1)));
        assertThat(this.scheduler.pauseJob(id).nextRunTime()).isEmpty();
        assertThat(this.scheduler.resumeJob(id).orElseThrow().nextRunTime()).isPresent();
        this.scheduler.removeJob(id);
    }

    @AfterAll
    static void dropTableAndKeys() {
        try (RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
                StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
        org.springframework.jdbc.datasource.DriverManagerDataSource ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        new JdbcTemplate(ds).execute("drop table if exists " + TABLE);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    static class Orders {

        final List<Long> cancelled = new CopyOnWriteArrayList<>();

        public void cancelUnpaid(long orderId) {
            this.cancelled.add(orderId);
        }

        @ScheduledJob(cron = "*/15 * * * *")
        public void sweep() {
        }
    }
}
