package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.HoldingJobExecutor;
import io.kairos.scheduler.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop backs off (1 s, 2 s, 4 s, then 5 s) while a store keeps failing, also when a held job's lease extension is
 * overdue. Found by the cluster outage test: a Redis outage of 20 s produced about 1,300 {@code JobStoreFailed}
 * events, because an overdue wake-up was turned into "in 100 ms", which beat the back-off. Checked on the waits
 * {@link StoreLane#runPass()} returns, pass by pass on a fake clock, so nothing waits.
 */
class SchedulerLoopBackoffTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private final AtomicBoolean down = new AtomicBoolean();

    private final MemoryJobStore store = new MemoryJobStore() {
        @Override
        public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
            if (SchedulerLoopBackoffTests.this.down.get()) {
                throw new JobStoreException("database down", new RuntimeException("connection refused"));
            }
            return super.extendLeases(schedulerId, jobIds, leaseUntil);
        }
    };

    @Test
    void backsOffWhileLeaseExtensionsKeepFailing() {
        StoreLane loop = loop();
        this.store.addJob(new StoredJob("held", "held", "noop", List.of(), Map.of(), new EveryTrigger(T0, Duration.ofMinutes(1)), "default",
                "default", null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null), ConflictPolicy.ERROR);
        assertThat(loop.runPass()).as("the run is in flight; its lease is due for extension a third of 30 s later")
                .isEqualTo(new StoreLane.Wait(Duration.ofSeconds(10), T0.plusSeconds(10)));

        this.clock.advance(Duration.ofSeconds(20)); // the extension is overdue ...
        this.down.set(true); // ... and fails: the loop waits its back-off, not "in 100 ms" nor at once
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(1), null));
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(2), null));
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(4), null));
        // capped at 5 s: jobs resume within seconds of the store's return even when the store cannot tell (a reconnect
        // the store notices wakes the loop at once), and a long outage costs one failed pass per 5 s
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(5), null));
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(5), null));

        this.down.set(false); // extended: the next wake-up is the next extension, and the back-off starts over
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(10), T0.plusSeconds(30)));
        this.clock.advance(Duration.ofSeconds(10));
        this.down.set(true);
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(Duration.ofSeconds(1), null));
    }

    private StoreLane loop() {
        return TestLanes.lane("backoff-test", this.store, new HoldingJobExecutor(), this.clock, () -> false);
    }
}
