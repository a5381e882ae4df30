package io.kairos.sample.order.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kairos.sample.order.orders.OrderRepository;
import io.kairos.sample.order.payments.PaymentProvider;
import io.kairos.scheduler.boot.annotation.Retry;
import io.kairos.scheduler.boot.annotation.ScheduledJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** The most orders one run checks. */
    static final int MAX_ORDERS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliationJob.class);

    private final OrderRepository orders;

    private final PaymentProvider provider;

    /**
     * Creates the job bean.
     *
     * @param orders the order tables
     * @param provider the payment provider
     */
    public PaymentReconciliationJob(OrderRepository orders, PaymentProvider provider) {
        this.orders = orders;
        this.provider = provider;
    }

    /**
     * Asks the provider about the orders paid in the last 24 hours (at most {@value #MAX_ORDERS}, lowest ids first)
     * and logs {@code payment reconciliation: 2 paid orders checked, 0 not settled}.
     *
     * @return {@code checked} (the number of orders) and {@code unsettled} (their ids), the run's result in its history
     * @throws io.kairos.sample.order.payments.PaymentProviderUnavailableException when the provider cannot answer now
     *     (retried)
     */
    @ScheduledJob(id = "payment-reconciliation", interval = "${orders.reconciliation-interval:1m}",
            retry = @Retry(maxAttempts = "3", backoff = "${orders.reconciliation-retry-backoff:10s}",
                    retryOn = "io.kairos.sample.order.payments.PaymentProviderUnavailableException"))
    public Map<String, Object> reconcile() {
        List<Long> paid = this.orders.paidSince(Instant.now().minus(Duration.ofDays(1)), MAX_ORDERS);
        Set<Long> settled = this.provider.settled(paid);
        List<Long> unsettled = paid.stream().filter((id) -> !settled.contains(id)).toList();
        log.info("payment reconciliation: {} paid orders checked, {} not settled{}", paid.size(), unsettled.size(),
                unsettled.isEmpty() ? "" : " " + unsettled);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checked", paid.size());
        result.put("unsettled", unsettled);
        return result;
    }
}
