package io.kairos.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator answers from what the scheduler's store loops already know: while a store's server hangs, a
 * health check reports it down with its last error and makes no store call.
 */
class SchedulerHealthIndicatorTests {

    private final HangingStore store = new HangingStore();

    private final Scheduler scheduler = Scheduler.builder().clock(InstantSource.system()).jobStore("orders", this.store).build();

    @AfterEach
    void stop() {
        this.store.set(Mode.WORKING);
        this.scheduler.close();
    }

    @Test
    void reportsAStoreDownFromKnownStateWithoutCallingIt() {
        SchedulerHealthIndicator indicator = new SchedulerHealthIndicator(this.scheduler);
        this.scheduler.start();
        await().until(() -> this.scheduler.jobStoreStatus().get("orders").lastSuccessfulPass() != null);
        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);

        this.store.set(Mode.FAILING);
        this.scheduler.wakeup();
        await().until(() -> !this.scheduler.jobStoreStatus().get("orders").up());
        this.store.set(Mode.HANGING);
        this.scheduler.wakeup();
        await().until(() -> this.store.hanging() > 0);

        Health health = indicator.health(true);
        assertThat(this.store.callers()).as("threads that called the store").containsOnly("kairos-scheduler-orders");
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING");
        @SuppressWarnings("unchecked")
        Map<String, String> stores = (Map<String, String>) health.getDetails().get("jobstores");
        assertThat(stores).containsEntry("default", "UP")
            .hasEntrySatisfying("orders", (status) -> assertThat(status).startsWith("DOWN since ")
                .endsWith(": database down"));
    }

    enum Mode {
        WORKING, FAILING, HANGING
    }

    /**
     * A memory store whose loop-facing calls fail or hang as a server that is down or stopped answering would; a call
     * from a thread other than a scheduler loop (a health check) is recorded and refused.
     */
    static final class HangingStore extends MemoryJobStore {

        private Mode mode = Mode.WORKING;

        private int hanging;

        private final Set<String> callers = ConcurrentHashMap.newKeySet();

        synchronized void set(Mode mode) {
            this.mode = mode;
            notifyAll();
        }

        synchronized int hanging() {
            return this.hanging;
        }

        Set<String> callers() {
            return Set.copyOf(this.callers);
        }

        private void call() {
            String thread = Thread.currentThread().getName();
            this.callers.add(thread);
            if (!thread.startsWith("kairos-scheduler-")) {
                throw new IllegalStateException("store called from " + thread);
            }
            synchronized (this) {
                this.hanging++;
                try {
                    while (this.mode == Mode.HANGING) {
                        wait();
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    this.hanging--;
                }
                if (this.mode == Mode.FAILING) {
                    throw new JobStoreException("database down", null);
                }
            }
        }

        @Override
        public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
            call();
            return super.acquireDueJobs(schedulerId, now, limit, leaseUntil);
        }

        @Override
        public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
            call();
            return super.extendLeases(schedulerId, jobIds, leaseUntil);
        }

        @Override
        public void releaseJobs(String schedulerId, List<JobRelease> releases) {
            call();
            super.releaseJobs(schedulerId, releases);
        }

        @Override
        public Optional<Instant> nextRunTime() {
            call();
            return super.nextRunTime();
        }
    }
}
