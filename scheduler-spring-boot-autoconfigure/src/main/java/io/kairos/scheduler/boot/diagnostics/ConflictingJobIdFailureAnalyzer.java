package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.store.ConflictingJobIdException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link ConflictingJobIdException} raised during start-up: a job added from application code with an id
 * its store already holds.
 */
class ConflictingJobIdFailureAnalyzer extends AbstractFailureAnalyzer<ConflictingJobIdException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConflictingJobIdException cause) {
        return new FailureAnalysis("A Kairos job could not be added: its id '" + cause.jobId()
                + "' is already taken.\n\n    Reason: " + cause.getMessage(),
                "Give the job another id, or add it with ConflictPolicy.REPLACE (replace the stored job) or "
                        + "ConflictPolicy.KEEP_EXISTING (keep it).",
                cause);
    }
}
