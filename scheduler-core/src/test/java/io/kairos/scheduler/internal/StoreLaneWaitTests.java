package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.executor.RunListener;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.HoldingJobExecutor;
import io.kairos.scheduler.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which waits an added job may end early ({@link StoreLane.Wait#deaf()}): not while the scheduler is paused, nor while
 * the executors are full, since the job could not run sooner then; the resume and the freed slots signal the loop
 * themselves. Checked on the waits {@link StoreLane#runPass()} returns, on a fake clock.
 */
class StoreLaneWaitTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private final MemoryJobStore store = new MemoryJobStore();

    private final AtomicBoolean paused = new AtomicBoolean();

    /** The executor's free slots. */
    private final AtomicInteger free = new AtomicInteger(Integer.MAX_VALUE);

    @Test
    void anIdleLoopIsWokenByAnAddedJob() {
        assertThat(loop().runPass()).isEqualTo(new StoreLane.Wait(null, null, false));
    }

    @Test
    void aPausedLoopIsNotWokenByAnAddedJob() {
        StoreLane loop = loop();
        this.paused.set(true);
        assertThat(loop.runPass().deaf()).isTrue();
        this.paused.set(false);
        assertThat(loop.runPass().deaf()).isFalse();
    }

    @Test
    void aLoopWaitingForFreeSlotsIsNotWokenByAnAddedJob() {
        StoreLane loop = loop();
        this.free.set(0);
        this.store.addJob(new StoredJob("due", "due", "noop", List.of(), Map.of(), new EveryTrigger(T0, Duration.ofMinutes(1)),
                "default", "default", null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null), ConflictPolicy.ERROR);
        assertThat(loop.runPass()).isEqualTo(new StoreLane.Wait(null, null, true));
        this.free.set(2);
        assertThat(loop.runPass().deaf()).as("a slot is free: the job was taken, and the loop listens again").isFalse();
    }

    private StoreLane loop() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        JobExecutor executor = new JobExecutor() {
            @Override
            public void start(ExecutorContext context) {
                holding.start(context);
            }

            @Override
            public void submit(JobRun run, RunListener listener) {
                StoreLaneWaitTests.this.free.decrementAndGet();
                holding.submit(run, listener);
            }

            @Override
            public int freeSlots() {
                return Math.max(0, StoreLaneWaitTests.this.free.get());
            }

            @Override
            public void shutdown(boolean wait, Duration timeout) {
                holding.shutdown(wait, timeout);
            }
        };
        return TestLanes.lane("wait-test", this.store, executor, this.clock, this.paused::get);
    }
}
