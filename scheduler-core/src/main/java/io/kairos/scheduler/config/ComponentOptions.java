package io.kairos.scheduler.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one configured executor or job store ({@code kairos.executors.<alias>.*} without
 * {@code type}), with typed accessors whose errors name the full key. Keys are kebab-case ({@code max-workers};
 * {@code max_workers} is accepted and normalised). Immutable and thread-safe.
 */
public final class ComponentOptions {

    private final String prefix;

    private final String alias;

    private final Map<String, String> values;

    /**
     * Creates the options.
     *
     * @param prefix the key prefix for messages, e.g. {@code kairos.executors.default}
     * @param alias the component's alias
     * @param values option values by key
     */
    public ComponentOptions(String prefix, String alias, Map<String, String> values) {
        this.prefix = prefix;
        this.alias = alias;
        Map<String, String> normalised = new LinkedHashMap<>();
        values.forEach((k, v) -> normalised.put(k.replace('_', '-'), v));
        this.values = Collections.unmodifiableMap(normalised);
    }

    /**
     * The component's alias.
     *
     * @return the component's alias
     */
    public String alias() {
        return this.alias;
    }

    /**
     * All option values by kebab-case key.
     *
     * @return all option values by kebab-case key, immutable
     */
    public Map<String, String> values() {
        return this.values;
    }

    /**
     * A value as text.
     *
     * @param key the kebab-case key
     * @return the trimmed value, or empty
     */
    public Optional<String> string(String key) {
        return Optional.ofNullable(this.values.get(key)).map(String::trim);
    }

    /**
     * A positive whole number.
     *
     * @param key the kebab-case key
     * @param defaultValue the value when absent
     * @return the number
     * @throws InvalidConfigurationException naming the full key when the value is not a positive whole number
     */
    public int positiveInt(String key, int defaultValue) {
        return atLeast(key, defaultValue, 1);
    }

    private int atLeast(String key, int defaultValue, int minimum) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= minimum) {
                return value;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new InvalidConfigurationException(this.prefix + "." + key, text.get(), "must be a whole number of at least " + minimum,
                "a whole number of at least " + minimum);
    }

    /**
     * A whole number of at least 0.
     *
     * @param key the kebab-case key
     * @param defaultValue the value when absent
     * @return the value
     * @throws InvalidConfigurationException naming the full key and the value when it is not a whole number &ge; 0
     */
    public int nonNegativeInt(String key, int defaultValue) {
        return atLeast(key, defaultValue, 0);
    }

    /**
     * A duration ({@code 30}, {@code 30s}, {@code 500ms}, {@code 5m}, {@code PT30S}).
     *
     * @param key the kebab-case key
     * @param defaultValue the value when absent
     * @return the duration
     * @throws InvalidConfigurationException naming the full key when the value is not a duration
     */
    public Duration duration(String key, Duration defaultValue) {
        return duration(key).orElse(defaultValue);
    }

    /**
     * A duration ({@code 30}, {@code 30s}, {@code 500ms}, {@code 5m}, {@code PT30S}), for an option without a default.
     *
     * @param key the kebab-case key
     * @return the duration, empty when absent
     * @throws IllegalArgumentException naming the full key when the value is not a duration
     */
    public Optional<Duration> duration(String key) {
        return string(key).map((v) -> Durations.parse(this.prefix + "." + key, v));
    }

    /**
     * Rejects options the component does not know.
     *
     * @param known the valid keys
     * @throws InvalidConfigurationException naming the first unknown key and listing the valid ones
     */
    public void requireOnly(Set<String> known) {
        for (String key : this.values.keySet()) {
            if (!known.contains(key)) {
                String valid = known.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(known));
                throw new InvalidConfigurationException("unknown option '" + this.prefix + "." + key + "'; valid options: " + valid,
                        this.prefix + "." + key, this.values.get(key), "is not an option of this type", "options " + valid, null);
            }
        }
    }
}
