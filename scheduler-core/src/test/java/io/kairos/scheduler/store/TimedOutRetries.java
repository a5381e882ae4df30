package io.kairos.scheduler.store;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobStuck;
import io.kairos.scheduler.event.RetryDecision;
import io.kairos.scheduler.executor.PooledJobExecutor;
import io.kairos.scheduler.executor.RunTimeoutException;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.MutableClock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The retry of an attempt that ran past its {@code timeout} on the thread-pool executor, on one store kind, for
 * {@link JobStoreContractTests}: attempt 1 is recorded {@code TIMED_OUT}, its retry is written to the store with the
 * job, and attempt 2 runs once, for a one-shot (date) job and a repeating (interval) job.
 *
 * <p>The timeout is reported on the executor's watchdog thread while the interrupted task ends on its worker. The
 * check makes the worker's end come first, every time: the {@code JobFailed} listener (called on the watchdog thread
 * before the retry is scheduled) waits until the task returned and its worker went back to the pool, and then, when
 * the scheduler already counts the run as ended, until the loop released the job. A scheduler that let the run end
 * before its timeout report returned released the job without the retry (a date job deleted, an interval job
 * written without it) and lost the retry; one that reports the run ended only after the report keeps the run in
 * flight, and the listener returns at once.
 *
 * <p>The scheduler's clock is a fake that moves only when told; the awaits wait for real threads, never for time.
 */
final class TimedOutRetries {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TimedOutRetries() {
    }

    /**
     * An interrupted task that ends: its retry is kept and runs once.
     *
     * @param store a new, unstarted store over the backend of the contract's store
     * @param dateJob a date job (deleted once its retry ran) rather than an interval job (kept, no retry pending)
     */
    static void retriedAfterTheTimeout(JobStore store, boolean dateJob) throws InterruptedException {
        check(store, dateJob, false);
    }

    /**
     * A task that ignores the interrupt (stuck): its retry waits, pending, while the stuck attempt still holds the
     * job's only max-instances slot, and runs once the task returns.
     *
     * @param store a new, unstarted store over the backend of the contract's store
     * @param dateJob a date job rather than an interval job
     */
    static void retriedAfterAStuckAttemptEnds(JobStore store, boolean dateJob) throws InterruptedException {
        check(store, dateJob, true);
    }

    private static void check(JobStore backend, boolean dateJob, boolean stuck) throws InterruptedException {
        String id = "timed-out-retry-" + UUID.randomUUID().toString().substring(0, 8);
        MutableClock clock = new MutableClock(T0);
        Set<String> released = ConcurrentHashMap.newKeySet();
        JobStore store = releasesNoted(backend, released);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<JobFailed> failures = new CopyOnWriteArrayList<>();
        List<JobExecuted> executions = new CopyOnWriteArrayList<>();
        AtomicBoolean stuckReported = new AtomicBoolean();
        try (Scheduler scheduler = Scheduler.builder().schedulerId("node-a").clock(clock)
                .executor("default", new ThreadPoolJobExecutor(2, 0)).jobStore("default", store).build()) {
            scheduler.taskRegistry().register("slow", (TaskAction) () -> {
                if (calls.incrementAndGet() > 1) {
                    return;   // attempt 2 succeeds
                }
                worker.set(Thread.currentThread());
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                }
                catch (InterruptedException interrupted) {
                    if (stuck) {
                        // ignores the interrupt and carries on until the test lets it end
                        awaitUninterruptibly(mayEnd);
                    }
                }
                finally {
                    ended.countDown();
                }
            });
            scheduler.addListener(JobFailed.class, (event) -> {
                if (!stuck && event.attempt() == 1) {
                    try {
                        workerEndsFirst(scheduler, id, ended, worker.get(), released);
                    }
                    catch (RuntimeException | InterruptedException | Error ex) {
                        problems.add(ex.toString());
                    }
                }
                failures.add(event);
            });
            scheduler.addListener(JobExecuted.class, executions::add);
            scheduler.addListener(JobStuck.class, (event) -> stuckReported.set(true));
            scheduler.start();
            boolean recording = store.runHistory().isRecording();
            Map<String, Object> trigger = dateJob ? Map.of("type", "date", "run_date", T0.toString())
                    : Map.of("type", "interval", "hours", 1, "start_date", T0.toString());
            scheduler.addJob(JobRequest.of("slow").id(id).timeout(TIMEOUT).misfireGraceTime(null)
                    .retry(new RetryPolicy(3, BACKOFF, 1.0, BACKOFF, 0.0, List.of(), List.of())).trigger(trigger));
            assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("attempt 1 started").isTrue();

            clock.advance(TIMEOUT);
            await().atMost(WAIT).until(() -> !failures.isEmpty());
            assertThat(problems).as("the JobFailed listener's checks").isEmpty();
            assertThat(failures.get(0).attempt()).isEqualTo(1);
            assertThat(failures.get(0).exception()).isInstanceOf(RunTimeoutException.class);
            assertThat(failures.get(0).retry()).isEqualTo(RetryDecision.RETRY_SCHEDULED);
            Instant retryAt = T0.plus(TIMEOUT).plus(BACKOFF);

            if (stuck) {
                // the retry comes due, and the stuck attempt is reported, while the task still holds the job's slot
                clock.advance(Duration.ofSeconds(PooledJobExecutor.STUCK_AFTER_SECONDS));
                scheduler.wakeup();
                await().atMost(WAIT).untilTrue(stuckReported);
                assertThat(calls).as("no attempt 2 beside the stuck attempt 1 (max instances 1)").hasValue(1);
                assertThat(scheduler.runsInFlight("default", id)).isEqualTo(1);
                mayEnd.countDown();
            }
            else {
                // the run ended; the loop releases the job with its retry
                await().atMost(WAIT).until(() -> scheduler.runsInFlight("default", id) == 0 && released.contains(id));
                PendingRetry retry = scheduler.getJob(id).flatMap((job) -> job.pendingRetry())
                        .orElseThrow(() -> new AssertionError("the retry of attempt 1 is not in the store: " + scheduler.getJob(id)));
                assertThat(retry.attempt()).isEqualTo(2);
                assertThat(retry.scheduledAt()).isEqualTo(T0);
                assertThat(retry.at()).isEqualTo(retryAt);
                assertThat(calls).hasValue(1);
                clock.advance(BACKOFF);
                scheduler.wakeup();
            }

            await().atMost(WAIT).until(() -> !executions.isEmpty());
            assertThat(executions.get(0).attempt()).isEqualTo(2);
            assertThat(executions.get(0).scheduledRunTime()).isEqualTo(T0);
            await().atMost(WAIT).until(() -> scheduler.runsInFlight("default", id) == 0);
            if (dateJob) {
                await().atMost(WAIT).until(() -> scheduler.getJob(id).isEmpty());
            }
            else {
                // the run counts as ended before the loop's release of attempt 2 is written: until then the store
                // may still show the job as acquired for the retry (no retry pending, its fire time as next run time)
                Instant nextHour = T0.plus(Duration.ofHours(1));
                await().atMost(WAIT).untilAsserted(() -> assertThat(scheduler.getJob(id)).hasValueSatisfying((job) -> {
                    assertThat(job.pendingRetry()).as("pending retry").isEmpty();
                    assertThat(job.nextRunTime().map((time) -> time.toInstant())).as("next run time").contains(nextHour);
                }));
            }
            assertThat(calls).as("attempt 2 ran once").hasValue(2);
            assertThat(failures).hasSize(1);
            if (recording) {
                List<RunRecord> runs = await().atMost(WAIT).until(() -> scheduler.getRuns(id, 10), (r) -> r.size() >= 2);
                assertThat(runs).extracting(RunRecord::attempt, RunRecord::outcome, RunRecord::scheduledAt)
                        .containsExactlyInAnyOrder(tuple(1, RunOutcome.TIMED_OUT, T0), tuple(2, RunOutcome.SUCCEEDED, T0));
            }
        }
        finally {
            mayEnd.countDown();
        }
    }

    /**
     * Called by the {@code JobFailed} listener of attempt 1's timeout, on the watchdog thread, before the retry is
     * scheduled: waits until the interrupted task returned and its worker thread is back in the pool, then, when the
     * scheduler already counts the run as ended, until the loop released the job.
     */
    private static void workerEndsFirst(Scheduler scheduler, String id, CountDownLatch ended, Thread worker, Set<String> released)
            throws InterruptedException {
        if (!ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the interrupted task did not end");
        }
        await().atMost(WAIT).until(() -> idleInPool(worker));
        await().atMost(WAIT).until(() -> scheduler.runsInFlight("default", id) > 0 || released.contains(id));
    }

    /** Whether a pool thread is done with its run: waiting for the next one, outside the executor's run code. */
    private static boolean idleInPool(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING && state != Thread.State.TERMINATED) {
            return false;
        }
        return Arrays.stream(thread.getStackTrace()).noneMatch((frame) -> frame.getClassName().startsWith("io.kairos."));
    }

    /** Waits for the latch (at most {@link #WAIT}), carrying on through interrupts as a stuck task does. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ignored) {
                // a stuck task: the interrupt changes nothing
            }
        }
    }

    /** The store, noting the ids of the jobs it was asked to release. */
    private static JobStore releasesNoted(JobStore store, Set<String> released) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] { JobStore.class }, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(store, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
            if (method.getName().equals("releaseJobs")) {
                @SuppressWarnings("unchecked")
                List<JobRelease> releases = (List<JobRelease>) args[1];
                releases.forEach((release) -> released.add(release.jobId()));
            }
            return result;
        });
    }
}
