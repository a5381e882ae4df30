package io.kairos.scheduler.boot.diagnostics;

import java.util.List;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.jdbc.JdbcJobTableMissingException;
import io.kairos.scheduler.store.redis.RedisUnreachableException;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;

class FailureAnalyzersTests {

    @Test
    void configurationExceptionNamesPropertyValueAndValidValues() {
        KairosConfigurationException ex = KairosConfigurationException.invalidValue("kairos.jobstores.cache.table-name",
                "jobs", "applies only to stores of type jdbc, and this store is of type redis", List.of("jdbc"));
        FailureAnalysis analysis = analyze(new BeanCreationException("jobScheduler", "failed", ex));
        assertThat(analysis.getDescription()).contains("Property: kairos.jobstores.cache.table-name", "Value: jobs",
                "applies only to stores of type jdbc");
        assertThat(analysis.getAction()).contains("kairos.jobstores.cache.table-name", "Valid values: jdbc");
    }

    @Test
    void declarationExceptionWinsOverTheTriggerSpecExceptionItWraps() {
        InvalidTriggerSpecException spec = new InvalidTriggerSpecException("hour", "25",
                "cron field 'hour': value '25' is higher than the maximum value (23); valid: 0-23");
        ScheduledJobDeclarationException ex = new ScheduledJobDeclarationException("Reports.nightly() (bean 'reports')",
                "hour", "25", "is not a valid trigger: " + spec.getMessage(), "Fix the trigger", spec);
        FailureAnalysis analysis = analyze(new BeanCreationException("reports", "failed", ex));
        assertThat(analysis.getDescription()).contains("Method: Reports.nightly() (bean 'reports')", "Attribute: hour",
                "Value: 25", "valid: 0-23");
        assertThat(analysis.getAction()).contains("Reports.nightly()");
    }

    @Test
    void bareTriggerSpecExceptionNamesFieldAndValue() {
        InvalidTriggerSpecException spec = new InvalidTriggerSpecException("hour", "25",
                "cron field 'hour': value '25' is higher than the maximum value (23); valid: 0-23");
        FailureAnalysis analysis = analyze(new IllegalStateException("start-up failed", spec));
        assertThat(analysis.getDescription()).contains("Field: hour", "Value: 25", "valid: 0-23");
        assertThat(analysis.getAction()).contains("'hour'");
    }

    @Test
    void conflictingJobIdNamesTheId() {
        FailureAnalysis analysis = analyze(new IllegalStateException(new ConflictingJobIdException("order-42", "default")));
        assertThat(analysis.getDescription()).contains("'order-42'");
        assertThat(analysis.getAction()).contains("ConflictPolicy.REPLACE");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("replace_existing");
    }

    @Test
    void missingJdbcJobTableNamesTheStoreTheTableAndTheProperty() {
        JdbcJobTableMissingException ex = new JdbcJobTableMissingException("default", "nu2_missing_sb",
                "job store 'default': job table nu2_missing_sb cannot be read; ...", null);
        FailureAnalysis analysis = analyze(new IllegalStateException("Failed to start bean 'kairosSchedulerLifecycle'", ex));
        assertThat(analysis.getDescription()).contains("job store 'default'", "job table nu2_missing_sb",
                "Property: kairos.jobstores.default.table-name", "Value: nu2_missing_sb");
        assertThat(analysis.getAction()).contains("kairos.jobstores.default.initialize-schema to always");
    }

    @Test
    void unreachableRedisNamesTheStoreTheAddressTheReasonAndTheProperties() {
        RedisUnreachableException ex = new RedisUnreachableException("cache", "10.0.0.9:6380",
                new RedisConnectionException("Unable to connect to 10.0.0.9/<unresolved>:6380", new java.net.ConnectException("Connection refused")));
        FailureAnalysis analysis = analyze(new IllegalStateException("Failed to start bean 'kairosSchedulerLifecycle'", ex));
        assertThat(analysis.getDescription()).contains("job store 'cache'", "could not connect to Redis at 10.0.0.9:6380",
                "Address: 10.0.0.9:6380 (spring.data.redis.host and spring.data.redis.port, or spring.data.redis.url)",
                "Reason: Unable to connect to 10.0.0.9/<unresolved>:6380: Connection refused");
        assertThat(analysis.getAction()).contains("Check that Redis runs at 10.0.0.9:6380", "kairos.jobstores.cache.type");
    }

    /** Runs the analyzers the way Spring Boot does: loaded from spring.factories, sorted, first answer wins. */
    private static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, new StandardEnvironment()), (type, name, ex) -> {
                // Spring Boot's own analyzers that need constructor arguments: not under test here
            });
        AnnotationAwareOrderComparator.sort(analyzers);
        for (FailureAnalyzer analyzer : analyzers) {
            if (analyzer.getClass().getPackageName().equals(FailureAnalyzersTests.class.getPackageName())) {
                FailureAnalysis analysis = analyzer.analyze(failure);
                if (analysis != null) {
                    return analysis;
                }
            }
        }
        throw new AssertionError("no Kairos analyzer answered for " + failure);
    }
}
