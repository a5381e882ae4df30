package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.TaskRegistry;
import io.kairos.scheduler.testing.MutableClock;
import io.kairos.scheduler.testing.OnceTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs whose runs ended are released together with the next acquisition from their store when that store filled
 * its batch (another pass follows at once): one store call per pass instead of two. Checked on the store calls a
 * pass makes, with a fake clock and the direct executor, so each run ends within its pass.
 */
class JobProcessorReleaseTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private final List<String> calls = new ArrayList<>();

    private final AtomicInteger runs = new AtomicInteger();

    private final MemoryJobStore store = new MemoryJobStore() {
        @Override
        public List<StoredJob> releaseAndAcquire(String schedulerId, List<JobRelease> releases, Instant now, int limit,
                Instant leaseUntil) {
            // the default's steps, without counting its releaseJobs call as one of the loop's
            super.releaseJobs(schedulerId, releases);
            List<StoredJob> acquired = super.acquireDueJobs(schedulerId, now, limit, leaseUntil);
            JobProcessorReleaseTests.this.calls.add("release " + releases.size() + " and acquire " + acquired.size());
            return acquired;
        }

        @Override
        public void releaseJobs(String schedulerId, List<JobRelease> releases) {
            JobProcessorReleaseTests.this.calls.add("release " + releases.size());
            super.releaseJobs(schedulerId, releases);
        }
    };

    @Test
    void idleJobsOfAStoreThatFilledItsBatchGoWithTheNextAcquisition() {
        SchedulerLoop loop = loop();
        for (int i = 0; i < 300; i++) {
            this.store.addJob(new StoredJob("job-" + i, "job-" + i, "count", List.of(), Map.of(), new OnceTrigger(T0), "default",
                    "default", null, true, 1, null, T0, T0, JobState.SCHEDULED, null, 0, null), ConflictPolicy.ERROR);
        }
        // the batch of 256 is full, so the next pass comes at once and takes the releases along
        assertThat(loop.runPass()).isEqualTo(new SchedulerLoop.Wait(Duration.ZERO, T0));
        assertThat(this.calls).containsExactly("release 0 and acquire 256");
        assertThat(this.runs).hasValue(256);
        assertThat(this.store.getAllJobs()).hasSize(300);

        // the last 44: the batch is not full, so their releases are not put off
        loop.runPass();
        assertThat(this.calls).containsExactly("release 0 and acquire 256", "release 256 and acquire 44", "release 44");
        assertThat(this.runs).hasValue(300);
        assertThat(this.store.getAllJobs()).isEmpty();
    }

    private SchedulerLoop loop() {
        DirectJobExecutor executor = new DirectJobExecutor();
        executor.start(new ExecutorContext("default", this.clock));
        this.store.start(new JobStoreContext("default", "release-test", this.clock, null, () -> { }));
        Components components = new Components();
        components.executors().put("default", executor);
        components.stores().put("default", this.store);
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("count", (TaskAction) this.runs::incrementAndGet);
        LoopContext context = new LoopContext("release-test", this.clock, Duration.ofSeconds(30), Duration.ofSeconds(10), components,
                new TaskLookup(tasks), new EventDispatcher(), new FireTimes(new Random(42)), new LoopSignal());
        return new SchedulerLoop(new JobProcessor(context), context, () -> false);
    }
}
