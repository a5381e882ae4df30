package io.kairos.scheduler.executor;

import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Duration;

/**
 * Runs jobs: the executor SPI (thread pool, virtual threads, direct; later a pool of worker JVMs). The Java
 * form of APScheduler 3's {@code BaseExecutor}.
 *
 * <p>The scheduler's loop hands an executor one {@link JobRun} at a time (a job snapshot, its scheduled run
 * times, the resolved {@link Task}), and the executor reports each run time's outcome and the end of the run
 * through a {@link RunListener}. Max instances are enforced by the scheduler before {@link #submit}, in one
 * place for every executor (unlike APScheduler 3, where each executor counts its own instances).
 *
 * <p>An executor that runs runs elsewhere (a worker process) sends the task name and the JSON arguments, checks
 * {@link JobRun#isMissed} before starting each run time, and reports results back through the listener.
 *
 * <p>Implementations are thread-safe: {@link #submit} is called from the loop thread, {@link #freeSlots},
 * {@link #checkTask} and {@link #checkJob} from any thread, and {@link #isRunningLow} from the threads that end
 * runs (workers).
 */
public interface JobExecutor {

    /**
     * Starts the executor; called once by the scheduler when it starts (or when the executor is added to a
     * running scheduler), before any {@link #submit}.
     *
     * @param context the alias the executor is registered under and the scheduler's clock
     */
    void start(ExecutorContext context);

    /**
     * How many more runs this executor accepts right now: runs that start at once on an idle worker plus runs
     * its queue still takes. The loop acquires at most the sum of the free slots of all executors from a store in
     * one pass.
     *
     * @return zero or more; {@link Integer#MAX_VALUE} for an unbounded executor
     */
    int freeSlots();

    /**
     * Whether this executor runs short of work, so that the end of a run should wake the scheduler to acquire
     * more. An executor with a queue answers {@code false} while its queue is still more than half full: the
     * scheduler then refills it in one batch instead of one pass per finished run. A run's job is released
     * (deleted or rescheduled in its store) by the next pass, so a finished run whose end wakes nobody keeps its
     * lease until then. The default is {@code true}: every ended run wakes the scheduler.
     *
     * @return {@code true} when the scheduler should run a pass now
     */
    default boolean isRunningLow() {
        return true;
    }

    /**
     * Checks, when a job is added or modified, that this executor can run the task; e.g. a process-pool
     * executor rejects tasks that are not {@linkplain Task#isPortable() portable}. The default accepts every
     * task.
     *
     * @param task the job's task
     * @throws IllegalArgumentException when the executor cannot run the task; the message says why and what to
     *     do instead
     */
    default void checkTask(Task task) {
    }

    /**
     * Checks, when a job is added or modified (after {@link #checkTask}), that this executor can honour the job's
     * options. The job's {@link StoredJob#timeout() timeout} reaches the executor as {@code run.job().timeout()};
     * an executor that cannot stop a run once it has started must reject a job that has one. The default does
     * so; the {@code thread-pool} and {@code virtual-thread} executors override it (they interrupt the task's
     * thread, see {@link PooledJobExecutor}), and so does the {@code process-pool} executor (it kills and replaces
     * the worker JVM). Not part of APScheduler 3.x, which has no per-job timeout.
     *
     * @param job the job as it will be stored (its executor alias in {@link StoredJob#executor()})
     * @throws IllegalArgumentException when the job has a timeout; the message names the job, the option and
     *     the executor, and says what to do instead
     */
    default void checkJob(StoredJob job) {
        if (job.timeout() != null) {
            throw new IllegalArgumentException("job '" + job.id() + "': option 'timeout' (" + job.timeout()
                    + ") is not honoured by executor '" + job.executor() + "' (" + getClass().getSimpleName()
                    + "), which cannot stop a run once started"
                    + " — use an executor of type process-pool, thread-pool or virtual-thread, or drop the timeout");
        }
    }

    /**
     * How many timed-out runs of this executor are still running because their task ignored the interrupt (see
     * {@link RunListener#stuck}). The default is 0, for executors that cannot get stuck this way.
     *
     * @return zero or more
     */
    default int stuckRuns() {
        return 0;
    }

    /**
     * Starts a run. The executor runs the run times in order; for each it first checks the misfire grace time
     * again (so time spent queued counts as lateness, as APScheduler 3) and reports exactly one of
     * {@link RunListener#missed}, {@link RunListener#executed} or {@link RunListener#failed}; at the end it calls
     * {@link RunListener#finished} exactly once, also when the run was interrupted or rejected after acceptance.
     * {@link JobRun#execute} does all of this for executors that run tasks in this JVM.
     *
     * @param run what to run
     * @param listener receives the outcomes; called from the executor's threads
     * @throws java.util.concurrent.RejectedExecutionException when the executor is shut down; then the
     *     listener is not called
     */
    void submit(JobRun run, RunListener listener);

    /**
     * Shuts the executor down. With {@code wait}, runs in progress may finish, for at most {@code timeout};
     * runs still going then, and all runs when {@code wait} is {@code false}, are interrupted.
     *
     * @param wait whether to let running runs finish
     * @param timeout the longest time to wait for them, when {@code wait}
     */
    void shutdown(boolean wait, Duration timeout);
}
