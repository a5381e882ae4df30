package io.kairos.scheduler.executor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on a fixed pool of platform threads named {@code kairos-<alias>-<n>}: the default executor, as
 * APScheduler 3's {@code ThreadPoolExecutor} ({@code max_workers}, default 10). Runs beyond
 * {@code max-workers} queue (the scheduler acquires no more than the free slots, so this is rare); time spent
 * queued counts against the misfire grace time. Idle threads end after 60 seconds. Thread-safe.
 */
public class ThreadPoolJobExecutor extends PooledJobExecutor {

    /** The default number of worker threads, as APScheduler 3. */
    public static final int DEFAULT_MAX_WORKERS = 10;

    private final int maxWorkers;

    /**
     * Creates a pool of {@value #DEFAULT_MAX_WORKERS} threads.
     */
    public ThreadPoolJobExecutor() {
        this(DEFAULT_MAX_WORKERS);
    }

    /**
     * Creates a pool.
     *
     * @param maxWorkers the most threads, at least 1 (property {@code max-workers})
     * @throws IllegalArgumentException when {@code maxWorkers < 1}
     */
    public ThreadPoolJobExecutor(int maxWorkers) {
        super(maxWorkers);
        this.maxWorkers = maxWorkers;
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
                new LinkedBlockingQueue<>(), (runnable) -> {
                    Thread thread = new Thread(runnable, "kairos-" + alias + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
