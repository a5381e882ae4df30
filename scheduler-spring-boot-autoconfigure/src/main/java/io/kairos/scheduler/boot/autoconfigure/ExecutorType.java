package io.kairos.scheduler.boot.autoconfigure;

/**
 * The kinds of executor {@code kairos.executors.<alias>.type} can name, written {@code thread-pool},
 * {@code virtual-thread} and {@code process-pool} as in the engine's own configuration. Bound leniently: case and
 * {@code -}/{@code _} do not matter, so APScheduler's {@code threadpool} and {@code processpool} work too.
 */
public enum ExecutorType {

    /** A pool of platform threads of at most {@code max-workers} threads (APScheduler's {@code ThreadPoolExecutor}). */
    THREAD_POOL,

    /**
     * One virtual thread per run, at most {@code max-workers} at once. Needs Java 21 or later at run time;
     * start-up fails on an older JVM.
     */
    VIRTUAL_THREAD,

    /**
     * A pool of at most {@code max-workers} worker JVM processes (APScheduler's {@code ProcessPoolExecutor}):
     * a run that exhausts memory or calls {@code System.exit} cannot take the application down. Only portable
     * tasks (static methods, no-arg classes) can run there, not bean methods.
     */
    PROCESS_POOL
}
