package io.kairos.sample.order.orders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kairos.sample.order.OrdersProperties;
import io.kairos.sample.order.catalog.Sku;
import io.kairos.sample.order.catalog.SkuRepository;
import io.kairos.sample.order.web.ApiException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places, pays and cancels orders. Every method runs in one database transaction; stock and status changes are
 * conditional updates, so concurrent requests and timeout jobs (on any instance) never oversell or cancel a paid
 * order. Thread-safe.
 */
@Service
public class OrderService {

    private final SkuRepository skus;

    private final OrderRepository orders;

    private final OrderTimeouts timeouts;

    private final OrdersProperties properties;

    /**
     * Creates the service.
     *
     * @param skus the SKU table
     * @param orders the order tables
     * @param timeouts the timeout jobs
     * @param properties the shop's settings (payment timeout)
     */
    public OrderService(SkuRepository skus, OrderRepository orders, OrderTimeouts timeouts, OrdersProperties properties) {
        this.skus = skus;
        this.orders = orders;
        this.timeouts = timeouts;
        this.properties = properties;
    }

    /**
     * Places an order: takes the stock, counts the sales, saves the order and adds its timeout job
     * {@code order-timeout-<id>} at now + {@code orders.payment-timeout}, all in one transaction (see
     * {@link OrderTimeouts} for how the job follows the transaction's outcome). Lines naming the same SKU are added up.
     *
     * @param request the lines to order
     * @return the new order, {@link OrderStatus#UNPAID}
     * @throws ApiException 400 when the items are missing or empty, a line lacks its SKU id, a count is below 1
     *     or a SKU does not exist; 409 when a SKU has not enough stock (nothing is changed then)
     */
    @Transactional
    public Order place(PlaceOrderRequest request) {
        Map<Long, Integer> counts = countsBySku(request);
        Map<Long, Sku> known = this.skus.findAllById(counts.keySet()).stream()
                .collect(Collectors.toMap(Sku::id, Function.identity()));
        List<Long> unknown = counts.keySet().stream().filter(id -> !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Unknown SKU id(s) " + unknown + "; GET /skus lists the SKUs on sale");
        }
        // ascending SKU ids: concurrent orders lock rows in the same order and cannot deadlock
        counts.forEach((skuId, count) -> {
            if (!this.skus.take(skuId, count)) {
                int stock = this.skus.findById(skuId).map(Sku::stock).orElse(0);
                throw ApiException.conflict("Not enough stock for SKU " + skuId + " ('" + known.get(skuId).name()
                        + "'): " + count + " ordered, " + stock + " in stock");
            }
        });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant cancelAt = now.plus(this.properties.paymentTimeout());
        long orderId = this.orders.insertUnpaid(now, cancelAt);
        counts.forEach((skuId, count) -> this.orders.insertItem(orderId, new OrderItem(skuId, count, known.get(skuId).price())));
        this.timeouts.schedule(orderId, cancelAt);
        return this.orders.findById(orderId).orElseThrow();
    }

    /**
     * Pays an order and, once the payment is committed, removes its timeout job. Paying a paid order changes
     * nothing and answers the order again.
     *
     * @param orderId the order id
     * @return the order, {@link OrderStatus#PAID}
     * @throws ApiException 404 when there is no such order; 409 when it was cancelled already
     */
    @Transactional
    public Order pay(long orderId) {
        if (this.orders.markPaid(orderId, Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
            this.timeouts.unscheduleAfterCommit(orderId);
        }
        Order order = find(orderId);
        if (order.status() == OrderStatus.CANCELLED) {
            throw ApiException.conflict("Order " + orderId + " was cancelled at " + order.cancelledAt()
                    + " because it was not paid by " + order.cancelAt() + "; place a new order");
        }
        return order;
    }

    /**
     * One order.
     *
     * @param orderId the order id
     * @return the order with its items
     * @throws ApiException 404 when there is no such order
     */
    @Transactional(readOnly = true)
    public Order find(long orderId) {
        return this.orders.findById(orderId)
                .orElseThrow(() -> ApiException.notFound("No order with id " + orderId));
    }

    /**
     * Cancels an order that is still unpaid and gives back the stock and sales of each of its items, in one
     * transaction; does nothing otherwise, so running it again (or on another instance) changes nothing.
     *
     * @param orderId the order id
     * @return what was done
     */
    @Transactional
    public CancelOutcome cancelIfUnpaid(long orderId) {
        if (this.orders.markCancelled(orderId, Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
            for (OrderItem item : this.orders.items(orderId)) {
                this.skus.giveBack(item.skuId(), item.count());
            }
            return CancelOutcome.CANCELLED;
        }
        return this.orders.findById(orderId)
                .map(order -> order.status() == OrderStatus.PAID ? CancelOutcome.ALREADY_PAID : CancelOutcome.ALREADY_CANCELLED)
                .orElse(CancelOutcome.NO_SUCH_ORDER);
    }

    private static Map<Long, Integer> countsBySku(PlaceOrderRequest request) {
        if (request == null || request.items() == null || request.items().isEmpty()) {
            throw ApiException.badRequest("items must list at least one {\"skuId\", \"count\"}");
        }
        Map<Long, Integer> counts = new TreeMap<>();
        List<PlaceOrderRequest.Item> items = request.items();
        for (int i = 0; i < items.size(); i++) {
            PlaceOrderRequest.Item item = items.get(i);
            if (item == null || item.skuId() == null) {
                throw ApiException.badRequest("items[" + i + "].skuId is missing; GET /skus lists the SKUs on sale");
            }
            if (item.count() == null || item.count() < 1) {
                throw ApiException.badRequest("items[" + i + "].count must be a whole number of at least 1, got " + item.count());
            }
            counts.merge(item.skuId(), item.count(), Math::addExact);
        }
        return counts;
    }
}
