package io.kairos.scheduler.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration value the scheduler cannot work with, carrying the configuration key it was given under
 * ({@code kairos.poll-interval}, {@code kairos.job-defaults.max-instances}; the same keys whether the value came
 * from flat {@code kairos.*} keys, the {@code SchedulerBuilder}'s typed methods or Spring Boot's properties), the
 * value, what is wrong and what is valid. An {@link IllegalArgumentException}, as before it was typed. Thrown while
 * a scheduler is being built or configured.
 */
public class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    private final transient @Nullable Object value;

    private final String problem;

    private final String valid;

    /**
     * Creates the exception.
     *
     * @param key the full configuration key, e.g. {@code kairos.lease-time}
     * @param value the value given, may be {@code null} when the problem is a missing value
     * @param problem what is wrong, a sentence fragment without the key, e.g. {@code "is not positive"}
     * @param valid what would be accepted, e.g. {@code "a duration longer than zero, e.g. '30s'"}
     */
    public InvalidConfigurationException(String key, @Nullable Object value, String problem, String valid) {
        this("'" + key + "': value '" + value + "' " + problem + "; valid: " + valid, key, value, problem, valid, null);
    }

    /**
     * Creates the exception with its own message and a cause.
     *
     * @param message the message
     * @param key the full configuration key
     * @param value the value given, may be {@code null}
     * @param problem what is wrong
     * @param valid what would be accepted (or what to do)
     * @param cause the underlying error, may be {@code null}
     */
    public InvalidConfigurationException(String message, String key, @Nullable Object value, String problem, String valid,
            @Nullable Throwable cause) {
        super(message, cause);
        this.key = key;
        this.value = value;
        this.problem = problem;
        this.valid = valid;
    }

    /**
     * The key at fault.
     *
     * @return the full, kebab-case key, e.g. {@code kairos.executors.default.max-workers}
     */
    public String getKey() {
        return this.key;
    }

    /**
     * The value given.
     *
     * @return the value, or {@code null} when it is missing
     */
    public @Nullable Object getValue() {
        return this.value;
    }

    /**
     * What is wrong with the value.
     *
     * @return a sentence fragment without the key
     */
    public String getProblem() {
        return this.problem;
    }

    /**
     * What would be accepted.
     *
     * @return a description of the valid values (or of what to do)
     */
    public String getValid() {
        return this.valid;
    }
}
