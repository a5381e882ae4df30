package io.kairos.scheduler.executor;

import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.testing.MutableClock;
import io.kairos.scheduler.testing.OnceTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The executors and {@link JobRun}: misfire check at start, outcomes, free slots, shutdown.
 */
class JobExecutorTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private final RunListener listener = new RunListener() {
        @Override
        public void missed(JobRun run, Instant runTime) {
            JobExecutorTests.this.outcomes.add("missed " + runTime);
        }

        @Override
        public void executed(JobRun run, Instant runTime, Object returnValue) {
            JobExecutorTests.this.outcomes.add("executed " + runTime);
        }

        @Override
        public void failed(JobRun run, Instant runTime, Throwable exception) {
            JobExecutorTests.this.outcomes.add("failed " + runTime + " " + exception.getMessage());
        }

        @Override
        public void finished(JobRun run) {
            JobExecutorTests.this.outcomes.add("finished");
        }
    };

    private static StoredJob job(Duration grace) {
        return new StoredJob("j", "j", "t", List.of(), Map.of(), new OnceTrigger(T0), "default", "default", grace, true, 1, null,
                T0, T0, JobState.SCHEDULED, null, 1, null);
    }

    @Test
    void jobRunReportsEachRunTimeThenFinished() {
        Task task = Tasks.anonymous((TaskAction) () -> { });
        this.clock.set(T0.plusSeconds(15));
        new JobRun(job(Duration.ofSeconds(10)), task, List.of(T0, T0.plusSeconds(10))).execute(this.clock, this.listener);
        assertThat(this.outcomes).containsExactly("missed " + T0, "executed " + T0.plusSeconds(10), "finished");
    }

    @Test
    void jobRunDeadlineAndMissedCheck() {
        JobRun run = new JobRun(job(Duration.ofSeconds(10)), Tasks.anonymous((TaskAction) () -> { }), List.of(T0));
        assertThat(run.deadline(T0)).contains(T0.plusSeconds(10));
        assertThat(run.isMissed(T0, T0.plusSeconds(10))).isFalse();
        assertThat(run.isMissed(T0, T0.plusSeconds(10).plusMillis(1))).isTrue();
        JobRun unlimited = new JobRun(job(null), run.task(), List.of(T0));
        assertThat(unlimited.deadline(T0)).isEmpty();
        assertThat(unlimited.isMissed(T0, T0.plus(Duration.ofDays(365)))).isFalse();
        assertThatThrownBy(() -> new JobRun(job(null), run.task(), List.of())).hasMessageContaining("at least one");
    }

    @Test
    void failuresAreReportedAndTheRunGoesOn() {
        Task task = Tasks.anonymous((TaskAction) () -> {
            throw new IllegalStateException("bad");
        });
        new JobRun(job(null), task, List.of(T0, T0.plusSeconds(1))).execute(this.clock, this.listener);
        assertThat(this.outcomes).containsExactly("failed " + T0 + " bad", "failed " + T0.plusSeconds(1) + " bad", "finished");
    }

    @Test
    void threadPoolShutdownNowReportsQueuedRunsAsFailedAndFinished() throws Exception {
        ThreadPoolJobExecutor pool = new ThreadPoolJobExecutor(1);
        pool.start(new ExecutorContext("default", this.clock));
        CountDownLatch started = new CountDownLatch(1);
        Task blocking = Tasks.anonymous((TaskAction) () -> {
            started.countDown();
            new CountDownLatch(1).await(20, TimeUnit.SECONDS);
        });
        pool.submit(new JobRun(job(null), blocking, List.of(T0)), this.listener);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        pool.submit(new JobRun(job(null), Tasks.anonymous((TaskAction) () -> { }), List.of(T0)), this.listener);
        pool.shutdown(false, Duration.ofSeconds(5));
        // the queued run never started: still reported, and finished, so its job's lease is released
        await().until(() -> this.outcomes.stream().filter("finished"::equals).count() == 2);
        assertThat(this.outcomes).contains("failed " + T0 + " executor shut down before the run started");
    }

    @Test
    void threadPoolQueueCountsAsFreeSlotsAndQueuedRunsStartWhenAWorkerIsFree() throws Exception {
        assertThat(new ThreadPoolJobExecutor(3).freeSlots()).isEqualTo(3 + 16 * 3);
        ThreadPoolJobExecutor pool = new ThreadPoolJobExecutor(1, 2);
        pool.start(new ExecutorContext("default", this.clock));
        CountDownLatch release = new CountDownLatch(1);
        Task blocking = Tasks.anonymous((TaskAction) () -> release.await(20, TimeUnit.SECONDS));
        assertThat(pool.freeSlots()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            pool.submit(new JobRun(job(null), blocking, List.of(T0)), this.listener);
        }
        assertThat(pool.freeSlots()).isZero();
        release.countDown();
        await().until(() -> this.outcomes.stream().filter("finished"::equals).count() == 3);
        await().until(() -> pool.freeSlots() == 3);
        pool.shutdown(true, Duration.ofSeconds(5));
        assertThatThrownBy(() -> new ThreadPoolJobExecutor(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue-capacity must be zero or more, got -1");
    }

    @Test
    void threadPoolCountsFreeSlotsAndRejectsAfterShutdown() throws Exception {
        ThreadPoolJobExecutor pool = new ThreadPoolJobExecutor(2, 0);
        pool.start(new ExecutorContext("default", this.clock));
        CountDownLatch release = new CountDownLatch(1);
        Task blocking = Tasks.anonymous((TaskAction) () -> release.await(20, TimeUnit.SECONDS));
        assertThat(pool.freeSlots()).isEqualTo(2);
        pool.submit(new JobRun(job(null), blocking, List.of(T0)), this.listener);
        assertThat(pool.freeSlots()).isEqualTo(1);
        release.countDown();
        await().until(() -> this.outcomes.contains("finished"));
        await().until(() -> pool.freeSlots() == 2);
        pool.shutdown(true, Duration.ofSeconds(5));
        assertThatThrownBy(() -> pool.submit(new JobRun(job(null), blocking, List.of(T0)), this.listener))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> new ThreadPoolJobExecutor(0)).hasMessageContaining("max-workers");
    }

    @Test
    void directExecutorRunsInline() {
        DirectJobExecutor direct = new DirectJobExecutor();
        assertThatThrownBy(() -> direct.submit(new JobRun(job(null), Tasks.anonymous((TaskAction) () -> { }), List.of(T0)), this.listener))
                .isInstanceOf(RejectedExecutionException.class);
        direct.start(new ExecutorContext("d", this.clock));
        direct.submit(new JobRun(job(null), Tasks.anonymous((TaskAction) () -> { }), List.of(T0)), this.listener);
        assertThat(this.outcomes).containsExactly("executed " + T0, "finished");
    }

    @Test
    void aQueueWithoutAWorkerLimitIsRefusedInsteadOfIgnored() {
        assertThatThrownBy(() -> new PooledJobExecutor(Integer.MAX_VALUE, 8) {
            @Override
            protected java.util.concurrent.ExecutorService createService(String alias) {
                return java.util.concurrent.Executors.newCachedThreadPool();
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue-capacity 8").hasMessageContaining("bounded max-workers");
    }
}
