package io.kairos.sample.order.orders;

import java.time.Duration;
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

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places, pays and cancels orders. Stock and status changes are conditional updates, so concurrent requests and timeout jobs (on any instance) never oversell or cancel a paid
 * order. Thread-safe.
 */
@Service
public class OrderService {

    /** Most lines in one order. */
    static final int MAX_LINES = 100;

    /** Most units of one SKU in one order (all its lines together). */
    static final int MAX_COUNT = 10_000;

    /** Least time between saving an order and its due time, so a job never runs before its order is committed. */
    private static final Duration COMMIT_MARGIN = Duration.ofMillis(500);

    private final SkuRepository skus;

    private final OrderRepository orders;

    private final OrderTimeouts timeouts;

    private final OrdersProperties properties;

    private final TransactionTemplate transaction;

    /**
     * Creates the service.
     *
     * @param skus the SKU table
     * @param orders the order tables
     * @param timeouts the timeout jobs
     * @param properties the shop's settings (payment timeout)
     * @param transactions the application's transaction manager
     */
    public OrderService(SkuRepository skus, OrderRepository orders, OrderTimeouts timeouts, OrdersProperties properties,
            PlatformTransactionManager transactions) {
        this.skus = skus;
        this.orders = orders;
        this.timeouts = timeouts;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Places an order: stores its timeout job {@code order-timeout-<id>} at now + {@code orders.payment-timeout},
     * then, in one transaction, takes the stock, counts the sales and saves the order; when that transaction fails,
     * the job is removed again (see {@link OrderTimeouts} for why this order of steps). Lines naming the same SKU
     * are added up.
     *
     * @param request the lines to order
     * @return the new order, {@link OrderStatus#UNPAID}
     * @throws ApiException 400 when the items are missing or empty or more than {@value #MAX_LINES}, a line lacks
     *     its SKU id, a count is below 1 or a SKU's count above {@value #MAX_COUNT}, or a SKU does not exist; 409 when a SKU has not enough stock; 503 when saving took so long that the
     *     timeout job could have run first (nothing is changed in these cases)
     * @throws RuntimeException when the database or the job store fails (nothing is changed then either)
     */
    public Order place(PlaceOrderRequest request) {
        Map<Long, Integer> counts = countsBySku(request);
        Map<Long, Sku> known = this.skus.findAllById(counts.keySet()).stream()
                .collect(Collectors.toMap(Sku::id, Function.identity()));
        List<Long> unknown = counts.keySet().stream().filter(id -> !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Unknown SKU id(s) " + unknown + "; GET /skus lists the SKUs on sale");
        }
        // a first look without locks spares the job store most orders that would fail; take() below decides
        counts.forEach((skuId, count) -> {
            if (known.get(skuId).stock() < count) {
                throw notEnoughStock(known.get(skuId), count, known.get(skuId).stock());
            }
        });

        long orderId = this.orders.nextId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant cancelAt = now.plus(this.properties.paymentTimeout());
        this.timeouts.schedule(orderId, cancelAt);
        try {
            return this.transaction.execute(status -> save(orderId, counts, known, now, cancelAt));
        }
        catch (RuntimeException | Error ex) {
            this.timeouts.unschedule(orderId, "its order was not saved");
            throw ex;
        }
    }

    private Order save(long orderId, Map<Long, Integer> counts, Map<Long, Sku> known, Instant now, Instant cancelAt) {
        // ascending SKU ids (a TreeMap): concurrent orders lock rows in the same order and cannot deadlock
        counts.forEach((skuId, count) -> {
            if (!this.skus.take(skuId, count)) {
                throw notEnoughStock(known.get(skuId), count, this.skus.findById(skuId).map(Sku::stock).orElse(0));
            }
        });
        this.orders.insertUnpaid(orderId, now, cancelAt);
        counts.forEach((skuId, count) -> this.orders.insertItem(orderId, new OrderItem(skuId, count, known.get(skuId).price())));
        if (!Instant.now().plus(COMMIT_MARGIN).isBefore(cancelAt)) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Saving order " + orderId
                    + " took longer than the payment timeout allows; nothing was ordered, please try again");
        }
        return this.orders.findById(orderId).orElseThrow();
    }

    private static ApiException notEnoughStock(Sku sku, int count, int stock) {
        return ApiException.conflict("Not enough stock for SKU " + sku.id() + " ('" + sku.name() + "'): " + count
                + " ordered, " + stock + " in stock");
    }

    /**
     * Pays an order, then removes its timeout job. Paying a paid order changes nothing and answers the order again.
     * The payment is one conditional update, committed before the job is removed: if the process dies in between,
     * the job runs later and finds the order paid.
     *
     * @param orderId the order id
     * @return the order, {@link OrderStatus#PAID}
     * @throws ApiException 404 when there is no such order; 409 when it was cancelled already
     */
    public Order pay(long orderId) {
        if (this.orders.markPaid(orderId, Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
            this.timeouts.unschedule(orderId, "its order was paid");
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
        List<PlaceOrderRequest.Item> items = request.items();
        if (items.size() > MAX_LINES) {
            throw ApiException.badRequest("items has " + items.size() + " lines; at most " + MAX_LINES);
        }
        Map<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            PlaceOrderRequest.Item item = items.get(i);
            if (item == null || item.skuId() == null) {
                throw ApiException.badRequest("items[" + i + "].skuId is missing; GET /skus lists the SKUs on sale");
            }
            if (item.count() == null || item.count() < 1 || item.count() > MAX_COUNT) {
                throw ApiException.badRequest("items[" + i + "].count must be a whole number from 1 to " + MAX_COUNT
                        + ", got " + item.count());
            }
            // both counts are at most MAX_COUNT: the sum cannot overflow
            int total = counts.merge(item.skuId(), item.count(), Integer::sum);
            if (total > MAX_COUNT) {
                throw ApiException.badRequest("items[" + i + "].count brings SKU " + item.skuId() + " to " + total
                        + " units; at most " + MAX_COUNT + " per SKU in one order");
            }
        }
        return counts;
    }
}
