package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.config.InvalidConfigurationException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link InvalidConfigurationException}, the engine's range checks and the starter's own
 * {@link KairosConfigurationException} alike: the property (the exception's configuration key, which is the
 * {@code kairos.*} property name), its value as written ({@code -1d}, not the bound {@code PT-24H}) and where it was
 * set (as Spring Boot's own reports of invalid property values), what is wrong and what to do. A value set in code
 * (a {@code SchedulerCustomizer}) has no origin, and is shown as bound.
 */
class KairosConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    private final @Nullable Environment environment;

    KairosConfigurationFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        StringBuilder text = new StringBuilder("The Kairos scheduler could not be configured.\n\n    Property: ")
            .append(cause.getKey());
        WrittenProperties.appendValueAndOrigin(text, this.environment, cause.getKey(), cause.getValue());
        String description = text.append("\n    Reason: ").append(cause.getProblem()).toString();
        String action = (cause instanceof KairosConfigurationException kairos) ? kairos.getAction()
                : "Valid: " + cause.getValid() + ".";
        return new FailureAnalysis(description,
                "Update your application's configuration (property '" + cause.getKey() + "'). " + action, cause);
    }
}
