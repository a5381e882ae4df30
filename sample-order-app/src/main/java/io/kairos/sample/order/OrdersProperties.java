package io.kairos.sample.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shop under {@code orders.*}. Immutable, thread-safe.
 *
 * @param paymentTimeout how long an order may stay unpaid before it is cancelled; at least one second (so the
 *     cancellation never runs before the order's own transaction has committed). Default 30 minutes.
 * @param stockSnapshotKey profile {@code redis}: key of the Redis hash that holds a copy of every SKU's stock
 *     (field: SKU id, value: stock). Default {@code kairos-sample:sku-stock}.
 */
@ConfigurationProperties("orders")
public record OrdersProperties(
        @DefaultValue("30m") Duration paymentTimeout,
        @DefaultValue("kairos-sample:sku-stock") String stockSnapshotKey) {

    /**
     * Checks the settings at start-up.
     *
     * @throws IllegalArgumentException naming {@code orders.payment-timeout} when it is shorter than one second
     */
    public OrdersProperties {
        if (paymentTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("orders.payment-timeout must be at least 1s, got " + paymentTimeout);
        }
    }
}
