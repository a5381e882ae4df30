package io.kairos.scheduler.config;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A value out of range is refused the same way whether it comes as a flat {@code kairos.*} key or through the
 * builder's typed method: an {@link InvalidConfigurationException} carrying the key and the value.
 */
class ConfigurationKeysTests {

    @ParameterizedTest
    @CsvSource({ "kairos.poll-interval, 0", "kairos.lease-time, 0", "kairos.finished-job-retention, 0",
            "kairos.job-defaults.misfire-grace-time, 0", "kairos.job-defaults.max-instances, 0",
            "kairos.job-defaults.jitter, -1", "kairos.history.max-runs-per-job, 0", "kairos.history.max-age, 0",
            "kairos.history.max-stack-trace-length, 255", "kairos.history.max-result-length, 15",
            "kairos.scheduler-id, ' '" })
    void flatKeysAndTypedMethodsRefuseTheSameValuesNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of(key, value)))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, (ex) -> assertKey(ex, key));
        Consumer<SchedulerBuilder> typed = typed(key, value);
        assertThatThrownBy(() -> typed.accept(Scheduler.builder()))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, (ex) -> assertKey(ex, key));
    }

    private static void assertKey(InvalidConfigurationException ex, String key) {
        org.assertj.core.api.Assertions.assertThat(ex.getKey()).isEqualTo(key);
        org.assertj.core.api.Assertions.assertThat(ex.getMessage()).startsWith("'" + key + "': value '");
        org.assertj.core.api.Assertions.assertThat(ex.getValid()).isNotBlank();
    }

    private static Consumer<SchedulerBuilder> typed(String key, String value) {
        return switch (key) {
            case "kairos.poll-interval" -> (b) -> b.pollInterval(Durations.parse(key, value));
            case "kairos.lease-time" -> (b) -> b.leaseTime(Durations.parse(key, value));
            case "kairos.finished-job-retention" -> (b) -> b.finishedJobRetention(Durations.parse(key, value));
            case "kairos.job-defaults.misfire-grace-time" -> (b) -> b.defaultMisfireGraceTime(Durations.parse(key, value));
            case "kairos.job-defaults.max-instances" -> (b) -> b.defaultMaxInstances(Integer.parseInt(value));
            case "kairos.job-defaults.jitter" -> (b) -> b.defaultJitter(Duration.ofSeconds(Long.parseLong(value)));
            case "kairos.history.max-runs-per-job" -> (b) -> b.historyMaxRunsPerJob(Integer.parseInt(value));
            case "kairos.history.max-age" -> (b) -> b.historyMaxAge(Durations.parse(key, value));
            case "kairos.history.max-stack-trace-length" -> (b) -> b.historyMaxStackTraceLength(Integer.parseInt(value));
            case "kairos.history.max-result-length" -> (b) -> b.historyMaxResultLength(Integer.parseInt(value));
            case "kairos.scheduler-id" -> (b) -> b.schedulerId(value);
            default -> throw new IllegalArgumentException(key);
        };
    }
}
