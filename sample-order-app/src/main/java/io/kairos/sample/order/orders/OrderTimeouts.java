package io.kairos.sample.order.orders;

import java.time.Instant;
import java.util.Map;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobLookupException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The timeout jobs of orders: one Kairos {@code date} job per unpaid order, id {@code order-timeout-<orderId>},
 * task {@value #TASK}, one argument (the order id), misfire grace time unlimited (an order due while the
 * application was down is cancelled as soon as it is back).
 *
 * <p><b>How a job follows its order's transaction.</b> The JDBC job store writes through its own connection and
 * commits its own transaction; it does not join the application's. So {@link OrderService#place} takes the
 * order id from a sequence, stores the job first, and only then saves the order in one transaction; when that
 * transaction fails (no stock, a database error), it removes the job again:
 * <ul>
 * <li>a committed order always has its job: the job was committed before the order;</li>
 * <li>a rolled-back order's job is removed right after the rollback. Only if the process dies between storing
 * the job and that removal does a job outlive its order: it runs at its due time, finds no order and changes
 * nothing ({@link CancelOutcome#NO_SUCH_ORDER}). A stray job is harmless, a missing one is not, hence this order
 * of steps rather than adding the job after the commit;</li>
 * <li>the order's transaction refuses to commit later than 500 ms before the due time, so a job never runs
 * before its order is visible (the payment timeout is at least one second);</li>
 * <li>no request ever holds two pooled connections at once (the order's and the store's), so a busy shop cannot
 * exhaust the connection pool.</li>
 * </ul>
 *
 * <p>Paying removes the job after the payment is committed; if the process dies in between, the job runs and
 * finds the order paid ({@link CancelOutcome#ALREADY_PAID}). Thread-safe.
 */
@Component
public class OrderTimeouts {

    /** The task every timeout job runs: bean {@code orderTimeoutJob}, method {@code cancelUnpaidOrder(long)}. */
    public static final String TASK = "orderTimeoutJob.cancelUnpaidOrder";

    private static final Logger log = LoggerFactory.getLogger(OrderTimeouts.class);

    private final JobScheduler scheduler;

    /**
     * Creates the component.
     *
     * @param scheduler the Kairos scheduler
     */
    public OrderTimeouts(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * The id of an order's timeout job.
     *
     * @param orderId the order id
     * @return {@code order-timeout-<orderId>}
     */
    public static String jobId(long orderId) {
        return "order-timeout-" + orderId;
    }

    /**
     * Stores the timeout job of a new order, replacing a stray job with the same id (there can be none: order ids
     * are never reused).
     *
     * @param orderId the order id
     * @param cancelAt when to cancel the order unless it is paid
     * @throws RuntimeException any exception of {@link JobScheduler#addJob(JobRequest)} (e.g. the job store is
     *     down); the order is then not saved
     */
    public void schedule(long orderId, Instant cancelAt) {
        this.scheduler.addJob(JobRequest.of(TASK)
                .id(jobId(orderId))
                .name("Cancel order " + orderId + " unless paid")
                .trigger(Map.of("type", "date", "run_date", cancelAt.toString()))
                .args(orderId)
                .misfireGraceTime(null)
                .conflictPolicy(ConflictPolicy.REPLACE));
    }

    /**
     * Removes the timeout job of an order, if it is still there. Never throws: a job that cannot be removed runs at
     * its due time and changes nothing, which is logged.
     *
     * @param orderId the order id
     * @param reason why, for the log, e.g. {@code "its order was paid"}
     */
    public void unschedule(long orderId, String reason) {
        try {
            this.scheduler.removeJob(jobId(orderId));
            log.debug("Removed job {}: {}", jobId(orderId), reason);
        }
        catch (JobLookupException ex) {
            log.debug("Job {} was already gone ({})", jobId(orderId), reason);
        }
        catch (RuntimeException ex) {
            log.warn("Could not remove job {} ({}); it will run at its due time and change nothing", jobId(orderId),
                    reason, ex);
        }
    }
}
