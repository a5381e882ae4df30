package io.kairos.scheduler.task;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;


/**
 * A task that receives the job's arguments as they are stored: positional {@code args} and named
 * {@code kwargs}, APScheduler's {@code func(*args, **kwargs)}. Register one with
 * {@link TaskRegistrar#register(String, TaskFunction)}, or implement it in a class with a public no-arg
 * constructor and name the class.
 *
 * <p>The values are JSON-compatible ({@code String}, {@code Number}, {@code Boolean}, {@code null},
 * {@code List}, {@code Map}) and are <em>not</em> converted: after a round trip through a persistent job
 * store a whole number may arrive as {@code Integer} or {@code Long}, so read numbers through
 * {@link Number}. Any arguments are accepted when the job is added; the function checks them itself.
 */
@FunctionalInterface
public interface TaskFunction {

    /**
     * Runs the task once. May be called from several threads at once when the job allows several instances.
     *
     * @param args positional arguments, unmodifiable, never {@code null}, elements may be {@code null}
     * @param kwargs named arguments, unmodifiable, never {@code null}
     * @return the result, may be {@code null}
     * @throws Exception anything; the scheduler reports it as a failed run
     */
    @Nullable Object apply(List<Object> args, Map<String, Object> kwargs) throws Exception;
}
