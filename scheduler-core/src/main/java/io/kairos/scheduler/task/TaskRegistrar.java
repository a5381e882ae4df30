package io.kairos.scheduler.task;

/**
 * Registers lambdas (or any implementation of the task shapes) under a name. Implemented by
 * {@link TaskRegistry} and handed to each {@link TaskProvider}.
 *
 * <p>Names: not blank, no whitespace, no {@code ::}, not starting with {@code lambda$} (reserved for
 * {@linkplain Tasks#anonymous(TaskAction) unnamed lambdas}); e.g. {@code purgeSessions} or
 * {@code orders.cancelUnpaid}. A registered name is looked up before bean methods and class references,
 * so it may shadow them.
 */
public interface TaskRegistrar {

    /**
     * Registers a task that takes no arguments.
     *
     * @param name the task name, see the class description
     * @param action the code to run, not {@code null}
     * @return the registered task
     * @throws IllegalArgumentException when the name is invalid or already registered
     */
    Task register(String name, TaskAction action);

    /**
     * Registers a task that takes no arguments and returns a result.
     *
     * @param name the task name, see the class description
     * @param supplier the code to run, not {@code null}
     * @return the registered task
     * @throws IllegalArgumentException when the name is invalid or already registered
     */
    Task register(String name, TaskSupplier supplier);

    /**
     * Registers a task that receives the job's arguments unconverted.
     *
     * @param name the task name, see the class description
     * @param function the code to run, not {@code null}
     * @return the registered task
     * @throws IllegalArgumentException when the name is invalid or already registered
     */
    Task register(String name, TaskFunction function);
}
