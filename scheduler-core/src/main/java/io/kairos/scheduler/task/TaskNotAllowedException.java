package io.kairos.scheduler.task;

/**
 * A task name names code outside what job stores may run: a class outside the {@link AllowedPackages}, or (with the
 * Spring starter) a bean method that is neither declared with {@code @ScheduledJob}/{@code @KairosTask} nor of a
 * bean in the allowed packages. Thrown when such a job is added; a stored job naming one is marked broken with
 * this message as its reason, kept, and never run.
 */
public class TaskNotAllowedException extends UnknownTaskException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param taskName the name that was looked up
     * @param message what was refused, why, and how to allow it
     */
    public TaskNotAllowedException(String taskName, String message) {
        super(taskName, message);
    }
}
