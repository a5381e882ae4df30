package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.executor.RunListener;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;


/**
 * The {@code process-pool} executor: runs jobs in a {@link ProcessPool} of worker JVMs, as APScheduler 3's
 * {@code ProcessPoolExecutor} (alias {@code processpool}, {@code max_workers}). Use it for jobs that may exhaust
 * memory, call {@code System.exit}, crash native code or hang: only their worker dies, the run fails with
 * {@link WorkerDiedException} or {@link JobTimeoutException} (reported as {@code JobFailed}, the reason and
 * exit status in the message) and the worker is replaced. A run's timeout is the job's own
 * ({@code JobRequest.timeout}), else the {@code task-timeouts} entry of its task, else the executor's
 * {@code timeout}.
 *
 * <p>Only {@linkplain Task#isPortable() portable} tasks run here (static methods by reference, no-arg classes,
 * tasks of a {@code ServiceLoader} {@code TaskProvider}); {@link #checkTask} rejects the others when the job is
 * added. The workers apply the scheduler's rule on task names: references resolve only to classes under the
 * {@linkplain ExecutorContext#taskPackages() allowed task packages} the executor started with. Arguments travel as JSON and the result comes back as its JSON value ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean} or {@code null}), not as the task's own type. An exception
 * thrown by the task arrives as {@link RemoteJobException}, carrying the worker's stack trace as text.
 *
 * <p>Differs from APScheduler: the misfire grace time is checked when a run time is handed to the pool, not when
 * a worker picks it up (the scheduler hands over no more runs than there are free workers, so they rarely wait).
 * Thread-safe.
 */
public final class ProcessPoolJobExecutor implements JobExecutor {

    /** The executor type name, for {@code kairos.executors.<alias>.type}. */
    public static final String TYPE = "process-pool";

    private final ProcessPoolOptions options;

    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile @Nullable ExecutorContext context;

    private volatile @Nullable ProcessPool pool;

    /** Creates an executor with {@link ProcessPoolOptions#defaults()}: 5 workers. */
    public ProcessPoolJobExecutor() {
        this(ProcessPoolOptions.defaults());
    }

    /**
     * Creates an executor; no worker starts before the first run.
     *
     * @param options the pool's options, not {@code null}
     */
    public ProcessPoolJobExecutor(ProcessPoolOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The pool's options.
     *
     * @return the options, never {@code null}
     */
    public ProcessPoolOptions options() {
        return options;
    }

    /**
     * The pids of the worker JVMs alive now.
     *
     * @return a snapshot; empty before {@link #start} and after {@link #shutdown}
     */
    public Set<Long> workerPids() {
        ProcessPool current = pool;
        return current == null ? Set.of() : current.workerPids();
    }

    /**
     * Creates the worker pool and starts one worker, waiting for it, so that a bad {@code java-command},
     * {@code class-path} or {@code jvm-arguments} fails the scheduler's start rather than the first job; further
     * workers start on demand.
     *
     * @throws IllegalStateException when already started and not shut down, or when the first worker cannot
     *     start (the message names the options to check and holds the worker's exit status and stderr)
     */
    @Override
    public synchronized void start(ExecutorContext context) {
        if (pool != null) {
            throw new IllegalStateException("executor '" + context.alias() + "' is already started");
        }
        ProcessPool created = new ProcessPool(options, context.taskPackages());
        try {
            created.prestart(1);
        } catch (WorkerProcessException | RuntimeException e) {
            created.shutdown(false);
            String prefix = "kairos.executors." + context.alias() + ".";
            throw new IllegalStateException("executor '" + context.alias() + "' (type " + TYPE + ") cannot start a worker JVM;"
                    + " check " + prefix + "jvm-arguments " + options.jvmArguments() + ", " + prefix + "java-command '"
                    + options.javaCommand() + "' and " + prefix + "class-path: " + e.getMessage(), e);
        }
        this.context = Objects.requireNonNull(context, "context");
        this.pool = created;
    }

    /** @return {@code max-workers} minus the runs in flight, at least zero */
    @Override
    public int freeSlots() {
        return Math.max(0, options.maxWorkers() - inFlight.get());
    }

    /**
     * Rejects tasks a worker JVM cannot resolve by name: Spring bean methods and lambdas registered in this JVM.
     *
     * @throws IllegalArgumentException when the task is not portable, saying why and what to use instead
     */
    @Override
    public void checkTask(Task task) {
        if (!task.isPortable()) {
            ExecutorContext current = context;
            String alias = current == null ? "" : " '" + current.alias() + "'";
            throw new IllegalArgumentException("task '" + task.name() + "' cannot run in executor" + alias + " (type "
                    + TYPE + "): its jobs run in separate worker JVMs, which resolve tasks by name without this"
                    + " application's context, and this task is a bean method or a lambda registered in this JVM."
                    + " Use a thread-pool executor for it, or make it portable: a public static method"
                    + " (\"com.acme.Jobs::purge\"), a public class with a no-arg constructor (\"com.acme.PurgeJob\"),"
                    + " or a task registered by a ServiceLoader TaskProvider");
        }
    }

    /**
     * Accepts every job: this executor enforces a job's {@link StoredJob#timeout() timeout} (see
     * {@link #timeoutOf}).
     */
    @Override
    public void checkJob(StoredJob job) {
    }

    /**
     * The longest one run time of a job may take in a worker: the job's own {@link StoredJob#timeout() timeout},
     * else its task's entry in {@code task-timeouts}, else the executor's {@code timeout}. When it passes, the
     * worker is killed and replaced and the run time fails with {@link JobTimeoutException}.
     *
     * @param job the job
     * @return the timeout, or {@code null} for no limit
     */
    public @Nullable Duration timeoutOf(StoredJob job) {
        return job.timeout() != null ? job.timeout() : options.timeoutFor(job.task());
    }

    /**
     * Hands the run's run times to the pool one after the other, each with {@link #timeoutOf the job's timeout}.
     *
     * @throws RejectedExecutionException when the executor is not started or is shut down
     */
    @Override
    public void submit(JobRun run, RunListener listener) {
        ProcessPool current = pool;
        if (current == null) {
            throw new RejectedExecutionException("process-pool executor is not started");
        }
        inFlight.incrementAndGet();
        new RunTimes(current, run, listener).next(0);
    }

    /**
     * Shuts the pool down: see {@link ProcessPool#shutdown(boolean, Duration)}; runs still going after
     * {@code timeout} have their workers killed and fail with {@link WorkerDiedException}. No worker is left.
     */
    @Override
    public synchronized void shutdown(boolean wait, Duration timeout) {
        ProcessPool current = pool;
        if (current != null) {
            current.shutdown(wait, timeout);
            pool = null;
        }
    }

    /** Walks the run times of one run, each a pool submission started when the previous one ended. */
    private final class RunTimes {

        private final ProcessPool pool;

        private final JobRun run;

        private final RunListener listener;

        RunTimes(ProcessPool pool, JobRun run, RunListener listener) {
            this.pool = pool;
            this.run = run;
            this.listener = listener;
        }

        void next(int index) {
            int i = index;
            InstantSource clock = Objects.requireNonNull(context, "the executor is not started").clock();
            while (i < run.scheduledRunTimes().size() && run.isMissed(run.scheduledRunTimes().get(i), clock.instant())) {
                listener.missed(run, run.scheduledRunTimes().get(i));
                i++;
            }
            if (i == run.scheduledRunTimes().size()) {
                finish();
                return;
            }
            Instant runTime = run.scheduledRunTimes().get(i);
            int following = i + 1;
            listener.started(run, runTime);
            try {
                pool.submit(run.job().task(), run.job().args(), run.job().kwargs(), timeoutOf(run.job()))
                        .whenComplete((result, error) -> completed(runTime, following, result, error));
            } catch (IllegalStateException shutDown) {
                finish();
            }
        }

        private void completed(Instant runTime, int following, Object result, Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                finish();
                return;
            }
            if (cause == null) {
                listener.executed(run, runTime, result);
            } else {
                listener.failed(run, runTime, cause);
            }
            next(following);
        }

        private void finish() {
            inFlight.decrementAndGet();
            listener.finished(run);
        }
    }
}
