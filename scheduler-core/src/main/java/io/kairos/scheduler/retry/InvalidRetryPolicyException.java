package io.kairos.scheduler.retry;

import org.jspecify.annotations.Nullable;

/**
 * A retry option with a value that is not valid. The message names the option, the value and what is valid;
 * {@link #option()} is the option's key below {@code retry.} (for example {@code max-attempts}), so that a caller
 * that knows the full configuration key (say {@code kairos.job-defaults.retry.max-attempts}) can report it.
 */
public class InvalidRetryPolicyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String option;

    private final @Nullable String value;

    /**
     * Creates the exception.
     *
     * @param option the option's key, for example {@code backoff}; not {@code null}
     * @param message the message naming the value and what is valid; not {@code null}
     * @param cause the parse error behind it, or {@code null}
     */
    public InvalidRetryPolicyException(String option, String message, @Nullable Throwable cause) {
        this(option, null, message, cause);
    }

    /**
     * Creates the exception for one value of a list option.
     *
     * @param option the option's key, for example {@code retry-on}; not {@code null}
     * @param value the value refused, for example one class name of the list, or {@code null} when not known
     * @param message the message naming the value and what is valid; not {@code null}
     * @param cause the error behind it, or {@code null}
     */
    public InvalidRetryPolicyException(String option, @Nullable String value, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.option = option;
        this.value = value;
    }

    /**
     * The option's key below {@code retry.}.
     *
     * @return for example {@code max-attempts}, never {@code null}
     */
    public String option() {
        return this.option;
    }

    /**
     * The value refused, when the exception names one value of a list (a class name of {@code retry-on}).
     *
     * @return the value, or {@code null} when the exception does not single one out
     */
    public @Nullable String value() {
        return this.value;
    }
}
