package io.kairos.scheduler.boot.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Finds a property as it was written in the application's configuration: its text before conversion
 * ({@code -1d}, not {@code PT-24H}) and its origin ({@code class path resource [application.yml] - 3:14}), from the
 * environment's property sources in precedence order, as Spring Boot's binder reads them. Stateless.
 */
final class WrittenProperties {

    private WrittenProperties() {
    }

    /**
     * The property with the highest precedence under {@code name}, in any form Spring Boot binds (kebab case in
     * YAML, {@code KAIROS_HISTORY_MAXAGE} in the environment, a command-line argument).
     *
     * @param environment the application's environment, or {@code null} when the analyzer has none
     * @param name the canonical property name, e.g. {@code kairos.history.max-age}
     * @return the property with its value as written and its origin (which may be {@code null}), or {@code null}
     *     when no property source sets it (the value then came from code, e.g. a {@code SchedulerCustomizer}) or
     *     the name is not a valid property name
     */
    static @Nullable ConfigurationProperty find(@Nullable Environment environment, String name) {
        if (!(environment instanceof ConfigurableEnvironment) || !ConfigurationPropertyName.isValid(name)) {
            return null;
        }
        ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(key);
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    /**
     * Appends {@code Value:} (as written when the environment sets the property, else {@code bound}) and, when
     * known, {@code Origin:} lines.
     *
     * @param description the report being written
     * @param environment the application's environment, may be {@code null}
     * @param name the canonical property name
     * @param bound the value the application bound or used, reported when the environment does not set it
     */
    static void appendValueAndOrigin(StringBuilder description, @Nullable Environment environment, String name,
            @Nullable Object bound) {
        ConfigurationProperty written = find(environment, name);
        description.append("\n    Value: ").append(written != null ? written.getValue() : bound);
        if (written != null && written.getOrigin() != null) {
            description.append("\n    Origin: ").append(written.getOrigin());
        }
    }
}
