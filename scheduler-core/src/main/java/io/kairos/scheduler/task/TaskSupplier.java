package io.kairos.scheduler.task;

import org.jspecify.annotations.Nullable;

/**
 * A task that takes no arguments and returns a value: the {@link java.util.concurrent.Callable} shape. The
 * value is the run's result (reported in the job-executed event). Register one with
 * {@link TaskRegistrar#register(String, TaskSupplier)}, or implement it in a class with a public no-arg
 * constructor and name the class.
 *
 * <p>A job whose task is a {@code TaskSupplier} must have no arguments; adding one with arguments fails with
 * {@link InvalidJobArgumentsException}.
 */
@FunctionalInterface
public interface TaskSupplier {

    /**
     * Runs the task once. May be called from several threads at once when the job allows several instances.
     *
     * @return the result, may be {@code null}
     * @throws Exception anything; the scheduler reports it as a failed run
     */
    @Nullable Object get() throws Exception;
}
