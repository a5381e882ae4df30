package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobMissed;
import io.kairos.scheduler.event.JobRetryScheduled;
import io.kairos.scheduler.event.RetryDecision;
import io.kairos.scheduler.event.JobStuck;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.executor.RunListener;
import io.kairos.scheduler.executor.RunTimeoutException;
import io.kairos.scheduler.executor.process.JobTimeoutException;
import io.kairos.scheduler.history.LeaseLostException;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns executors' reports into events, counts runs in flight down and, when a run ends and its executor
 * {@linkplain JobExecutor#isRunningLow() runs low}, wakes the job's store loop and every loop waiting for free
 * executor slots (a batch of finished runs wakes them once). Thread-safe.
 */
final class RunOutcomes {

    private static final Logger logger = LoggerFactory.getLogger(RunOutcomes.class);

    private final LoopContext context;

    private final LoopSignal signal;

    private final ExecutorSlots slots;

    RunOutcomes(LoopContext context, LoopSignal signal, ExecutorSlots slots) {
        this.context = context;
        this.signal = signal;
        this.slots = slots;
    }

    /**
     * The listener for a run of a held job submitted to {@code executor} at {@code submittedAt} (asked whether it
     * runs low when it ends). One listener per submission; its run times run one after the other.
     */
    RunListener forJob(HeldJob job, JobExecutor executor, Instant submittedAt) {
        RunRecorder recorder = this.context.recorder();
        return new RunListener() {

            private volatile @Nullable Instant started;

            /** The span of the run time in progress, until its outcome ends it. */
            private volatile RunTracer.Span span = RunTracer.Span.NONE;

            /** The last span started: still current on the worker thread when a timeout ended it elsewhere. */
            private volatile RunTracer.Span lastSpan = RunTracer.Span.NONE;

            private void record(JobRun run, Instant runTime, RunOutcome outcome, @Nullable Throwable error,
                    @Nullable Object result) {
                RunTracer.Span current = this.span;
                this.span = RunTracer.Span.NONE;
                current.end(outcome, error);
                if (recorder.isEnabled()) {
                    Instant now = RunOutcomes.this.context.clock().instant();
                    RunOutcome recorded = outcome;
                    Throwable recordedError = error;
                    Object recordedResult = result;
                    if (job.takenOver && (outcome == RunOutcome.SUCCEEDED || outcome.isFailure())) {
                        recorded = RunOutcome.ABANDONED;
                        recordedError = new LeaseLostException("the lease on the job was lost while the run was in flight (the task"
                                + " ended " + outcome + "); another instance took the job over and runs this fire time again", error);
                        recordedResult = null;
                    }
                    recorder.add(recorder.records().record(run.job(), job.storeAlias, runTime, submittedAt, this.started, now, recorded,
                            run.attempt(), recordedError, recordedResult));
                }
                this.started = null;
            }

            @Override
            public void started(JobRun run, Instant runTime) {
                if (recorder.isEnabled()) {
                    this.started = RunOutcomes.this.context.clock().instant();
                }
                this.lastSpan.leave();   // the previous run time's, when a timeout ended it from the watchdog thread
                this.span = RunOutcomes.this.context.tracer().start(run, job.storeAlias, runTime, run.attempt());
                this.lastSpan = this.span;
            }

            @Override
            public void missed(JobRun run, Instant runTime) {
                Instant now = RunOutcomes.this.context.clock().instant();
                logger.warn("Run time of job '{}' was missed by {} (checked at start)", run.job().id(), Duration.between(runTime, now));
                RunOutcomes.this.context.events().publish(new JobMissed(now, run.job().id(), job.storeAlias, runTime, true));
                record(run, runTime, RunOutcome.MISSED, null, null);
            }

            @Override
            public void executed(JobRun run, Instant runTime, @Nullable Object returnValue) {
                logger.debug("Job '{}' executed successfully (run time {})", run.job().id(), runTime);
                record(run, runTime, RunOutcome.SUCCEEDED, null, returnValue);
                if (RunOutcomes.this.context.events().wants(JobExecuted.class)) {
                    RunOutcomes.this.context.events().publish(new JobExecuted(RunOutcomes.this.context.clock().instant(), run.job().id(),
                            job.storeAlias, runTime, returnValue, run.attempt()));
                }
            }

            @Override
            public void failed(JobRun run, Instant runTime, Throwable exception) {
                RetryDecision decision = retryDecision(job, run, exception);
                if (decision != RetryDecision.RETRY_SCHEDULED) {
                    // the final failure of this fire time: a retried attempt logs one WARN line in scheduleRetry instead
                    logger.error("Job '{}' raised an exception (run time {}, attempt {}, {})", run.job().id(), runTime, run.attempt(),
                            decision, exception);
                }
                record(run, runTime, isTimeout(exception) ? RunOutcome.TIMED_OUT : RunOutcome.FAILED, exception, null);
                Instant now = RunOutcomes.this.context.clock().instant();
                RunOutcomes.this.context.events().publish(new JobFailed(now, run.job().id(), job.storeAlias, runTime, exception,
                        stackTrace(exception), run.attempt(), decision));
                if (decision == RetryDecision.RETRY_SCHEDULED) {
                    scheduleRetry(job, run, runTime, now, exception);
                }
            }

            @Override
            public void stuck(JobRun run, Instant runTime, Thread thread, Duration sinceInterrupt) {
                StringBuilder stack = new StringBuilder();
                for (StackTraceElement frame : thread.getStackTrace()) {
                    stack.append("\n\tat ").append(frame);
                }
                logger.warn("Job '{}' (run time {}) on executor '{}' is stuck: its thread {} was interrupted at its timeout {} ago"
                        + " and is still in the task, holding its thread and its max-instances slot; the task ignores"
                        + " interrupts. Its stack:{}", run.job().id(), runTime, run.job().executor(), thread.getName(),
                        sinceInterrupt, stack);
                RunOutcomes.this.context.events().publish(new JobStuck(RunOutcomes.this.context.clock().instant(), run.job().id(),
                        job.storeAlias, runTime, run.job().executor(), thread.getName(), sinceInterrupt));
            }

            @Override
            public void threadDone(JobRun run) {
                // finished may come from the watchdog thread: the span must stop being current on the worker
                this.lastSpan.leave();
            }

            @Override
            public void finished(JobRun run) {
                this.lastSpan.leave();
                // only now, after a timeout's report (on the watchdog thread) scheduled its retry: a job released
                // before it would be deleted, or written back, without the retry
                job.inFlight.decrementAndGet();
                boolean low = executor.isRunningLow();
                // a stale job (changed while it ran) is released at once, so the store's copy is acquirable again
                if (job.stale || low) {
                    RunOutcomes.this.signal.signal();
                }
                if (low) {
                    RunOutcomes.this.slots.freed();
                }
            }

            @Override
            public void abandoned(JobRun run, Throwable cause) {
                List<Instant> runTimes = run.scheduledRunTimes();
                PendingRetry retry = run.retry();
                if (retry != null) {
                    if (job.restoreRetry(retry)) {
                        logger.warn("Retry (attempt {}) of job '{}' not run: {}; it stays pending", run.attempt(), run.job().id(),
                                cause.getMessage());
                    }
                    else {
                        RetryCancellations.record(RunOutcomes.this.context, run.job(), job.storeAlias, retry,
                                RunOutcomes.this.context.clock().instant(), "not run (" + cause.getMessage()
                                        + ") and replaced by the retry of a later fire time (one retry is pending per job)");
                    }
                }
                else {
                    logger.warn("Job '{}' not run at {}: {}; its next run time goes back to {}", run.job().id(), runTimes,
                            cause.getMessage(), runTimes.get(0));
                    job.abandon(runTimes.get(0));
                }
                for (Instant runTime : runTimes) {
                    record(run, runTime, RunOutcome.ABANDONED, cause, null);
                }
                job.inFlight.decrementAndGet();
                RunOutcomes.this.signal.signal();
            }
        };
    }

    /** What follows a failed attempt, by the job's retry policy (the acquired copy's). */
    private static RetryDecision retryDecision(HeldJob job, JobRun run, Throwable exception) {
        RetryPolicy policy = run.job().retry();
        if (!policy.retries()) {
            return RetryDecision.NO_RETRY;
        }
        if (job.takenOver) {
            return RetryDecision.LEASE_LOST;
        }
        if (!policy.retriesOn(exception)) {
            return RetryDecision.NOT_RETRYABLE;
        }
        return run.attempt() >= policy.maxAttempts() ? RetryDecision.ATTEMPTS_EXHAUSTED : RetryDecision.RETRY_SCHEDULED;
    }

    /**
     * Holds the next attempt of a failed run time with the job; the loop writes it to the store when it releases the
     * job. One retry is pending per job: a later fire time's replaces an earlier one's, which is recorded as cancelled.
     * Logs the failed attempt as one WARN line without stack trace (the retry's {@code JobFailed} event and run record
     * carry it); only the final failure of a fire time is logged at ERROR with its stack trace.
     */
    private void scheduleRetry(HeldJob job, JobRun run, Instant runTime, Instant now, Throwable exception) {
        int attempt = run.attempt() + 1;
        Instant due = now.plus(this.context.fireTimes().retryDelay(run.job().retry(), attempt));
        PendingRetry retry = new PendingRetry(attempt, runTime, due, null);
        // the retry is due to the millisecond (PendingRetry): the event's delay leads to exactly that instant
        Duration delay = Duration.between(now, retry.at());
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        PendingRetry replaced = job.retry(retry);
        logger.warn("Job '{}' attempt {} failed (run time {}): {}: {}; will be retried at {}, in {} ms (attempt {} of {})",
                run.job().id(), run.attempt(), runTime, exception.getClass().getName(), exception.getMessage(), retry.at(),
                delay.toMillis(), attempt, run.job().retry().maxAttempts());
        this.context.events().publish(new JobRetryScheduled(now, run.job().id(), job.storeAlias, runTime, attempt, delay));
        if (replaced != null) {
            RetryCancellations.record(this.context, run.job(), job.storeAlias, replaced, now,
                    "replaced by the retry of the later fire time " + runTime + " (one retry is pending per job)");
        }
        // the loop writes the retry to the store when it releases the job, and wakes for it
        this.signal.signal();
    }

    /** Whether a run time's exception is its timeout (thread or worker process), recorded as {@code TIMED_OUT}. */
    static boolean isTimeout(Throwable exception) {
        return exception instanceof JobTimeoutException || exception instanceof RunTimeoutException;
    }

    static String stackTrace(Throwable exception) {
        StringWriter out = new StringWriter();
        exception.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
