package io.kairos.scheduler.internal;

import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskRegistry;
import io.kairos.scheduler.task.UnknownTaskException;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;


/**
 * Resolves a job's task: first a task object given directly when the job was added (kept by job id, in
 * memory only), then the scheduler's {@link TaskRegistry}. Thread-safe.
 */
public final class TaskLookup {

    private final Map<String, Task> byJobId = new ConcurrentHashMap<>();

    private final TaskRegistry registry;

    /**
     * Creates the lookup.
     *
     * @param registry resolves task names
     */
    public TaskLookup(TaskRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Remembers a task given directly for a job.
     *
     * @param jobId the job's id
     * @param task the task
     */
    public void bind(String jobId, Task task) {
        this.byJobId.put(jobId, Objects.requireNonNull(task, "task"));
    }

    /**
     * Forgets a job's directly given task.
     *
     * @param jobId the job's id
     */
    public void unbind(String jobId) {
        this.byJobId.remove(jobId);
    }

    /**
     * Resolves a task by name.
     *
     * @param jobId the job's id, or {@code null} when no job exists yet
     * @param taskName the task name
     * @return the task
     * @throws UnknownTaskException when nothing resolves the name (the registry's message says why)
     */
    public Task resolve(@Nullable String jobId, String taskName) {
        Task bound = jobId == null ? null : this.byJobId.get(jobId);
        if (bound != null && bound.name().equals(taskName)) {
            return bound;
        }
        return this.registry.resolve(taskName);
    }
}
