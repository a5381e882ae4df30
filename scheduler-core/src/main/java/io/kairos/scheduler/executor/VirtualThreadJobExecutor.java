package io.kairos.scheduler.executor;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;

/**
 * Runs each run on a new virtual thread (Java 21+). The build targets Java 17, so the virtual-thread API is
 * reached by reflection; on an older runtime the constructor fails with a message naming the executor type
 * ({@code virtual-thread}) and the Java version. Unbounded: {@link #freeSlots()} is {@link Integer#MAX_VALUE}.
 * Thread-safe. No APScheduler equivalent.
 */
public class VirtualThreadJobExecutor extends PooledJobExecutor {

    /** The type name this executor is configured by ({@code kairos.executors.<alias>.type}). */
    public static final String TYPE = "virtual-thread";

    private final Method factoryMethod;

    /**
     * Creates the executor.
     *
     * @throws IllegalStateException when the running Java has no virtual threads (before 21)
     */
    public VirtualThreadJobExecutor() {
        super(Integer.MAX_VALUE);
        try {
            this.factoryMethod = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException("executor type '" + TYPE + "' needs Java 21 or later (virtual threads); this is Java "
                    + Runtime.version().feature() + ". Use type 'thread-pool' instead, or run on Java 21+", ex);
        }
    }

    @Override
    protected ExecutorService createService(String alias) {
        try {
            return (ExecutorService) this.factoryMethod.invoke(null);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot create virtual-thread executor '" + alias + "'", ex);
        }
    }
}
