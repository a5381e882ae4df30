package io.kairos.sample.order.orders;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it. Immutable. Instants are UTC and serialized as ISO-8601.
 *
 * @param id the order id
 * @param status where the order is
 * @param createdAt when it was placed
 * @param cancelAt when it is cancelled unless paid (the run date of job {@code order-timeout-<id>})
 * @param paidAt when it was paid, or {@code null}
 * @param cancelledAt when it was cancelled, or {@code null}
 * @param items its lines, ordered by SKU id
 */
public record Order(long id, OrderStatus status, Instant createdAt, Instant cancelAt, @Nullable Instant paidAt,
        @Nullable Instant cancelledAt, List<OrderItem> items) {
}
