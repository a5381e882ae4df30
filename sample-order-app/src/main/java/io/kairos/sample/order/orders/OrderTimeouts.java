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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The timeout jobs of orders: one Kairos {@code date} job per unpaid order, id {@code order-timeout-<orderId>},
 * task {@value #TASK}, one argument (the order id), misfire grace time unlimited (an order due while the
 * application was down is cancelled as soon as it is back).
 *
 * <p><b>How a job follows its order's transaction.</b> The job is added <em>inside</em> the transaction that
 * places the order, as its last step, and removed again when that transaction does not commit:
 * <ul>
 * <li>committed order: its job was stored before the commit, so an order never exists without its job, even if
 * the process dies right after the commit;</li>
 * <li>rolled-back order: its job is removed after the rollback. If the job store joins the application's
 * transaction (JDBC store on the same {@code DataSource}), the rollback already took it and the removal finds
 * nothing. If the process dies between storing the job and the rollback, the job stays and runs at its due time:
 * it finds no order and changes nothing ({@link CancelOutcome#NO_SUCH_ORDER}).</li>
 * </ul>
 * Adding after the commit instead would leave an order without a job when the process dies between the commit
 * and the add; a stray job is harmless, a missing one is not. The timeout is at least one second, so a job cannot
 * run before its order's transaction has committed.
 *
 * <p>Paying removes the job only <em>after</em> the payment commits; if the process dies in between, the job
 * runs and finds the order paid ({@link CancelOutcome#ALREADY_PAID}). Thread-safe.
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
     * Adds the timeout job of a new order, replacing a stray job with the same id. Called in a transaction, the job
     * is removed again when that transaction does not commit.
     *
     * @param orderId the order id
     * @param cancelAt when to cancel the order unless it is paid
     * @throws RuntimeException any exception of {@link JobScheduler#addJob(JobRequest)} (e.g. the job store is
     *     down); it rolls back the caller's transaction, so no order is left without its job
     */
    public void schedule(long orderId, Instant cancelAt) {
        this.scheduler.addJob(JobRequest.of(TASK)
                .id(jobId(orderId))
                .name("Cancel order " + orderId + " unless paid")
                .trigger(Map.of("type", "date", "run_date", cancelAt.toString()))
                .args(orderId)
                .misfireGraceTime(null)
                .conflictPolicy(ConflictPolicy.REPLACE));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        unschedule(orderId, "its order was rolled back");
                    }
                }
            });
        }
    }

    /**
     * Removes the timeout job of a paid order once the current transaction commits (at once when there is none).
     *
     * @param orderId the order id
     */
    public void unscheduleAfterCommit(long orderId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    unschedule(orderId, "its order was paid");
                }
            });
        }
        else {
            unschedule(orderId, "its order was paid");
        }
    }

    private void unschedule(long orderId, String reason) {
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
