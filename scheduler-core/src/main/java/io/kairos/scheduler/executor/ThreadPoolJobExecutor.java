package io.kairos.scheduler.executor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on a fixed pool of platform threads named {@code kairos-<alias>-<n>}: the default executor, as
 * APScheduler 3's {@code ThreadPoolExecutor} ({@code max_workers}, default 10). The scheduler hands it at most
 * {@code max-workers + queue-capacity} runs at once (its {@link #freeSlots()}); those beyond the busy threads wait
 * in a queue (default {@value #DEFAULT_QUEUE_FACTOR} × {@code max-workers},
 * as db-scheduler fetches up to 20 × its threads), so the scheduler acquires due jobs in batches; a queued job
 * stays leased, and the time it spends queued counts against its misfire grace time (checked again at start).
 * With several instances sharing a store, a queue of 0 leaves jobs that cannot start at once to the other
 * instances. Idle threads end after 60 seconds. Thread-safe.
 *
 * <p>The pool's queue is a {@link LinkedTransferQueue}: the limit is the executor's slot count, so the queue itself
 * is unbounded. A run handed over while a thread waits goes straight to that thread without a lock, and a waiting
 * thread spins briefly before it parks, so during a burst of short runs the threads park and wake less often.
 */
public class ThreadPoolJobExecutor extends PooledJobExecutor {

    /** The default number of worker threads, as APScheduler 3. */
    public static final int DEFAULT_MAX_WORKERS = 10;

    /** The default {@code queue-capacity} is this many times {@code max-workers}. */
    public static final int DEFAULT_QUEUE_FACTOR = 16;

    private final int maxWorkers;

    /**
     * Creates a pool of {@value #DEFAULT_MAX_WORKERS} threads.
     */
    public ThreadPoolJobExecutor() {
        this(DEFAULT_MAX_WORKERS);
    }

    /**
     * Creates a pool with the default queue ({@value #DEFAULT_QUEUE_FACTOR} × {@code maxWorkers}).
     *
     * @param maxWorkers the most threads, at least 1 (property {@code max-workers})
     * @throws IllegalArgumentException when {@code maxWorkers < 1}
     */
    public ThreadPoolJobExecutor(int maxWorkers) {
        this(maxWorkers, defaultQueueCapacity(maxWorkers));
    }

    /**
     * Creates a pool.
     *
     * @param maxWorkers the most threads, at least 1 (property {@code max-workers})
     * @param queueCapacity the most runs waiting for a thread, zero or more (property {@code queue-capacity})
     * @throws IllegalArgumentException when {@code maxWorkers < 1} or {@code queueCapacity < 0}
     */
    public ThreadPoolJobExecutor(int maxWorkers, int queueCapacity) {
        super(maxWorkers, queueCapacity);
        this.maxWorkers = maxWorkers;
    }

    /**
     * The default queue capacity for a pool size.
     *
     * @param maxWorkers the pool size, at least 1
     * @return {@value #DEFAULT_QUEUE_FACTOR} × {@code maxWorkers}, saturated at {@link Integer#MAX_VALUE}
     */
    public static int defaultQueueCapacity(int maxWorkers) {
        return (int) Math.min(Integer.MAX_VALUE, (long) DEFAULT_QUEUE_FACTOR * Math.max(0, maxWorkers));
    }

    /**
     * The most threads.
     *
     * @return {@code max-workers}
     */
    public int maxWorkers() {
        return this.maxWorkers;
    }

    @Override
    protected ExecutorService createService(String alias) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(this.maxWorkers, this.maxWorkers, 60, TimeUnit.SECONDS,
                new LinkedTransferQueue<>(), (runnable) -> {
                    Thread thread = new Thread(runnable, "kairos-" + alias + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
