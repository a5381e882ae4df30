package io.kairos.scheduler.boot.diagnostics;

import java.util.List;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.jspecify.annotations.Nullable;

/**
 * Reports {@code kairos.*} properties that bind to nothing (a misspelled {@code max-instance}, {@code table-name}
 * under an executor): each with its value, where it was set and the nearest valid property. A valid property given
 * an empty value ({@code max-attempts: ""}, {@code --kairos.jobstores.default.initialize-schema=}), which Spring Boot
 * binds to nothing as well, is reported as an empty value with what is valid for it, not as a misspelling. Kairos binds its
 * properties with {@code ignoreUnknownFields = false}, as the engine rejects unknown keys; ordered before Spring
 * Boot's general report of unbound properties, which names no valid alternative. Environment variables and system
 * properties are not checked (Spring Boot leaves them out of this check).
 */
class UnknownKairosPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
        implements Ordered {

    private static final int VALUE_LIMIT = 64;

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
        List<ConfigurationProperty> unknown = List.copyOf(cause.getUnboundProperties());
        if (unknown.isEmpty() || !unknown.stream().allMatch((property) -> property.getName().toString().startsWith("kairos."))) {
            return null;
        }
        List<ConfigurationProperty> empty = unknown.stream().filter(UnknownKairosPropertyFailureAnalyzer::isEmptyValueOfKnownProperty)
            .toList();
        List<ConfigurationProperty> misspelled = unknown.stream().filter((property) -> !empty.contains(property)).toList();
        StringBuilder description = new StringBuilder();
        StringBuilder action = new StringBuilder();
        if (!empty.isEmpty()) {
            description.append(empty.size() == 1 ? "This Kairos property has" : "These Kairos properties have")
                .append(" an empty value:\n");
            action.append("Give a value or remove the ").append(empty.size() == 1 ? "property" : "properties")
                .append(" (removed, the default applies):\n");
            for (ConfigurationProperty property : empty) {
                String name = property.getName().toString();
                describe(description, property, "empty value; " + KairosPropertyNames.validValues(name) + " is valid");
                action.append("\n    ").append(name).append(": give ").append(KairosPropertyNames.validValues(name))
                    .append(", or remove it");
            }
        }
        if (!misspelled.isEmpty()) {
            if (!empty.isEmpty()) {
                description.append('\n');
                action.append("\n\n");
            }
            description.append("Kairos does not know ").append(misspelled.size() == 1 ? "this property" : "these properties")
                .append(":\n");
            action.append("Fix or remove the misspelled ").append(misspelled.size() == 1 ? "property" : "properties")
                .append(". Nearest valid ").append(misspelled.size() == 1 ? "property" : "properties").append(":\n");
            for (ConfigurationProperty property : misspelled) {
                String name = property.getName().toString();
                describe(description, property, "no such Kairos property");
                action.append("\n    ").append(name).append(" -> ").append(KairosPropertyNames.nearest(name));
            }
        }
        action.append("\n\nEvery property is listed with its description in the IDE metadata and in the README's "
                + "application.yml section ('*' stands for a store or executor alias).");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    /**
     * Whether an unbound property is a valid one given an empty value: Spring Boot binds {@code ""} to {@code null}
     * for a number, a duration or an enum, and then reports the property as unbound, as it would a misspelled one.
     */
    private static boolean isEmptyValueOfKnownProperty(ConfigurationProperty property) {
        Object value = property.getValue();
        return value != null && value.toString().isBlank() && KairosPropertyNames.isKnown(property.getName().toString());
    }

    private static void describe(StringBuilder description, ConfigurationProperty property, String reason) {
        description.append("\n    Property: ").append(property.getName())
            .append("\n    Value: ").append(property.getValue() != null && property.getValue().toString().isEmpty() ? "\"\""
                    : cut(String.valueOf(property.getValue())))
            .append("\n    Origin: ").append(property.getOrigin() != null ? property.getOrigin() : "unknown")
            .append("\n    Reason: ").append(reason).append('\n');
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static String cut(String value) {
        return value.length() <= VALUE_LIMIT ? value : value.substring(0, VALUE_LIMIT) + "... (" + value.length() + " characters)";
    }
}
