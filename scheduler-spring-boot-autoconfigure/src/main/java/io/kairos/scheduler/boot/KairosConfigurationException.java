package io.kairos.scheduler.boot;

import java.util.Collection;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A {@code kairos.*} property whose value cannot work: an option that does not apply to the store's or executor's
 * type, a value out of range, a jdbc store without a {@code DataSource}, a redis store without a Redis client on the
 * class path. Thrown at start-up while the scheduler bean is created; a failure analyzer turns it into a report that
 * names the property, its value, and what to do.
 */
public class KairosConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final transient @Nullable Object value;

    private final String problem;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the full property name at fault, e.g. {@code kairos.jobstores.default.type}
     * @param value the value it has, may be {@code null} when the problem is a missing value
     * @param problem what is wrong, a sentence without the property name, e.g. {@code "needs a DataSource bean, and
     *     the application context has none"}
     * @param action what would fix it, e.g. {@code "Valid values: memory, jdbc, redis"}
     */
    public KairosConfigurationException(String property, @Nullable Object value, String problem, String action) {
        this(property, value, problem, action, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param property the full property name at fault
     * @param value the value it has, may be {@code null}
     * @param problem what is wrong
     * @param action what would fix it
     * @param cause the underlying error (e.g. the engine's {@code IllegalArgumentException}), may be {@code null}
     */
    public KairosConfigurationException(String property, @Nullable Object value, String problem, String action,
            @Nullable Throwable cause) {
        super("Invalid Kairos configuration: property '" + property + "' (value '" + value + "') " + problem + ". "
                + action, cause);
        this.property = property;
        this.value = value;
        this.problem = problem;
        this.action = action;
    }

    /**
     * An exception for a value outside a set of valid ones.
     *
     * @param property the full property name
     * @param value the value given
     * @param problem what is wrong
     * @param validValues the values that would be accepted, in the order to show them
     * @return the exception, to throw
     */
    public static KairosConfigurationException invalidValue(String property, @Nullable Object value, String problem,
            Collection<?> validValues) {
        return new KairosConfigurationException(property, value, problem,
                "Valid values: " + validValues.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    /**
     * The property at fault.
     *
     * @return the full, kebab-case property name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * The value the property has.
     *
     * @return the value, or {@code null} when it is missing
     */
    public @Nullable Object getValue() {
        return this.value;
    }

    /**
     * What is wrong with the value.
     *
     * @return a sentence fragment without the property name
     */
    public String getProblem() {
        return this.problem;
    }

    /**
     * What would fix it.
     *
     * @return one or more sentences, listing valid values where there is a fixed set
     */
    public String getAction() {
        return this.action;
    }
}
