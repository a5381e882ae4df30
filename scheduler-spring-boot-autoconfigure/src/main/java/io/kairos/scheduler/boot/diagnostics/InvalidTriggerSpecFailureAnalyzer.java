package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.trigger.InvalidTriggerSpecException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidTriggerSpecException} raised during start-up (a job added from application code, or a
 * stored trigger): the trigger field, its value and the parser's message, which says what would be valid.
 */
class InvalidTriggerSpecFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTriggerSpecException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTriggerSpecException cause) {
        String field = cause.field() != null ? cause.field() : "(whole trigger spec)";
        String description = "A Kairos trigger is invalid.\n\n    Field: " + field + "\n    Value: " + cause.value()
                + "\n    Reason: " + cause.getMessage();
        return new FailureAnalysis(description, "Fix the trigger field '" + field
                + "' where the job is declared or added; the reason above lists what is valid.", cause);
    }
}
