package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.TaskRegistry;
import io.kairos.scheduler.testing.MutableClock;

import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A store loop over one memory store and one executor (both {@code default}) on a fake clock, with a task
 * {@code noop}, a lease time of 30 s and a poll interval of 10 s, for tests that drive {@link StoreLane#runPass()}
 * by hand.
 */
final class TestLanes {

    private TestLanes() {
    }

    static StoreLane lane(String schedulerId, MemoryJobStore store, JobExecutor executor, MutableClock clock, BooleanSupplier paused) {
        executor.start(new ExecutorContext("default", clock));
        store.start(new JobStoreContext("default", schedulerId, clock, null, () -> { }));
        Components components = new Components();
        components.executors().put("default", executor);
        components.stores().put("default", store);
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("noop", (TaskAction) () -> { });
        LoopContext context = new LoopContext(schedulerId, clock, Duration.ofSeconds(30), Duration.ofSeconds(10), components,
                new TaskLookup(tasks), new EventDispatcher(), new FireTimes(new Random(42)));
        LoopSignal signal = new LoopSignal();
        JobProcessor processor = new JobProcessor(context, "default", store, signal, new ExecutorSlots(components));
        return new StoreLane("default", processor, signal, clock, paused);
    }
}
