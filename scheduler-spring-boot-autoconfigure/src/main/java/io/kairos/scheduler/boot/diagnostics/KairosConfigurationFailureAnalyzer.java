package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.config.InvalidConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidConfigurationException}, the engine's range checks and the starter's own
 * {@link KairosConfigurationException} alike: the property (the exception's configuration key, which is the
 * {@code kairos.*} property name), its value, what is wrong and what to do.
 */
class KairosConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        String description = "The Kairos scheduler could not be configured.\n\n    Property: " + cause.getKey()
                + "\n    Value: " + cause.getValue() + "\n    Reason: " + cause.getProblem();
        String action = (cause instanceof KairosConfigurationException kairos) ? kairos.getAction()
                : "Valid: " + cause.getValid() + ".";
        return new FailureAnalysis(description,
                "Update your application's configuration (property '" + cause.getKey() + "'). " + action, cause);
    }
}
