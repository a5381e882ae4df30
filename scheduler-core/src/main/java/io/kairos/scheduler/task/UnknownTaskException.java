package io.kairos.scheduler.task;

/**
 * No task is known by the given name: no registered lambda, no resolvable static method or class, no bean
 * method a {@link TaskResolver} knows.
 */
public class UnknownTaskException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String taskName;

    /**
     * Creates the exception.
     *
     * @param taskName the name that was looked up
     * @param message why it could not be resolved and which forms of name are valid
     */
    public UnknownTaskException(String taskName, String message) {
        super(message);
        this.taskName = taskName;
    }

    /**
     * The name that was looked up.
     *
     * @return the name
     */
    public String taskName() {
        return this.taskName;
    }
}
