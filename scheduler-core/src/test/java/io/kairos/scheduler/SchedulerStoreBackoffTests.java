package io.kairos.scheduler;

import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.HoldingJobExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop backs off (1 s, 2 s, ...) while a store keeps failing, also when a held job's lease extension is
 * overdue. Found by the cluster outage test: a Redis outage of 20 s produced about 1,300 {@code JobStoreFailed}
 * events, because an overdue wake-up was turned into "in 100 ms", which beat the back-off.
 */
class SchedulerStoreBackoffTests extends SchedulerTestSupport {

    @Test
    void backsOffWhileLeaseExtensionsKeepFailing() throws InterruptedException {
        AtomicBoolean down = new AtomicBoolean();
        MemoryJobStore store = new MemoryJobStore() {
            @Override
            public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
                if (down.get()) {
                    throw new JobStoreException("database down", new RuntimeException("connection refused"));
                }
                return super.extendLeases(schedulerId, jobIds, leaseUntil);
            }
        };
        HoldingJobExecutor executor = new HoldingJobExecutor();
        build((b) -> b.jobStore("default", store).executor("default", executor).leaseTime(Duration.ofSeconds(30))).start();
        this.scheduler.addJob(JobRequest.of("record").id("held"));
        awaitEvents(JobSubmitted.class, 1);
        down.set(true);
        advance(Duration.ofSeconds(20)); // past the lease's first third: the run is in flight, its lease is due for extension
        awaitEvents(JobStoreFailed.class, 1);
        Thread.sleep(1500); // real time: the loop's back-off waits are real; the first is 1 s, the next 2 s
        assertThat(this.events.of(JobStoreFailed.class)).as("store calls while backing off for 1.5 s after the first failure").hasSizeLessThanOrEqualTo(2);
    }
}
