package io.kairos.sample.order.jobs;

import java.util.Map;

import io.kairos.sample.order.orders.OrderRepository;
import io.kairos.sample.order.orders.OrderStatus;
import io.kairos.scheduler.boot.annotation.ScheduledJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Counts orders by status and logs the figures (the "statistics every 5 minutes" job of the tutorials): a
 * {@code @ScheduledJob} with id {@code order-statistics} on the cron expression {@code orders.statistics-cron}
 * (default {@code 0 0/5 * * * *}: second 0 of every fifth minute), task {@value #TASK}. Thread-safe.
 */
@Component("orderStatistics")
public class OrderStatisticsJob {

    /** The task name of {@link #logCounts()}. */
    public static final String TASK = "orderStatistics.logCounts";

    private static final Logger log = LoggerFactory.getLogger(OrderStatisticsJob.class);

    private final OrderRepository orders;

    /**
     * Creates the job bean.
     *
     * @param orders the order tables
     */
    public OrderStatisticsJob(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * Counts the orders in each status and logs {@code order statistics: UNPAID=1 PAID=5 CANCELLED=2}.
     *
     * @return the counts, every status present
     */
    @ScheduledJob(id = "order-statistics", cron = "${orders.statistics-cron:0 0/5 * * * *}")
    public Map<OrderStatus, Long> logCounts() {
        Map<OrderStatus, Long> counts = this.orders.countByStatus();
        log.info("order statistics: UNPAID={} PAID={} CANCELLED={}", counts.get(OrderStatus.UNPAID),
                counts.get(OrderStatus.PAID), counts.get(OrderStatus.CANCELLED));
        return counts;
    }
}
