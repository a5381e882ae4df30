package io.kairos.scheduler.history;

import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * The exception a failed run attempt threw, as kept in its {@link RunRecord}. Immutable.
 *
 * @param type the exception's class name, not {@code null}
 * @param message the exception's message, or {@code null} when it had none
 * @param stackTrace the printed stack trace (with causes), cut to the history's limit; not {@code null}
 * @param stackTraceTruncated whether {@code stackTrace} was cut
 */
public record RunError(String type, @Nullable String message, String stackTrace, boolean stackTraceTruncated) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when {@code type} or {@code stackTrace} is {@code null}
     */
    public RunError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stackTrace, "stackTrace");
    }
}
