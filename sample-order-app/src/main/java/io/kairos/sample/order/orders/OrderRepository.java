package io.kairos.sample.order.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code orders} and {@code order_goods} tables. Status changes are conditional {@code UPDATE}s on the
 * current status, so paying and cancelling race safely: exactly one of them wins. Thread-safe; joins the
 * caller's transaction.
 */
@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    /**
     * Creates the repository.
     *
     * @param jdbc the application's JDBC client
     */
    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an {@link OrderStatus#UNPAID} order without items.
     *
     * @param createdAt when it is placed
     * @param cancelAt when it is to be cancelled unless paid
     * @return the new order id
     */
    public long insertUnpaid(Instant createdAt, Instant cancelAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        this.jdbc.sql("INSERT INTO orders (status, created_at, cancel_at) VALUES (?, ?, ?)")
                .params(OrderStatus.UNPAID.name(), utc(createdAt), utc(cancelAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /**
     * Inserts one line of an order.
     *
     * @param orderId the order
     * @param item the line
     */
    public void insertItem(long orderId, OrderItem item) {
        this.jdbc.sql("INSERT INTO order_goods (order_id, sku_id, count, price) VALUES (?, ?, ?, ?)")
                .params(orderId, item.skuId(), item.count(), item.price()).update();
    }

    /**
     * One order with its items.
     *
     * @param id the order id
     * @return the order, or empty when there is none with this id
     */
    public Optional<Order> findById(long id) {
        return this.jdbc.sql("SELECT id, status, created_at, cancel_at, paid_at, cancelled_at FROM orders WHERE id = ?")
                .param(id)
                .query((rs, row) -> new Order(rs.getLong("id"), OrderStatus.valueOf(rs.getString("status")),
                        instant(rs, "created_at"), instant(rs, "cancel_at"), instant(rs, "paid_at"),
                        instant(rs, "cancelled_at"), items(id)))
                .optional();
    }

    /**
     * The lines of an order.
     *
     * @param orderId the order
     * @return a new list, ordered by SKU id; empty when the order has none or does not exist
     */
    public List<OrderItem> items(long orderId) {
        return this.jdbc.sql("SELECT sku_id, count, price FROM order_goods WHERE order_id = ? ORDER BY sku_id")
                .param(orderId)
                .query((rs, row) -> new OrderItem(rs.getLong("sku_id"), rs.getInt("count"), rs.getBigDecimal("price")))
                .list();
    }

    /**
     * Moves an order from {@link OrderStatus#UNPAID} to {@link OrderStatus#PAID}.
     *
     * @param id the order id
     * @param paidAt when it was paid
     * @return whether the order was unpaid (and is now paid)
     */
    public boolean markPaid(long id, Instant paidAt) {
        return this.jdbc.sql("UPDATE orders SET status = 'PAID', paid_at = ? WHERE id = ? AND status = 'UNPAID'")
                .params(utc(paidAt), id).update() == 1;
    }

    /**
     * Moves an order from {@link OrderStatus#UNPAID} to {@link OrderStatus#CANCELLED}.
     *
     * @param id the order id
     * @param cancelledAt when it was cancelled
     * @return whether the order was unpaid (and is now cancelled)
     */
    public boolean markCancelled(long id, Instant cancelledAt) {
        return this.jdbc.sql("UPDATE orders SET status = 'CANCELLED', cancelled_at = ? WHERE id = ? AND status = 'UNPAID'")
                .params(utc(cancelledAt), id).update() == 1;
    }

    /**
     * How many orders are in each status.
     *
     * @return a new map with every status as a key (zero when none)
     */
    public Map<OrderStatus, Long> countByStatus() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, 0L);
        }
        this.jdbc.sql("SELECT status, COUNT(*) AS n FROM orders GROUP BY status")
                .query(rs -> {
                    counts.put(OrderStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }
}
