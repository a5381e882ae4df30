package io.kairos.sample.order.orders;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code orders} and {@code order_goods} tables. Status changes are conditional {@code UPDATE}s on the
 * current status, so paying and cancelling race safely: exactly one of them wins. Thread-safe; joins the
 * caller's transaction.
 */
@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    private final String nextIdSql;

    /**
     * Creates the repository.
     *
     * @param jdbc the application's JDBC client
     * @param dataSource the application's database, to pick the sequence syntax (PostgreSQL or H2)
     */
    public OrderRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.nextIdSql = isPostgres(dataSource) ? "SELECT nextval('order_ids')" : "SELECT NEXT VALUE FOR order_ids";
    }

    /**
     * Takes the next order id from the sequence {@code order_ids}; ids are never handed out twice, even when the
     * order is then not saved.
     *
     * @return a new order id, positive
     */
    public long nextId() {
        return this.jdbc.sql(this.nextIdSql).query(Long.class).single();
    }

    /**
     * Inserts an {@link OrderStatus#UNPAID} order without items.
     *
     * @param id the order id, from {@link #nextId()}
     * @param createdAt when it is placed
     * @param cancelAt when it is to be cancelled unless paid
     */
    public void insertUnpaid(long id, Instant createdAt, Instant cancelAt) {
        this.jdbc.sql("INSERT INTO orders (id, status, created_at, cancel_at) VALUES (?, ?, ?, ?)")
                .params(id, OrderStatus.UNPAID.name(), utc(createdAt), utc(cancelAt))
                .update();
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

    /**
     * A page of the orders paid at or after an instant, newest payment first (orders paid at the same instant: highest
     * id first), starting after a given order of the previous page.
     *
     * @param since the earliest payment time included
     * @param after the last order of the previous page, or {@code null} for the first page
     * @param limit the most orders returned, at least 1
     * @return a new list; fewer than {@code limit} orders when it is the last page
     */
    public List<PaidOrder> paidSince(Instant since, @Nullable PaidOrder after, int limit) {
        RowMapper<PaidOrder> row = (rs, n) -> new PaidOrder(rs.getLong("id"), rs.getObject("paid_at", OffsetDateTime.class).toInstant());
        if (after == null) {
            return this.jdbc.sql("SELECT id, paid_at FROM orders WHERE status = 'PAID' AND paid_at >= ? "
                    + "ORDER BY paid_at DESC, id DESC LIMIT ?")
                    .params(utc(since), limit).query(row).list();
        }
        return this.jdbc.sql("SELECT id, paid_at FROM orders WHERE status = 'PAID' AND paid_at >= ? "
                + "AND (paid_at < ? OR (paid_at = ? AND id < ?)) ORDER BY paid_at DESC, id DESC LIMIT ?")
                .params(utc(since), utc(after.paidAt()), utc(after.paidAt()), after.id(), limit).query(row).list();
    }

    /**
     * A paid order: its id and payment time.
     *
     * @param id the order id
     * @param paidAt when it was paid
     */
    public record PaidOrder(long id, Instant paidAt) {
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot reach the database to detect its kind", ex);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }
}
