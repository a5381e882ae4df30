package io.kairos.scheduler.task;

/**
 * A job's arguments do not fit its task: wrong count, unknown names, values that do not convert to the
 * parameter types, or values that cannot be written as JSON. Raised when the job is added, not at its
 * first run.
 */
public class InvalidJobArgumentsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the task, the argument and what the task expects
     */
    public InvalidJobArgumentsException(String message) {
        super(message);
    }
}
