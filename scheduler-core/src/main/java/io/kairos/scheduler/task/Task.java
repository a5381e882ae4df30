package io.kairos.scheduler.task;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;


/**
 * What a job runs, under a stable name: a resolved entry of the {@link TaskRegistry}.
 *
 * <p>Implementations are immutable and thread-safe; {@link #invoke} may be called from many threads at once.
 */
public interface Task {

    /**
     * The task's name, as stored in jobs: {@code orderService.cancelUnpaidOrder} (a Spring bean method),
     * {@code com.acme.Jobs::purge} (a static method or a no-arg class), or the name a lambda was registered
     * under.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * Whether the name can be resolved again by another process or after a restart. An unnamed lambda
     * cannot, and may only be scheduled in the memory job store.
     *
     * @return {@code true} when the task may be stored in a persistent job store
     */
    boolean hasStableName();

    /**
     * Whether the task can run outside the application context, in a worker JVM of the process-pool
     * executor: static methods, no-arg classes, and tasks registered through a {@code ServiceLoader} provider.
     * Bean methods and lambdas cannot.
     *
     * @return {@code true} when a worker process can resolve and run the task by its name
     */
    boolean isPortable();

    /**
     * Checks that arguments fit the task's parameters: the count of positional arguments, the names of named
     * arguments (matched to parameter names), and that each value converts to its parameter's type.
     *
     * @param args positional arguments, JSON-compatible values, not {@code null}
     * @param kwargs named arguments, not {@code null}
     * @throws InvalidJobArgumentsException when they do not fit; the message names the task, the argument and
     *     what the task expects
     */
    void checkArguments(List<Object> args, Map<String, Object> kwargs);

    /**
     * Runs the task once.
     *
     * @param args positional arguments, JSON-compatible values converted to the parameter types
     * @param kwargs named arguments
     * @return what the task returned, or {@code null} for {@code void}
     * @throws Exception whatever the task throws (unwrapped from reflection wrappers)
     */
    @Nullable Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception;
}
