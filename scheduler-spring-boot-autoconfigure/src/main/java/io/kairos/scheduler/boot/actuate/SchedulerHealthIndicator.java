package io.kairos.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.store.JobStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Kairos scheduler ({@code scheduler} in {@code /actuator/health}): down when the scheduler is stopped
 * or a job store cannot be reached. Details: the state, each store's status, and {@code oldestOverdue}, how long ago
 * the earliest due job should have run (ISO-8601 duration; absent when nothing is overdue). A steadily growing
 * {@code oldestOverdue} means jobs are not being picked up (all executors busy, the scheduler paused, a store
 * failing). Each check asks every store for its next run time (one query per shared store). Thread-safe.
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
        Instant earliest = null;
        boolean up = true;
        for (Map.Entry<String, JobStore> entry : this.scheduler.jobStores().entrySet()) {
            try {
                Optional<Instant> next = entry.getValue().nextRunTime();
                if (next.isPresent() && (earliest == null || next.get().isBefore(earliest))) {
                    earliest = next.get();
                }
                stores.put(entry.getKey(), "UP");
            }
            catch (RuntimeException ex) {
                stores.put(entry.getKey(), "DOWN: " + ex.getMessage());
                up = false;
            }
        }
        builder.withDetail("jobstores", stores);
        if (earliest != null && earliest.isBefore(now)) {
            builder.withDetail("oldestOverdue", Duration.between(earliest, now).toString());
        }
        if (up) {
            builder.up();
        }
        else {
            builder.down();
        }
    }
}
