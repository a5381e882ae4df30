package io.kairos.scheduler.task;

/**
 * A task that takes no arguments and returns nothing: the {@link Runnable} shape, allowed to throw checked
 * exceptions. Register one with {@link TaskRegistrar#register(String, TaskAction)}, or implement it in a class
 * with a public no-arg constructor and name the class ({@code com.acme.PurgeJob}).
 *
 * <p>A job whose task is a {@code TaskAction} must have no arguments; adding one with arguments fails with
 * {@link InvalidJobArgumentsException}.
 */
@FunctionalInterface
public interface TaskAction {

    /**
     * Runs the task once. May be called from several threads at once when the job allows several instances.
     *
     * @throws Exception anything; the scheduler reports it as a failed run
     */
    void run() throws Exception;
}
