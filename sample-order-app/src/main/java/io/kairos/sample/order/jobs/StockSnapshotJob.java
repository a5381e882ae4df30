package io.kairos.sample.order.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kairos.sample.order.OrdersProperties;
import io.kairos.sample.order.catalog.Sku;
import io.kairos.sample.order.catalog.SkuRepository;
import io.kairos.scheduler.boot.annotation.ScheduledJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Profile {@code redis}: keeps a Redis copy of every SKU's stock (the "keep Redis in sync" job of the tutorials),
 * a hash at {@code orders.stock-snapshot-key} with field = SKU id and value = stock. A {@code @ScheduledJob} with id
 * {@code stock-snapshot} every {@code orders.stock-snapshot-interval} (default 30 s), held in the {@code redis} job
 * store; task {@value #TASK}. Thread-safe.
 */
@Component("stockSnapshot")
@Profile("redis")
public class StockSnapshotJob {

    /** The task name of {@link #refresh()}. */
    public static final String TASK = "stockSnapshot.refresh";

    private static final Logger log = LoggerFactory.getLogger(StockSnapshotJob.class);

    private final SkuRepository skus;

    private final StringRedisTemplate redis;

    private final String key;

    /**
     * Creates the job bean.
     *
     * @param skus the SKU table
     * @param redis the application's Redis connection
     * @param properties the shop's settings (the hash key)
     */
    public StockSnapshotJob(SkuRepository skus, StringRedisTemplate redis, OrdersProperties properties) {
        this.skus = skus;
        this.redis = redis;
        this.key = properties.stockSnapshotKey();
    }

    /**
     * Copies the current stock of every SKU into the Redis hash.
     *
     * @return the figures written: SKU id (as text) to stock, in SKU id order
     */
    @ScheduledJob(id = "stock-snapshot", interval = "${orders.stock-snapshot-interval:30s}", jobstore = "redis")
    public Map<String, String> refresh() {
        Map<String, String> stock = new LinkedHashMap<>();
        for (Sku sku : this.skus.findAll()) {
            stock.put(Long.toString(sku.id()), Integer.toString(sku.stock()));
        }
        if (!stock.isEmpty()) {
            this.redis.opsForHash().putAll(this.key, stock);
        }
        log.info("stock snapshot: {} SKUs copied to Redis hash {}", stock.size(), this.key);
        return stock;
    }
}
