package io.kairos.scheduler;

import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.history.LeaseLostException;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.testing.HoldingJobExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs the loop holds (leased, runs in flight or queued) while the API changes them, another instance takes them
 * over, or the scheduler shuts down. Most were found by review of the batch-acquisition change.
 */
class SchedulerHeldJobTests extends SchedulerTestSupport {

    @Test
    void aJobReAddedAfterRemoveAllJobsRunsItsNewDefinitionNotTheHeldOldOne() {
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding)).start();
        this.scheduler.addJob(JobRequest.of("record").id("j").args("old").executor("held").maxInstances(2)
                .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        advance(MINUTE);
        await().until(() -> holding.waiting() == 1);
        this.scheduler.removeAllJobs();
        // the id is free again (default policy ERROR succeeds) and the memory store starts it at version 1 again
        this.scheduler.addJob(JobRequest.of("record").id("j").args("new").executor("held").maxInstances(2)
                .trigger(new EveryTrigger(T0.plus(MINUTE.multipliedBy(2)), Duration.ofHours(1))));
        advance(MINUTE);
        await().until(() -> holding.waiting() == 2);
        assertThat(holding.runs().get(1).job().args()).as("the run due at T0+2min is the re-added job's").containsExactly("new");
    }

    @Test
    void aJobWhoseLeaseAnotherInstanceTookOverIsNotRunAgainFromTheHeldCopy() {
        MemoryJobStore store = new MemoryJobStore();
        HoldingJobExecutor holding = new HoldingJobExecutor();
        AtomicReference<List<StoredJob>> takenOver = new AtomicReference<>();
        build((b) -> b.executor("held", holding).jobStore("default", store).leaseTime(Duration.ofSeconds(30)));
        // on the loop thread, right after the first run was submitted: this scheduler stalls (a long GC pause, say)
        // past its lease, and another instance takes the job over under a lease of its own
        this.scheduler.addListener(JobSubmitted.class, (event) -> {
            if (takenOver.get() == null) {
                Instant now = this.clock.advance(Duration.ofSeconds(31));
                // an hour: the other instance's lease does not lapse in this test, so the job stays theirs
                takenOver.set(store.acquireDueJobs("other-instance", now, 10, now.plus(Duration.ofHours(1))));
            }
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("record").id("j").executor("held").maxInstances(2).trigger(new EveryTrigger(T0, MINUTE)));
        await().until(() -> takenOver.get() != null);
        assertThat(takenOver.get()).extracting(StoredJob::id).containsExactly("j");
        StoredJob othersCopy = takenOver.get().get(0);

        advance(Duration.ofSeconds(30)); // T0+61s: the held copy's next run time (T0+1min) has come
        awaitIdle();
        assertThat(holding.waiting()).as("runs started by this scheduler").isEqualTo(1);
        assertThat(this.events.of(JobSubmitted.class)).hasSize(1);

        holding.runNext();
        awaitIdle();
        assertThat(store.lookupJob("j")).as("the release of a lost lease writes nothing").contains(othersCopy);
        List<RunRecord> runs = await().until(() -> this.scheduler.getRuns("j", 10), (found) -> !found.isEmpty());
        assertThat(runs).singleElement().satisfies((run) -> {
            assertThat(run.outcome()).as("the fire time runs again on the other instance").isEqualTo(RunOutcome.ABANDONED);
            assertThat(run.startedAt()).isNotNull();
            assertThat(run.error().type()).isEqualTo(LeaseLostException.class.getName());
            assertThat(run.error().message()).contains("lease on the job was lost", "the task ended SUCCEEDED");
        });
    }

    @Test
    void aHeldJobWhoseLeaseLapsedWhileExtensionsFailedStartsNoRunUntilTheLeaseIsExtendedAgain() {
        AtomicBoolean down = new AtomicBoolean();
        MemoryJobStore store = new MemoryJobStore() {
            @Override
            public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
                if (down.get()) {
                    throw new JobStoreException("database unreachable from this instance", new RuntimeException("timeout"));
                }
                return super.extendLeases(schedulerId, jobIds, leaseUntil);
            }
        };
        HoldingJobExecutor holding = new HoldingJobExecutor();
        build((b) -> b.executor("held", holding).jobStore("default", store).leaseTime(Duration.ofSeconds(30)));
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("record").id("j").executor("held").maxInstances(2).trigger(new EveryTrigger(T0, MINUTE)));
        await().until(() -> holding.waiting() == 1);
        // only this instance cannot reach the store: its lease (until T0+30s) lapses, another instance could take over
        down.set(true);
        advance(Duration.ofSeconds(61));
        awaitEvents(JobStoreFailed.class, 1);
        assertThat(this.events.of(JobSubmitted.class)).as("no run starts from a copy whose lease lapsed").hasSize(1);
        // the store is back and nobody took the job over: the lease is extended and the due run starts
        down.set(false);
        advance(Duration.ofSeconds(1));
        await().until(() -> holding.waiting() == 2);
    }

    @Test
    void aOneShotJobQueuedWhenTheSchedulerShutsDownWithoutWaitingIsKeptForTheNextStart() throws Exception {
        MemoryJobStore store = new MemoryJobStore();
        ThreadPoolJobExecutor pool = new ThreadPoolJobExecutor(1, 16);
        CountDownLatch started = new CountDownLatch(1);
        build((b) -> b.executor("default", pool).jobStore("default", store));
        this.scheduler.taskRegistry().register("block", (TaskAction) () -> {
            started.countDown();
            new CountDownLatch(1).await();
        });
        this.scheduler.start();
        this.scheduler.addJob(JobRequest.of("block").id("b").trigger(new EveryTrigger(T0, MINUTE, T0, Duration.ZERO)));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        this.scheduler.addJob(JobRequest.of("record").id("once").trigger(new EveryTrigger(T0, MINUTE, T0, Duration.ZERO)));
        await().until(() -> pool.runsInFlight() == 2);
        this.scheduler.shutdown(false);
        assertThat(this.runs).isEmpty();
        assertThat(store.lookupJob("once")).as("the queued one-shot job never ran: it is kept, due at its run time")
                .hasValueSatisfying((job) -> assertThat(job.nextRunTime()).isEqualTo(T0));
    }

    @Test
    void theEndOfARunOfAJobChangedMeanwhileWakesTheLoopEvenWhenItsExecutorIsBusy() throws Exception {
        ThreadPoolJobExecutor busy = new ThreadPoolJobExecutor(1, 2);
        CountDownLatch jStarted = new CountDownLatch(1);
        CountDownLatch jGate = new CountDownLatch(1);
        CountDownLatch others = new CountDownLatch(1);
        AtomicInteger jRuns = new AtomicInteger();
        // a lease of 3 h: without the wake-up, the loop would next pass at its lease extension, an hour away
        build((b) -> b.executor("busy", busy).leaseTime(Duration.ofHours(3)));
        this.scheduler.taskRegistry().register("j", (TaskAction) () -> {
            if (jRuns.incrementAndGet() == 1) {
                jStarted.countDown();
                jGate.await();
            }
        });
        this.scheduler.taskRegistry().register("block", (TaskAction) others::await);
        this.scheduler.start();
        try {
            this.scheduler.addJob(JobRequest.of("j").id("j").executor("busy").trigger(new EveryTrigger(T0, Duration.ofHours(1))));
            assertThat(jStarted.await(20, TimeUnit.SECONDS)).isTrue();
            for (String id : List.of("y", "z", "w")) {
                this.scheduler.addJob(JobRequest.of("block").id(id).executor("busy").trigger(new EveryTrigger(T0, Duration.ofHours(1))));
            }
            await().until(() -> busy.runsInFlight() == 4);
            // moved to the idle direct executor and due now; the scheduler clock stays put
            this.scheduler.modifyJob("j", JobChanges.create().executor("default").nextRunTime(T0));
            jGate.countDown();
            await().until(() -> jRuns.get() == 2);
        }
        finally {
            others.countDown();
        }
    }
}
