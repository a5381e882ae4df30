package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

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
        return analyze(failure, new StandardEnvironment());
    }

    /**
     * The first analysis of the registered analyzers, given the application's environment as Spring Boot gives it
     * to analyzers that take one.
     *
     * @param failure the start-up failure
     * @param environment the failed application's environment
     * @return the analysis
     * @throws AssertionError when no analyzer answers
     */
    static FailureAnalysis analyze(Throwable failure, Environment environment) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment), (type, name, ex) -> {
            });
        AnnotationAwareOrderComparator.sort(analyzers);
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no analyzer answered for " + failure);
    }
}
