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
 * under an executor): each with its value, where it was set and the nearest valid property. Kairos binds its
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
        StringBuilder description = new StringBuilder("Kairos does not know ")
            .append(unknown.size() == 1 ? "this property" : "these properties").append(":\n");
        StringBuilder action = new StringBuilder("Fix or remove the misspelled ").append(unknown.size() == 1 ? "property" : "properties")
            .append(". Nearest valid ").append(unknown.size() == 1 ? "property" : "properties").append(":\n");
        for (ConfigurationProperty property : unknown) {
            String name = property.getName().toString();
            description.append("\n    Property: ").append(name)
                .append("\n    Value: ").append(cut(String.valueOf(property.getValue())))
                .append("\n    Origin: ").append(property.getOrigin() != null ? property.getOrigin() : "unknown")
                .append("\n    Reason: no such Kairos property\n");
            action.append("\n    ").append(name).append(" -> ").append(KairosPropertyNames.nearest(name));
        }
        action.append("\n\nEvery property is listed with its description in the IDE metadata and in the README's "
                + "application.yml section ('*' stands for a store or executor alias).");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static String cut(String value) {
        return value.length() <= VALUE_LIMIT ? value : value.substring(0, VALUE_LIMIT) + "... (" + value.length() + " characters)";
    }
}
