package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.boot.ScheduledJobDeclarationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a {@link ScheduledJobDeclarationException}: the method, the attribute, its value and what to do. Ordered
 * before the trigger-spec analyzer so that a wrapped {@code InvalidTriggerSpecException} is reported with the method
 * that declared it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ScheduledJobDeclarationFailureAnalyzer extends AbstractFailureAnalyzer<ScheduledJobDeclarationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ScheduledJobDeclarationException cause) {
        StringBuilder description = new StringBuilder("A @ScheduledJob declaration is invalid.\n\n    Method: ")
            .append(cause.getMethod());
        if (cause.getAttribute() != null) {
            description.append("\n    Attribute: ").append(cause.getAttribute())
                .append("\n    Value: ").append(cause.getValue());
        }
        description.append("\n    Reason: ").append(cause.getProblem());
        return new FailureAnalysis(description.toString(),
                "Fix the @ScheduledJob on " + cause.getMethod() + ". " + cause.getAction(), cause);
    }
}
