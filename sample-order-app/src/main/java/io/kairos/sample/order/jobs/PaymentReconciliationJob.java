package io.kairos.sample.order.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kairos.sample.order.orders.OrderRepository;
import io.kairos.sample.order.orders.OrderRepository.PaidOrder;
import io.kairos.sample.order.payments.PaymentProvider;
import io.kairos.scheduler.boot.annotation.Retry;
import io.kairos.scheduler.boot.annotation.ScheduledJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks the orders paid in the last 24 hours against the payment provider (the "sync with the payment provider" job
 * of a shop) and logs those the provider has not settled: a {@code @ScheduledJob} with id
 * {@code payment-reconciliation} every {@code orders.reconciliation-interval} (default 1 minute), task
 * {@value #TASK}.
 *
 * <p>The provider is a remote service that is sometimes unavailable, so the job retries: an attempt that fails with
 * {@link io.kairos.sample.order.payments.PaymentProviderUnavailableException} is tried again
 * {@code orders.reconciliation-retry-backoff} later (default 10 s, then twice that), up to 3 attempts of one fire
 * time; any other exception (a bug) is not retried. Each attempt is a run in the job's history
 * ({@code GET /actuator/scheduler/payment-reconciliation/runs}). Thread-safe.
 */
@Component("paymentReconciliation")
public class PaymentReconciliationJob {

    /** The task name of {@link #reconcile()}. */
    public static final String TASK = "paymentReconciliation.reconcile";

    /** The orders read and sent to the provider at a time. */
    static final int BATCH = 1_000;

    /** The most orders one run checks (newest payments first); a run that stops there logs a warning. */
    static final int MAX_ORDERS = 100_000;

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliationJob.class);

    private final OrderRepository orders;

    private final PaymentProvider provider;

    private final int batch;

    private final int maxOrders;

    /**
     * Creates the job bean.
     *
     * @param orders the order tables
     * @param provider the payment provider
     */
    @Autowired
    public PaymentReconciliationJob(OrderRepository orders, PaymentProvider provider) {
        this(orders, provider, BATCH, MAX_ORDERS);
    }

    PaymentReconciliationJob(OrderRepository orders, PaymentProvider provider, int batch, int maxOrders) {
        this.orders = orders;
        this.provider = provider;
        this.batch = batch;
        this.maxOrders = maxOrders;
    }

    /**
     * Asks the provider about the orders paid in the last 24 hours, {@value #BATCH} at a time, newest payments first,
     * and logs {@code payment reconciliation: 2 paid orders checked, 0 not settled}. A run checks at most
     * {@value #MAX_ORDERS} orders and logs a warning naming the payment time it stopped at when there are more.
     *
     * @return {@code checked} (the number of orders) and {@code unsettled} (their ids), the run's result in its history
     * @throws io.kairos.sample.order.payments.PaymentProviderUnavailableException when the provider cannot answer now
     *     (retried)
     */
    @ScheduledJob(id = "payment-reconciliation", interval = "${orders.reconciliation-interval:1m}",
            retry = @Retry(maxAttempts = "3", backoff = "${orders.reconciliation-retry-backoff:10s}",
                    retryOn = "io.kairos.sample.order.payments.PaymentProviderUnavailableException"))
    public Map<String, Object> reconcile() {
        Instant since = Instant.now().minus(Duration.ofDays(1));
        List<Long> unsettled = new ArrayList<>();
        int checked = 0;
        PaidOrder last = null;
        while (true) {
            int wanted = Math.min(this.batch, this.maxOrders - checked);
            List<PaidOrder> page = this.orders.paidSince(since, last, wanted);
            List<Long> ids = page.stream().map(PaidOrder::id).toList();
            Set<Long> settled = ids.isEmpty() ? Set.of() : this.provider.settled(ids);
            ids.stream().filter((id) -> !settled.contains(id)).forEach(unsettled::add);
            checked += ids.size();
            if (page.size() < wanted) {
                break;
            }
            last = page.get(page.size() - 1);
            if (checked >= this.maxOrders) {
                if (!this.orders.paidSince(since, last, 1).isEmpty()) {
                    log.warn("payment reconciliation stopped at its limit of {} orders, newest payments first: the orders "
                            + "paid from {} to {} were not checked in this run", this.maxOrders, since, last.paidAt());
                }
                break;
            }
        }
        log.info("payment reconciliation: {} paid orders checked, {} not settled{}", checked, unsettled.size(),
                unsettled.isEmpty() ? "" : " " + unsettled);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checked", checked);
        result.put("unsettled", unsettled);
        return result;
    }
}
