package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.InvalidJobArgumentsException;
import io.kairos.scheduler.task.Task;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the arguments read from a store still bind to the job's task: the store may have been edited, or the
 * task's signature changed since the job was added. The loop checks when it acquires a job, and marks a job that can
 * never run broken instead of failing it at every fire time; resuming a job checks again. Only
 * {@link Task#checkArguments} decides: a method task binds and converts every argument, a {@code TaskAction} or
 * {@code TaskSupplier} takes none, a {@code TaskFunction} takes anything. Stateless.
 */
final class StoredArguments {

    private static final Logger logger = LoggerFactory.getLogger(StoredArguments.class);

    private StoredArguments() {
    }

    /**
     * Requires a job's stored arguments to fit its task.
     *
     * @param job the job as read from its store, not {@code null}
     * @param task the job's resolved task, not {@code null}
     * @throws InvalidJobArgumentsException when they do not fit; the message names the job, the task and what does
     *     not fit
     */
    static void require(StoredJob job, Task task) {
        try {
            task.checkArguments(job.args(), job.kwargs());
        }
        catch (InvalidJobArgumentsException ex) {
            throw new InvalidJobArgumentsException("the stored arguments of job '" + job.id() + "' do not fit its task '"
                    + job.task() + "': " + ex.getMessage());
        }
    }

    /**
     * Says why a job's stored arguments do not fit its task, for the loop.
     *
     * @param job the job as read from its store, not {@code null}
     * @param task the job's resolved task, not {@code null}
     * @return the reason to mark the job broken with (as {@link #require} words it); {@code null} when the arguments
     *     bind, or when the task's check failed otherwise than with {@link InvalidJobArgumentsException} (a defect of
     *     the task's check, logged: the run then reports whatever the task does with the arguments)
     */
    static @Nullable String misfit(StoredJob job, Task task) {
        try {
            require(job, task);
            return null;
        }
        catch (InvalidJobArgumentsException ex) {
            return ex.getMessage();
        }
        catch (RuntimeException ex) {
            logger.warn("Task '{}' failed to check the stored arguments of job '{}'; the job runs as it is", job.task(),
                    job.id(), ex);
            return null;
        }
    }
}
