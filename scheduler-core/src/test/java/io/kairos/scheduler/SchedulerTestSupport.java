package io.kairos.scheduler;

import io.kairos.scheduler.event.JobEvent;
import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.TaskFunction;
import io.kairos.scheduler.testing.EventRecorder;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;

import static org.awaitility.Awaitility.await;

/**
 * Builds schedulers on a fake clock with the direct executor and a few registered tasks.
 */
abstract class SchedulerTestSupport {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    static final Duration MINUTE = Duration.ofMinutes(1);

    static {
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
        org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
    }

    final MutableClock clock = new MutableClock(T0);

    final EventRecorder events = new EventRecorder();

    /** What the {@code record} task received, one entry per run: its positional arguments. */
    final List<List<Object>> runs = new CopyOnWriteArrayList<>();

    Scheduler scheduler;

    private final java.util.Set<String> markersDone = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Scheduler build() {
        return build((b) -> { });
    }

    Scheduler build(Consumer<SchedulerBuilder> customizer) {
        SchedulerBuilder builder = Scheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC)
                .executor("default", new DirectJobExecutor()).random(new Random(42));
        customizer.accept(builder);
        this.scheduler = builder.build();
        this.scheduler.addListener((event) -> {
            if (event instanceof JobEvent jobEvent && isMarker(jobEvent.jobId())) {
                if (event instanceof JobRemoved) {
                    this.markersDone.add(jobEvent.jobId());
                }
                return;
            }
            this.events.onEvent(event);
        });
        this.scheduler.taskRegistry().register("record", (TaskFunction) (args, kwargs) -> {
            this.runs.add(List.copyOf(args));
            return "ok";
        });
        this.scheduler.taskRegistry().register("fail", (TaskAction) () -> {
            throw new IllegalStateException("boom");
        });
        this.scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
        return this.scheduler;
    }

    @AfterEach
    void closeScheduler() {
        if (this.scheduler != null) {
            this.scheduler.close();
        }
    }

    /** Moves the fake clock and wakes the loop. */
    void advance(Duration duration) {
        this.clock.advance(duration);
        this.scheduler.wakeup();
    }

    <E extends SchedulerEvent> List<E> awaitEvents(Class<E> type, int count) {
        await().until(() -> this.events.of(type).size() >= count);
        return this.events.of(type);
    }

    /**
     * Waits until the loop has finished a pass over everything due now, by running a one-shot marker job due now
     * and waiting for its removal (the marker's events carry its own id).
     */
    void awaitIdle() {
        String id = "idle-marker-" + System.nanoTime();
        Instant now = this.clock.instant();
        this.scheduler.addJob(JobRequest.of("noop").id(id).trigger(new EveryTrigger(now, Duration.ofSeconds(1), now, Duration.ZERO)));
        await().until(() -> this.markersDone.contains(id));
    }

    /** A job of the {@code record} task that runs every minute from {@code T0} plus a minute. */
    static JobRequest request(String id) {
        return JobRequest.of("record").id(id).trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE));
    }

    static boolean isMarker(String jobId) {
        return jobId.startsWith("idle-marker-");
    }
}
