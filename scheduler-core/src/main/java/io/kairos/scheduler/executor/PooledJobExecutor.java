package io.kairos.scheduler.executor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of executors that run tasks on an {@link ExecutorService} of this JVM: counts runs in flight for
 * {@link #freeSlots()} and implements shutdown with and without waiting. Thread-safe.
 */
public abstract class PooledJobExecutor implements JobExecutor {

    private static final ThreadLocal<PooledJobExecutor> RUNNING_IN = new ThreadLocal<>();

    private final int capacity;

    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile ExecutorContext context;

    private volatile ExecutorService service;

    /**
     * Creates the executor.
     *
     * @param capacity the most runs that start at once without queueing; {@link Integer#MAX_VALUE} for no limit
     * @throws IllegalArgumentException when {@code capacity < 1}
     */
    protected PooledJobExecutor(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("max-workers must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Creates the service that runs the runs; called by {@link #start}.
     *
     * @param alias the executor's alias, for thread names
     * @return a new service
     */
    protected abstract ExecutorService createService(String alias);

    @Override
    public synchronized void start(ExecutorContext context) {
        if (this.service != null && !this.service.isShutdown()) {
            throw new IllegalStateException("executor '" + context.alias() + "' is already started");
        }
        this.context = Objects.requireNonNull(context, "context");
        this.service = createService(context.alias());
    }

    @Override
    public int freeSlots() {
        if (this.capacity == Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return Math.max(0, this.capacity - this.inFlight.get());
    }

    @Override
    public void submit(JobRun run, RunListener listener) {
        ExecutorService current = this.service;
        if (current == null) {
            throw new RejectedExecutionException("executor is not started");
        }
        ExecutorContext ctx = this.context;
        this.inFlight.incrementAndGet();
        try {
            current.execute(() -> {
                RUNNING_IN.set(this);
                try {
                    run.execute(ctx.clock(), listener);
                }
                finally {
                    RUNNING_IN.remove();
                    this.inFlight.decrementAndGet();
                }
            });
        }
        catch (RejectedExecutionException ex) {
            this.inFlight.decrementAndGet();
            throw ex;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>When called from one of this executor's own runs (a job that shuts its scheduler down), it does not wait:
     * the other runs still finish, but nothing waits for them.
     */
    @Override
    public void shutdown(boolean wait, Duration timeout) {
        ExecutorService current = this.service;
        if (current == null) {
            return;
        }
        if (!wait) {
            current.shutdownNow();
            return;
        }
        current.shutdown();
        if (RUNNING_IN.get() == this) {
            // called by one of this executor's own runs (a job shutting its scheduler down): it cannot wait for itself
            return;
        }
        try {
            if (!current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            current.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The number of runs accepted and not yet ended.
     *
     * @return zero or more
     */
    public int runsInFlight() {
        return this.inFlight.get();
    }
}
