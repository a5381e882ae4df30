package io.kairos.scheduler.internal;

import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.TaskResolver;
import io.kairos.scheduler.task.UnknownTaskException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a job's task: first a task object given directly when the job was added (kept by job id, in
 * memory only), then the configured {@link TaskResolver}. Thread-safe.
 */
public final class TaskLookup {

    private final Map<String, Task> byJobId = new ConcurrentHashMap<>();

    private volatile TaskResolver resolver;

    /**
     * Creates the lookup.
     *
     * @param resolver resolves task names, or {@code null} for none (only directly given tasks run)
     */
    public TaskLookup(TaskResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Replaces the resolver.
     *
     * @param resolver the new resolver, or {@code null}
     */
    public void resolver(TaskResolver resolver) {
        this.resolver = resolver;
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
     * @throws UnknownTaskException when nothing resolves the name
     */
    public Task resolve(String jobId, String taskName) {
        Task bound = jobId == null ? null : this.byJobId.get(jobId);
        if (bound != null && bound.name().equals(taskName)) {
            return bound;
        }
        TaskResolver current = this.resolver;
        Optional<Task> resolved = current == null ? Optional.empty() : current.resolve(taskName);
        return resolved.orElseThrow(() -> new UnknownTaskException(taskName, "Unknown task '" + taskName
                + "': register it with the task registry under that name, or name a static method or no-arg class as "
                + "'com.acme.Jobs::method'"));
    }
}
