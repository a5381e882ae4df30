package io.kairos.sample.order;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.kairos.sample.order.jobs.StockSnapshotJob;
import io.kairos.scheduler.Job;
import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Profile {@code redis} against the Redis server on 127.0.0.1:6379: the stock-snapshot job is declared in the Redis
 * job store and copies every SKU's stock into a Redis hash; the admin API accepts its task. Keys carry a random
 * prefix and are deleted afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:order-redis;DB_CLOSE_DELAY=-1", ShopClient.ADMIN_PASSWORD_PROPERTY })
@ActiveProfiles("redis")
class StockSnapshotTests {

    private static final String PREFIX = "kairos-sample-test-" + UUID.randomUUID() + ".";

    @DynamicPropertySource
    static void redisKeys(DynamicPropertyRegistry registry) {
        registry.add("orders.stock-snapshot-key", () -> PREFIX + "sku-stock");
        // the declared job's first run comes at start-up; the next not while the test runs
        registry.add("orders.stock-snapshot-interval", () -> "1h");
        registry.add("kairos.jobstores.redis.key-prefix", () -> PREFIX);
    }

    static StringRedisTemplate cleanup;

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler scheduler;

    @Autowired
    StockSnapshotJob snapshot;

    @Autowired
    StringRedisTemplate redis;

    @AfterAll
    static void deleteKeys() {
        if (cleanup != null) {
            Set<String> keys = cleanup.keys(PREFIX + "*");
            if (keys != null && !keys.isEmpty()) {
                cleanup.delete(keys);
            }
        }
    }

    @Test
    void theSnapshotJobCopiesEveryStockFigureToRedis() {
        cleanup = this.redis;
        Job job = this.scheduler.getJob("stock-snapshot").orElseThrow();
        assertThat(job.jobstore()).isEqualTo("redis");
        assertThat(job.task()).isEqualTo(StockSnapshotJob.TASK);

        // the first scheduled run (at start-up) has written the hash: it cannot overwrite the refresh below with older stock
        await().atMost(Duration.ofSeconds(30)).until(() -> this.redis.hasKey(PREFIX + "sku-stock"));
        ShopClient shop = new ShopClient(this.port);
        assertThat(shop.order(1, 2).status()).isEqualTo(201);
        Map<String, String> written = this.snapshot.refresh();

        Map<Object, Object> hash = this.redis.opsForHash().entries(PREFIX + "sku-stock");
        assertThat(hash).isEqualTo(Map.copyOf(written));
        assertThat(hash.get("1")).isEqualTo(Integer.toString(shop.stockAndSales(1)[0]));
        assertThat(hash).hasSize(shop.get("/skus").body().size());
    }

    @Test
    void theAdminApiAcceptsTheSnapshotTask() {
        cleanup = this.redis;
        ShopClient.Response added = ShopClient.admin(this.port).post("/admin/jobs",
                Map.of("job_id", "snapshot-nightly", "cron", "0 0 3 * * *", "task", "stockSnapshot"));
        assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        assertThat(added.body().get("task").asString()).isEqualTo(StockSnapshotJob.TASK);
    }
}
