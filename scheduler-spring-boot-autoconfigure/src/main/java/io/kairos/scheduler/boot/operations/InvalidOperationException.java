package io.kairos.scheduler.boot.operations;

import org.jspecify.annotations.Nullable;

/**
 * A request to {@link SchedulerOperations} that cannot be carried out as asked: a missing or unknown action, or an
 * invalid trigger spec. The message names the value and what is valid; callers answer it as a client error (HTTP
 * 400).
 */
public class InvalidOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String field;

    /**
     * Creates the exception.
     *
     * @param field the request field at fault ({@code action}, {@code trigger}, or a trigger spec key such as
     *     {@code hour}), or {@code null} when no single field is
     * @param message what was wrong and what is valid
     */
    public InvalidOperationException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * The request field at fault.
     *
     * @return e.g. {@code action}, {@code trigger} or a trigger spec key such as {@code hour}; {@code null} when no
     *     single field is
     */
    public @Nullable String field() {
        return this.field;
    }
}
