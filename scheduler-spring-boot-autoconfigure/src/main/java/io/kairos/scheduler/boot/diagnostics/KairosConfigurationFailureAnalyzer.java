package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.boot.KairosConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link KairosConfigurationException}: the property, its value, what is wrong and what to do.
 */
class KairosConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<KairosConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KairosConfigurationException cause) {
        String description = "The Kairos scheduler could not be configured.\n\n    Property: " + cause.getProperty()
                + "\n    Value: " + cause.getValue() + "\n    Reason: " + cause.getProblem();
        return new FailureAnalysis(description,
                "Update your application's configuration (property '" + cause.getProperty() + "'). "
                        + cause.getAction(),
                cause);
    }
}
