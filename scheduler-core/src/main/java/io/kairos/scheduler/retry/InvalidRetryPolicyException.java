package io.kairos.scheduler.retry;

/**
 * A retry option with a value that is not valid. The message names the option, the value and what is valid;
 * {@link #option()} is the option's key below {@code retry.} (for example {@code max-attempts}), so that a caller
 * that knows the full configuration key (say {@code kairos.job-defaults.retry.max-attempts}) can report it.
 */
public class InvalidRetryPolicyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String option;

    /**
     * Creates the exception.
     *
     * @param option the option's key, for example {@code backoff}; not {@code null}
     * @param message the message naming the value and what is valid; not {@code null}
     * @param cause the parse error behind it, or {@code null}
     */
    public InvalidRetryPolicyException(String option, String message, Throwable cause) {
        super(message, cause);
        this.option = option;
    }

    /**
     * The option's key below {@code retry.}.
     *
     * @return for example {@code max-attempts}, never {@code null}
     */
    public String option() {
        return this.option;
    }
}
