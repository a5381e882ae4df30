package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.task.AllowedPackages;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of long-lived worker JVMs that run tasks by name, one run per worker at a time: the Java form of
 * APScheduler's {@code ProcessPoolExecutor}. A task that exhausts memory, calls {@code System.exit} or hangs
 * past its timeout takes down only its worker; the run fails with the reason and the worker is replaced.
 *
 * <p>Workers are started on demand (or by {@link #prestart()}), at most {@link ProcessPoolOptions#maxWorkers()},
 * with this JVM's {@code java} and class path; runs beyond that wait in a FIFO queue. Differs from APScheduler:
 * Python pickles the function and its arguments; here the task travels by name and its arguments as JSON, so
 * only tasks the worker can resolve by name run here (static methods and no-arg classes under the allowed task
 * packages, {@code ServiceLoader} tasks). No worker outlives this pool: {@link #shutdown} stops them, a JVM shutdown hook kills any left, and a
 * worker exits by itself when its stdin pipe closes (its parent died).
 *
 * <p>Thread-safe.
 */
public final class ProcessPool {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPool.class);

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ProcessPoolOptions options;

    private final ThreadPoolExecutor runners;

    private final ScheduledExecutorService timer;

    private final Workers workers;

    private final Thread shutdownHook;

    private volatile boolean stopping;

    private volatile boolean killing;

    /**
     * Creates the pool; no worker starts yet.
     *
     * @param options how to start and use workers, not {@code null}
     * @param taskPackages the packages whose static methods and classes the workers may resolve task names to (the
     *     scheduler's allowed task packages); {@link AllowedPackages#NONE} for {@code ServiceLoader} tasks only
     */
    public ProcessPool(ProcessPoolOptions options, AllowedPackages taskPackages) {
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(taskPackages, "taskPackages");
        int pool = POOLS.incrementAndGet();
        this.runners = new ThreadPoolExecutor(options.maxWorkers(), options.maxWorkers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("kairos-process-pool-" + pool + "-runner-"));
        this.runners.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("kairos-process-pool-" + pool + "-timer-"));
        this.workers = new Workers(WorkerCommand.of(options, taskPackages), options.maxWorkers(), options.startTimeout(), timer);
        this.shutdownHook = new Thread(workers::destroyAll,
                "kairos-process-pool-" + pool + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The options the pool was created with.
     *
     * @return the options, never {@code null}
     */
    public ProcessPoolOptions options() {
        return options;
    }

    /**
     * Runs a task in a worker, as soon as one is free.
     *
     * @param task the task name, resolvable in a worker (e.g. {@code com.acme.Jobs::purge}); not {@code null}
     * @param args positional arguments, JSON-compatible values; not {@code null}
     * @param kwargs named arguments, JSON-compatible values; not {@code null}
     * @param timeout the longest the run may take once it started in a worker, or {@code null} for the pool's
     *     default ({@link ProcessPoolOptions#timeout()})
     * @return completes with the task's result as a JSON value ({@code Map}, {@code List}, {@code String},
     *     {@code Number}, {@code Boolean}, or {@code null} for void), or exceptionally with
     *     {@link RemoteJobException} (the task threw), {@link WorkerDiedException} (its worker died or could not
     *     start), {@link JobTimeoutException}, {@link java.util.concurrent.CancellationException} (the pool was
     *     shut down without waiting before the run started), or {@link IllegalArgumentException} (the worker
     *     could not resolve the task, or the arguments cannot be written as JSON)
     * @throws IllegalStateException when the pool is shut down
     */
    public CompletableFuture<Object> submit(String task, List<Object> args, Map<String, Object> kwargs, @Nullable Duration timeout) {
        PendingRun run = new PendingRun(Objects.requireNonNull(task, "task"), Objects.requireNonNull(args, "args"),
                Objects.requireNonNull(kwargs, "kwargs"), timeout != null ? timeout : options.timeout());
        if (stopping) {
            throw new IllegalStateException("the process pool is shut down; cannot run task " + task);
        }
        try {
            runners.execute(run);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the process pool is shut down; cannot run task " + task, e);
        }
        return run.future;
    }

    /**
     * Starts workers until there are {@link ProcessPoolOptions#maxWorkers()}, in parallel, and waits for them:
     * {@code prestart(maxWorkers)}.
     *
     * @throws WorkerProcessException when a worker fails to start (the others stay)
     * @throws IllegalStateException when the pool is shut down
     */
    public void prestart() throws WorkerProcessException {
        prestart(options.maxWorkers());
    }

    /**
     * Starts up to {@code count} more workers, as far as {@link ProcessPoolOptions#maxWorkers()} allows, in
     * parallel, and waits for them. Useful to take the start-up time (a JVM start) before the first runs, and to
     * find a bad {@code java} command, class path or JVM argument at once.
     *
     * @param count how many workers to start, at most
     * @throws WorkerProcessException when a worker fails to start (the others stay); the message holds the
     *     worker's exit status and its last output lines
     * @throws IllegalStateException when the pool is shut down
     */
    public void prestart(int count) throws WorkerProcessException {
        if (stopping) {
            throw new IllegalStateException("the process pool is shut down; cannot start workers");
        }
        List<CompletableFuture<Void>> starts = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(count, options.maxWorkers()); i++) {
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    workers.startIdle();
                } catch (WorkerProcessException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, runners));
        }
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof WorkerProcessException w) {
                    throw w;
                }
                throw e;
            }
        }
    }

    /**
     * The pids of the worker JVMs alive now (idle or busy).
     *
     * @return a snapshot, never {@code null}
     */
    public Set<Long> workerPids() {
        return workers.pids();
    }

    /**
     * Stops the pool, waiting without limit when {@code wait}: {@code shutdown(wait, null)}.
     *
     * @param wait whether runs already submitted finish first
     */
    public void shutdown(boolean wait) {
        shutdown(wait, null);
    }

    /**
     * Stops the pool. Idempotent; after it, {@link #submit} throws.
     *
     * @param wait {@code true}: runs already submitted (queued ones too) may finish first, for at most
     *     {@code timeout}; then each worker is asked to exit (stdin closed) and killed if it has not after 10
     *     seconds. {@code false}, and runs still going after the timeout: queued runs are cancelled, and running
     *     ones fail with {@link WorkerDiedException} as their workers are killed at once. Either way, when this
     *     returns no worker process is left.
     * @param timeout the longest wait for submitted runs when {@code wait}; {@code null} for no limit
     */
    public void shutdown(boolean wait, @Nullable Duration timeout) {
        stopping = true;
        if (wait) {
            runners.shutdown();
            try {
                if (timeout == null) {
                    while (!runners.awaitTermination(1, TimeUnit.MINUTES)) {
                        LOG.info("process pool: waiting for {} running jobs to finish", runners.getActiveCount());
                    }
                } else if (!runners.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("process pool: runs still going after the shutdown timeout of {}; killing their workers", timeout);
                    killAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killAll();
            }
            workers.closeAll(CLOSE_GRACE);
        } else {
            killAll();
        }
        timer.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("process pool: JVM is shutting down, hook stays");
        }
    }

    private void killAll() {
        killing = true;
        for (Runnable queued : runners.shutdownNow()) {
            ((PendingRun) queued).future.cancel(false);
        }
        workers.killAll("was stopped by the pool's shutdown", CLOSE_GRACE);
        try {
            runners.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A submitted run: executed by a runner thread, which lends it a worker. */
    private final class PendingRun implements Runnable {

        final String task;

        final List<Object> args;

        final Map<String, Object> kwargs;

        final @Nullable Duration timeout;

        final CompletableFuture<Object> future = new CompletableFuture<>();

        PendingRun(String task, List<Object> args, Map<String, Object> kwargs, @Nullable Duration timeout) {
            this.task = task;
            this.args = args;
            this.kwargs = kwargs;
            this.timeout = timeout;
        }

        @Override
        public void run() {
            if (killing) {
                future.cancel(false);
                return;
            }
            WorkerProcess worker;
            try {
                worker = workers.borrow();
            } catch (WorkerProcessException | RuntimeException e) {
                future.completeExceptionally(e);
                return;
            } catch (InterruptedException e) {
                future.cancel(false);
                return;
            }
            try {
                Object result = worker.run(task, args, kwargs, timeout);
                workers.giveBack(worker);
                future.complete(result);
            } catch (RemoteJobException e) {
                workers.giveBack(worker);
                future.completeExceptionally(e);
            } catch (WorkerProcessException e) {
                workers.discard(worker);
                future.completeExceptionally(e);
                if (!stopping) {
                    workers.replace();
                }
            } catch (RuntimeException e) {
                workers.giveBack(worker);
                future.completeExceptionally(e);
            }
        }
    }
}
