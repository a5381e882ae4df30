package io.kairos.scheduler.boot;

import java.util.Collection;
import java.util.stream.Collectors;

import io.kairos.scheduler.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code kairos.*} property whose value cannot work: an option that does not apply to the store's or executor's
 * type, a value out of range, a jdbc store without a {@code DataSource}, a redis store without a Redis client on the
 * class path. Thrown at start-up while the scheduler bean is created; a failure analyzer turns it into a report that
 * names the property, its value, and what to do. The engine's own range checks throw its
 * {@link InvalidConfigurationException}, which this extends, so one failure analyzer reports both by their key.
 */
public class KairosConfigurationException extends InvalidConfigurationException {

    private static final long serialVersionUID = 1L;

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
                + action, property, value, problem, action, cause);
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
        return getKey();
    }

    /**
     * What would fix it.
     *
     * @return one or more sentences, listing valid values where there is a fixed set
     */
    public String getAction() {
        return getValid();
    }
}
