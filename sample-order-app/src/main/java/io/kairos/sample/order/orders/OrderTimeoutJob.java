package io.kairos.sample.order.orders;

import io.kairos.scheduler.boot.JobScheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The task of the timeout jobs, {@value OrderTimeouts#TASK}: Kairos resolves the bean {@code orderTimeoutJob} and
 * calls {@link #cancelUnpaidOrder(long)} with the job's one argument. Unlike the tutorial's
 * {@code cancel_order_job(order_id, sku_id, stock, sales)}, it takes only the order id and reads the items and
 * current stock when it runs, so no stale stock figures travel with the job. Thread-safe.
 */
@Component("orderTimeoutJob")
public class OrderTimeoutJob {

    private static final Logger log = LoggerFactory.getLogger(OrderTimeoutJob.class);

    private final OrderService orders;

    private final JobScheduler scheduler;

    /**
     * Creates the task bean.
     *
     * @param orders the order service
     * @param scheduler the scheduler, to name this instance in the log
     */
    public OrderTimeoutJob(OrderService orders, JobScheduler scheduler) {
        this.orders = orders;
        this.scheduler = scheduler;
    }

    /**
     * Cancels the order when it is still unpaid and gives back stock and sales of its items, in one transaction;
     * otherwise changes nothing (idempotent: a second run, on this or another instance, is harmless). Logs one line
     * {@code order-timeout run: order=<id> outcome=<CancelOutcome> scheduler=<scheduler id>} per run.
     *
     * @param orderId the order id (the job's only argument)
     * @return what the run did
     */
    public CancelOutcome cancelUnpaidOrder(long orderId) {
        CancelOutcome outcome = this.orders.cancelIfUnpaid(orderId);
        log.info("order-timeout run: order={} outcome={} scheduler={}", orderId, outcome,
                this.scheduler.engine().schedulerId());
        return outcome;
    }
}
