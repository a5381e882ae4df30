package io.kairos.scheduler.trigger;

import org.jspecify.annotations.Nullable;

/**
 * A trigger spec or trigger parameter that cannot be accepted. The message names the field, the
 * offending value and what would be valid, e.g. {@code cron field 'hour': value '25' is higher than
 * the maximum value (23); valid: 0-23}.
 */
public class InvalidTriggerSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String field;

    private final @Nullable Object value;

    /**
     * Creates the exception.
     *
     * @param field the spec key at fault (snake_case), or {@code null} when the whole spec is at fault
     * @param value the offending value as given, may be {@code null}
     * @param message the full message, naming the field, the value and what would be valid
     */
    public InvalidTriggerSpecException(@Nullable String field, @Nullable Object value, String message) {
        super(message);
        this.field = field;
        this.value = value;
    }

    /**
     * The spec key at fault.
     *
     * @return the snake_case key, or {@code null} when the whole spec is at fault
     */
    public @Nullable String field() {
        return this.field;
    }

    /**
     * The offending value as given.
     *
     * @return the value, may be {@code null}
     */
    public @Nullable Object value() {
        return this.value;
    }
}
