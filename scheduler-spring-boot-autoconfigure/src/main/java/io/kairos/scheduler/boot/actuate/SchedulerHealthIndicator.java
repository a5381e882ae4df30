package io.kairos.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.store.JobStoreStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Kairos scheduler ({@code scheduler} in {@code /actuator/health}): down when the scheduler is stopped
 * or a job store is down. Details: the state; each store's status, {@code UP} or {@code DOWN since <instant>: <last
 * error>}; and {@code oldestOverdue}, how long ago the earliest job not yet picked up should have run (ISO-8601
 * duration; absent when nothing is overdue); {@code jobsWaitingForExecutor} (absent when none): per shared store,
 * executor alias to the number of jobs that no running instance takes because none has that executor
 * ({@link Scheduler#jobsWaitingForExecutor()}); it does not make the health down, as this instance works; and
 * {@code jobstoreDetails}, per store that has any, what the store knows of its server
 * ({@link io.kairos.scheduler.store.JobStore#healthDetails()}: MongoDB's servers, deployment type, connection and
 * wake-up kind; ZooKeeper's connect string, root path and connection). A steadily growing {@code oldestOverdue} means
 * jobs are not being picked up (all executors busy, the scheduler paused, a store failing).
 *
 * <p>Answers from what the scheduler's store loops already know ({@link Scheduler#jobStoreStatus()}) and makes no
 * store call, so it answers at once also while a store hangs or is down. Thread-safe.
 */
public class SchedulerHealthIndicator extends AbstractHealthIndicator {

    private final Scheduler scheduler;

    /**
     * Creates the indicator.
     *
     * @param scheduler the scheduler
     */
    public SchedulerHealthIndicator(Scheduler scheduler) {
        super("Kairos scheduler health check failed");
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchedulerState state = this.scheduler.state();
        builder.withDetail("state", state.name());
        if (state == SchedulerState.STOPPED) {
            builder.down();
            return;
        }
        Instant now = this.scheduler.clock().instant();
        Map<String, String> stores = new LinkedHashMap<>();
        Duration oldestOverdue = null;
        boolean up = true;
        for (Map.Entry<String, JobStoreStatus> entry : this.scheduler.jobStoreStatus().entrySet()) {
            JobStoreStatus status = entry.getValue();
            stores.put(entry.getKey(), status.up() ? "UP" : "DOWN since " + status.downSince() + ": " + status.lastError());
            up &= status.up();
            Duration overdue = status.overdue(now).orElse(null);
            if (overdue != null && (oldestOverdue == null || overdue.compareTo(oldestOverdue) > 0)) {
                oldestOverdue = overdue;
            }
        }
        builder.withDetail("jobstores", stores);
        Map<String, Map<String, Integer>> waiting = this.scheduler.jobsWaitingForExecutor();
        if (!waiting.isEmpty()) {
            // jobs no running instance takes: a missing worker group, not a failure of this instance
            builder.withDetail("jobsWaitingForExecutor", waiting);
        }
        Map<String, Map<String, Object>> storeDetails = new TreeMap<>();
        this.scheduler.jobStores().forEach((alias, store) -> {
            Map<String, Object> details = store.healthDetails();
            if (!details.isEmpty()) {
                storeDetails.put(alias, details);
            }
        });
        if (!storeDetails.isEmpty()) {
            builder.withDetail("jobstoreDetails", storeDetails);
        }
        if (oldestOverdue != null) {
            builder.withDetail("oldestOverdue", oldestOverdue.toString());
        }
        if (up) {
            builder.up();
        }
        else {
            builder.down();
        }
    }
}
