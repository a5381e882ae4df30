package io.kairos.scheduler.boot.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunRetention;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kairos.history.*}: bound, handed to the engine, strict, and listed in the IDE metadata.
 */
class HistoryPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KairosAutoConfiguration.class));

    @Test
    void unsetPropertiesKeepTheEngineDefaults() {
        this.runner.run((context) -> assertThat(context.getBean(Scheduler.class).historySettings())
            .isEqualTo(HistorySettings.DEFAULTS));
    }

    @Test
    void everyHistoryPropertyReachesTheEngine() {
        this.runner.withPropertyValues("kairos.history.enabled=false", "kairos.history.max-runs-per-job=5",
                "kairos.history.max-age=2d", "kairos.history.max-stack-trace-length=1000",
                "kairos.history.max-result-length=64")
            .run((context) -> assertThat(context.getBean(Scheduler.class).historySettings())
                .isEqualTo(new HistorySettings(false, new RunRetention(5, Duration.ofDays(2)), 1000, 64)));
    }

    @Test
    void maxAgeWithoutAUnitIsSeconds() {
        this.runner.withPropertyValues("kairos.history.max-age=90")
            .run((context) -> assertThat(context.getBean(Scheduler.class).historySettings().retention().maxAge())
                .isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void aMisspelledHistoryPropertyFailsStartUp() {
        this.runner.withPropertyValues("kairos.history.max-run-per-job=5")
            .run((context) -> assertThat(context).getFailure().hasStackTraceContaining("kairos.history.max-run-per-job"));
    }

    @Test
    void anOutOfRangeValueFailsStartUpNamingThePropertyAndTheValue() {
        this.runner.withPropertyValues("kairos.history.max-runs-per-job=0")
            .run((context) -> assertThat(context).getFailure().hasStackTraceContaining(
                    "'kairos.history.max-runs-per-job': value '0' is less than 1"));
        this.runner.withPropertyValues("kairos.history.max-age=0s")
            .run((context) -> assertThat(context).getFailure().hasStackTraceContaining(
                    "'kairos.history.max-age': value 'PT0S' is not positive"));
        this.runner.withPropertyValues("kairos.history.max-stack-trace-length=255")
            .run((context) -> assertThat(context).getFailure().hasStackTraceContaining(
                    "'kairos.history.max-stack-trace-length': value '255' is less than 256"));
        this.runner.withPropertyValues("kairos.history.max-result-length=15")
            .run((context) -> assertThat(context).getFailure().hasStackTraceContaining(
                    "'kairos.history.max-result-length': value '15' is less than 16"));
    }

    @Test
    void everyHistoryPropertyIsInTheIdeMetadata() throws Exception {
        List<String> described = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("kairos.history.") && property.hasNonNull("description")) {
                    described.add(name);
                }
            }
        }
        assertThat(described).containsExactlyInAnyOrder("kairos.history.enabled", "kairos.history.max-runs-per-job",
                "kairos.history.max-age", "kairos.history.max-stack-trace-length", "kairos.history.max-result-length");
    }
}
