package io.kairos.scheduler.config;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * The range checks of scheduler configuration values, shared by the flat {@code kairos.*} keys, the
 * {@code SchedulerBuilder}'s typed methods and the Spring Boot starter, so that a value is valid or not whichever
 * way it is given. Each failure is an {@link InvalidConfigurationException} naming the key. Stateless.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * A duration longer than zero.
     *
     * @param key the configuration key, for the error
     * @param value the value
     * @return {@code value}
     * @throws NullPointerException when {@code value} is {@code null}
     * @throws InvalidConfigurationException when it is zero or negative
     */
    public static Duration positive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(key, value, "is not positive", "a duration longer than zero, e.g. '30s'");
        }
        return value;
    }

    /**
     * A duration longer than zero, or none.
     *
     * @param key the configuration key, for the error
     * @param value the value, {@code null} for none (no limit)
     * @return {@code value}
     * @throws InvalidConfigurationException when it is zero or negative
     */
    public static @Nullable Duration positiveOrNone(String key, @Nullable Duration value) {
        return value == null ? null : positive(key, value);
    }

    /**
     * A duration of zero or more.
     *
     * @param key the configuration key, for the error
     * @param value the value, may be {@code null} where the key allows none
     * @return {@code value}
     * @throws InvalidConfigurationException when it is negative
     */
    public static Duration notNegative(String key, Duration value) {
        if (value != null && value.isNegative()) {
            throw new InvalidConfigurationException(key, value, "is negative", "a duration of zero or more");
        }
        return value;
    }

    /**
     * A whole number of at least {@code least}.
     *
     * @param key the configuration key, for the error
     * @param value the value
     * @param least the smallest valid value
     * @return {@code value}
     * @throws InvalidConfigurationException when it is smaller
     */
    public static int atLeast(String key, int value, int least) {
        if (value < least) {
            throw new InvalidConfigurationException(key, value, "is less than " + least, "a whole number of at least " + least);
        }
        return value;
    }

    /**
     * Text with at least one non-blank character.
     *
     * @param key the configuration key, for the error
     * @param value the value
     * @return {@code value}, trimmed
     * @throws InvalidConfigurationException when it is {@code null} or blank
     */
    public static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(key, value, "is blank", "non-blank text");
        }
        return value.trim();
    }
}
