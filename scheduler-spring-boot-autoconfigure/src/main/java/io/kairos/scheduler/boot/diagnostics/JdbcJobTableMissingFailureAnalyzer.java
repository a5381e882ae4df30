package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.store.jdbc.JdbcJobTableMissingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link JdbcJobTableMissingException} raised during start-up: a jdbc job store could not read its job
 * table. Names the store, the table and the properties that decide whether the store creates it.
 */
class JdbcJobTableMissingFailureAnalyzer extends AbstractFailureAnalyzer<JdbcJobTableMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JdbcJobTableMissingException cause) {
        String prefix = "kairos.jobstores." + cause.alias() + ".";
        return new FailureAnalysis("The Kairos job store '" + cause.alias() + "' cannot read its job table " + cause.table()
                + ".\n\n    Property: " + prefix + "table-name\n    Value: " + cause.table() + "\n    Reason: " + cause.getMessage(),
                "Set " + prefix + "initialize-schema to always so that the store creates the table (embedded, the default, "
                        + "does so only for embedded databases), or create " + cause.table() + " yourself (see the reason "
                        + "above), or correct " + prefix + "table-name.",
                cause);
    }
}
