package io.kairos.scheduler;

import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobMaxInstancesReached;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.event.SchedulerShutdown;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.EventRecorder;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.OnceTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real threads and the system clock: max instances under load, shutdown with and without waiting, no lost
 * wake-up, and the blocking (stand-alone) mode. No sleeps: latches and Awaitility.
 */
class SchedulerConcurrencyTests {

    private final EventRecorder events = new EventRecorder();

    private Scheduler scheduler;

    private Scheduler build(int workers) {
        this.scheduler = Scheduler.builder().timezone(ZoneOffset.UTC).executor("default", new ThreadPoolJobExecutor(workers))
                .shutdownTimeout(Duration.ofSeconds(20)).build();
        this.scheduler.addListener(this.events);
        return this.scheduler;
    }

    @AfterEach
    void close() {
        if (this.scheduler != null) {
            this.scheduler.close();
        }
    }

    @Test
    void maxInstancesHoldsUnderLoad() throws Exception {
        build(8);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        this.scheduler.taskRegistry().register("slow", (TaskAction) () -> {
            highest.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            finally {
                running.decrementAndGet();
            }
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("slow").id("load").maxInstances(3).coalesce(false)
                .trigger(new EveryTrigger(Instant.now(), Duration.ofMillis(20))));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.events.of(JobMaxInstancesReached.class).size() >= 3);
        assertThat(highest.get()).isEqualTo(3);
        assertThat(this.scheduler.runsInFlight("default", "load")).isEqualTo(3);
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> this.events.of(JobExecuted.class).size() >= 3);
        assertThat(highest.get()).isEqualTo(3);
    }

    @Test
    void shutdownWithWaitLetsRunningJobsFinish() throws Exception {
        build(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.scheduler.taskRegistry().register("blocking", (TaskAction) () -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("blocking").id("w").trigger(new OnceTrigger(Instant.now())));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(() -> this.scheduler.shutdown(true));
        stopper.start();
        await().until(() -> this.scheduler.state() == SchedulerState.STOPPED);
        assertThat(this.events.of(SchedulerShutdown.class)).isEmpty();
        release.countDown();
        stopper.join(20_000);
        assertThat(stopper.isAlive()).isFalse();
        List<SchedulerEvent> all = this.events.all();
        int executed = indexOf(all, JobExecuted.class);
        int shutdown = indexOf(all, SchedulerShutdown.class);
        assertThat(executed).isNotNegative().isLessThan(shutdown);
        assertThat(this.events.of(JobFailed.class)).isEmpty();
    }

    @Test
    void shutdownWithoutWaitInterruptsRunningJobs() throws Exception {
        build(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        this.scheduler.taskRegistry().register("stuck", (TaskAction) () -> {
            started.countDown();
            never.await();
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("stuck").id("s").trigger(new OnceTrigger(Instant.now())));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        this.scheduler.shutdown(false);
        await().until(() -> !this.events.of(JobFailed.class).isEmpty());
        assertThat(this.events.of(JobFailed.class).get(0).exception()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void noLostWakeUpWhenJobsAreAddedWhileTheLoopSleeps() throws Exception {
        build(4);
        AtomicInteger ran = new AtomicInteger();
        this.scheduler.taskRegistry().register("count", (TaskAction) ran::incrementAndGet);
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("count").id("far").trigger(new EveryTrigger(Instant.now().plus(Duration.ofDays(1)), Duration.ofDays(1))));
        Thread[] adders = new Thread[4];
        for (int t = 0; t < adders.length; t++) {
            int thread = t;
            adders[t] = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    Instant now = Instant.now();
                    this.scheduler.addJob(JobRequest.of("count").id("t" + thread + "-" + i).trigger(new OnceTrigger(now)));
                }
            });
            adders[t].start();
        }
        for (Thread adder : adders) {
            adder.join();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ran.get() == 100);
        await().until(() -> this.scheduler.getJobs().size() == 1);
    }

    @Test
    void startBlockingRunsTheLoopInTheCallingThreadUntilShutdown() throws Exception {
        build(2);
        AtomicInteger ran = new AtomicInteger();
        this.scheduler.taskRegistry().register("stopAfterTwo", (TaskAction) () -> {
            if (ran.incrementAndGet() == 2) {
                new Thread(() -> this.scheduler.shutdown(false)).start();
            }
        });
        this.scheduler.addJob(JobRequest.of("stopAfterTwo").trigger(new EveryTrigger(Instant.now(), Duration.ofMillis(50))));
        Thread main = new Thread(this.scheduler::startBlocking, "blocking-main");
        main.start();
        main.join(20_000);
        assertThat(main.isAlive()).isFalse();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(ran.get()).isGreaterThanOrEqualTo(2);
        assertThat(this.events.of(SchedulerShutdown.class)).hasSize(1);
    }

    @Test
    void startBlockingReturnsWhenInterrupted() throws Exception {
        build(1);
        Thread main = new Thread(this.scheduler::startBlocking, "blocking-main");
        main.start();
        await().until(() -> this.scheduler.state() == SchedulerState.RUNNING);
        main.interrupt();
        main.join(20_000);
        assertThat(main.isAlive()).isFalse();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void aJobMayShutItsSchedulerDownWithWaitFromAWorkerThread() throws Exception {
        build(2);
        CountDownLatch done = new CountDownLatch(1);
        this.scheduler.taskRegistry().register("stopper", (TaskAction) () -> {
            this.scheduler.shutdown(true);
            done.countDown();
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("stopper").trigger(new OnceTrigger(Instant.now())));
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(this.events.of(SchedulerShutdown.class)).hasSize(1);
    }

    private static int indexOf(List<SchedulerEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
