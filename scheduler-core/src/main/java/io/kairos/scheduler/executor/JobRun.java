package io.kairos.scheduler.executor;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One submission of a job to an executor: APScheduler 3's {@code submit_job(job, run_times)}. Immutable.
 *
 * @param job the job as acquired (a snapshot; its task name, arguments and misfire grace time apply)
 * @param task the resolved task to invoke
 * @param scheduledRunTimes the run times to run, in order, earliest first; one when the job coalesces; never
 *     empty, immutable
 * @param retry the retry this run performs ({@link #attempt()} 2 or later; its one run time is the fire time of the
 *     failed attempt), or {@code null} for first attempts
 */
public record JobRun(StoredJob job, Task task, List<Instant> scheduledRunTimes, PendingRetry retry) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when there are no run times
     */
    public JobRun {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(task, "task");
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
        if (scheduledRunTimes.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one scheduled run time");
        }
        if (retry != null && !scheduledRunTimes.equals(List.of(retry.scheduledAt()))) {
            throw new IllegalArgumentException("a retry runs its own fire time " + retry.scheduledAt() + " only, got " + scheduledRunTimes);
        }
    }

    /**
     * A run of first attempts.
     *
     * @param job the job as acquired
     * @param task the resolved task
     * @param scheduledRunTimes the run times, earliest first, not empty
     */
    public JobRun(StoredJob job, Task task, List<Instant> scheduledRunTimes) {
        this(job, task, scheduledRunTimes, null);
    }

    /**
     * The attempt number of this run's run times.
     *
     * @return 1 for first attempts, the retry's attempt for a retry
     */
    public int attempt() {
        return this.retry == null ? 1 : this.retry.attempt();
    }

    /**
     * The latest instant a run time may start: run time plus the job's misfire grace time; for a retry, the retry's
     * due time plus the grace time (a retry is late when it starts late, not because its fire time is old).
     *
     * @param runTime one of the scheduled run times
     * @return the deadline, or empty when the job has no misfire grace time (no limit)
     */
    public Optional<Instant> deadline(Instant runTime) {
        Instant due = this.retry == null ? runTime : this.retry.at();
        return this.job.misfireGraceTime() == null ? Optional.empty() : Optional.of(due.plus(this.job.misfireGraceTime()));
    }

    /**
     * Whether a run time is too late to start now (as APScheduler 3: later than run time + misfire grace time).
     *
     * @param runTime one of the scheduled run times
     * @param now the current time
     * @return {@code true} when it must be skipped and reported missed
     */
    public boolean isMissed(Instant runTime, Instant now) {
        return deadline(runTime).map(now::isAfter).orElse(false);
    }

    /**
     * Runs this run in the calling thread: for each run time, the misfire check at start, then the task; reports
     * each outcome and finally {@link RunListener#finished}. An interrupt between run times stops the run (the
     * remaining run times are not reported). For executors that run tasks in this JVM.
     *
     * @param clock the scheduler's clock, read before each run time
     * @param listener receives the outcomes
     */
    public void execute(InstantSource clock, RunListener listener) {
        try {
            for (Instant runTime : this.scheduledRunTimes) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (isMissed(runTime, clock.instant())) {
                    listener.missed(this, runTime);
                    continue;
                }
                listener.started(this, runTime);
                Object result;
                try {
                    result = this.task.invoke(this.job.args(), this.job.kwargs());
                }
                catch (Throwable ex) {
                    if (ex instanceof VirtualMachineError vme) {
                        throw vme;
                    }
                    listener.failed(this, runTime, ex);
                    continue;
                }
                listener.executed(this, runTime, result);
            }
        }
        finally {
            listener.finished(this);
        }
    }
}
