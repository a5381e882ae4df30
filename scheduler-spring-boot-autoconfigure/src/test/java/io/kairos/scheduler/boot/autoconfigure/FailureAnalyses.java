package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What the failure analyzers registered in {@code spring.factories} say about a start-up failure, as Spring Boot would. */
final class FailureAnalyses {

    private FailureAnalyses() {
    }

    /**
     * The first analysis of the registered analyzers.
     *
     * @param failure the start-up failure
     * @return the analysis
     * @throws AssertionError when no analyzer answers
     */
    static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, name, ex) -> {
            });
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no analyzer answered for " + failure);
    }
}
