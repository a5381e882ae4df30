package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobMaxInstancesReached;
import io.kairos.scheduler.event.JobMissed;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.StoredJob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a due held job (DESIGN.md "The main loop"): expands its due run times, drops those past the misfire grace
 * time ({@code JobMissed}), enforces max instances ({@code JobMaxInstancesReached}, the run is dropped as in
 * APScheduler), advances the held copy to the next run time and submits the rest as one run. Loop thread only.
 */
final class RunSubmitter {

    private static final Logger logger = LoggerFactory.getLogger(RunSubmitter.class);

    private final LoopContext context;

    private final RunOutcomes outcomes;

    RunSubmitter(LoopContext context, RunOutcomes outcomes) {
        this.context = context;
        this.outcomes = outcomes;
    }

    /**
     * Fires a due held job.
     *
     * @param held the job, due at {@code now}
     * @param now the scheduler clock's time
     * @param events the pass's events
     */
    void fire(HeldJob held, Instant now, List<SchedulerEvent> events) {
        StoredJob job = held.job;
        // a held job is fired only when due, so it has a next run time (and a fire time: FireTimes.fireTimeOf)
        DueRunTimes expanded = DueRunTimes.expand(job, Objects.requireNonNull(held.nextRunTime),
                Objects.requireNonNull(held.nextFireTime), now, this.context.fireTimes());
        List<Instant> runTimes = expanded.runTimes();
        FireTimes.Next next = expanded.next();
        held.nextRunTime = next == null ? null : next.runTime();
        held.nextFireTime = next == null ? null : next.fireTime();
        List<Instant> due = new ArrayList<>(runTimes.size());
        for (Instant runTime : runTimes) {
            if (job.misfireGraceTime() != null && now.isAfter(runTime.plus(job.misfireGraceTime()))) {
                logger.warn("Run time of job '{}' was missed by {}", job.id(), Duration.between(runTime, now));
                events.add(new JobMissed(now, job.id(), held.storeAlias, runTime, false));
                recordUnstarted(held, runTime, now, RunOutcome.MISSED);
            }
            else {
                due.add(runTime);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        if (held.inFlight.get() >= job.maxInstances()) {
            logger.warn("Execution of job '{}' skipped: maximum number of running instances reached ({})", job.id(), job.maxInstances());
            events.add(new JobMaxInstancesReached(now, job.id(), held.storeAlias, due));
            due.forEach((runTime) -> recordUnstarted(held, runTime, now, RunOutcome.SKIPPED_MAX_INSTANCES));
            return;
        }
        submit(held, due, now, events);
    }

    /**
     * Submits the held job's pending retry when it is due: another attempt of the fire time it belongs to. A retry
     * later than its due time plus the misfire grace time is missed (recorded with its attempt number, no further
     * retry); one that would exceed max instances waits, pending, until a run ends.
     *
     * @param held the job
     * @param now the scheduler clock's time
     * @param events the pass's events
     * @return whether the retry was submitted or dropped as missed
     */
    boolean retryIfDue(HeldJob held, Instant now, List<SchedulerEvent> events) {
        PendingRetry retry = held.retry();
        if (retry == null || retry.at().isAfter(now) || held.inFlight.get() >= held.job.maxInstances()) {
            return false;
        }
        if (!held.takeRetry(retry)) {
            return false;   // a failed run of the job replaced it meanwhile (and recorded it as cancelled)
        }
        Duration grace = held.job.misfireGraceTime();
        if (grace != null && now.isAfter(retry.at().plus(grace))) {
            logger.warn("Retry (attempt {}) of job '{}' was missed by {}", retry.attempt(), held.job.id(), Duration.between(retry.at(), now));
            events.add(new JobMissed(now, held.job.id(), held.storeAlias, retry.scheduledAt(), false));
            recordUnstarted(held, retry.scheduledAt(), now, RunOutcome.MISSED, retry.attempt());
            return true;
        }
        submit(held, List.of(retry.scheduledAt()), retry, now, events);
        return true;
    }

    /** Records a run time that was never submitted (missed, or skipped for max instances): cheap, the write is queued. */
    private void recordUnstarted(HeldJob held, Instant runTime, Instant now, RunOutcome outcome) {
        recordUnstarted(held, runTime, now, outcome, 1);
    }

    private void recordUnstarted(HeldJob held, Instant runTime, Instant now, RunOutcome outcome, int attempt) {
        RunRecorder recorder = this.context.recorder();
        if (recorder.isEnabled()) {
            recorder.add(recorder.records().record(held.job, held.storeAlias, runTime, null, null, now, outcome, attempt, null, null));
        }
    }

    private void submit(HeldJob held, List<Instant> due, Instant now, List<SchedulerEvent> events) {
        submit(held, due, null, now, events);
    }

    private void submit(HeldJob held, List<Instant> due, @Nullable PendingRetry retry, Instant now,
            List<SchedulerEvent> events) {
        Optional<JobExecutor> executor = this.context.components().executor(held.job.executor());
        if (executor.isEmpty()) {
            logger.error("Job '{}' not run at {}: executor '{}' was removed", held.job.id(), due, held.job.executor());
            if (retry != null) {
                restore(held, retry, now);
            }
            return;
        }
        held.inFlight.incrementAndGet();
        try {
            executor.get().submit(new JobRun(held.job, held.task, due, retry), this.outcomes.forJob(held, executor.get(), now));
            if (this.context.events().wants(JobSubmitted.class)) {
                events.add(retry == null ? new JobSubmitted(now, held.job.id(), held.storeAlias, due)
                        : new JobSubmitted(now, held.job.id(), held.storeAlias, due, retry.attempt(), retry.at()));
            }
        }
        catch (RejectedExecutionException ex) {
            held.inFlight.decrementAndGet();
            if (retry != null) {
                // kept pending: it goes back to the store with the job
                restore(held, retry, now);
            }
            logger.error("Executor '{}' rejected job '{}' (run times {})", held.job.executor(), held.job.id(), due, ex);
        }
    }

    /** Puts a retry that was not submitted back, or records it as cancelled when a newer one is pending meanwhile. */
    private void restore(HeldJob held, PendingRetry retry, Instant now) {
        if (!held.restoreRetry(retry)) {
            RetryCancellations.record(this.context, held.job, held.storeAlias, retry, now,
                    "replaced by the retry of a later fire time while it could not be submitted (one retry is pending per job)");
        }
    }
}
