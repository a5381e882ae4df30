package io.kairos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration durations from untrusted text: huge numbers are refused before any arithmetic, naming the key. */
class DurationsTests {

    @ParameterizedTest
    @ValueSource(strings = { "1e999999999", "1e300000s", "1e999999999ms", "1e-999999999", "1e-999999999d", "9e19s",
            "PT2562047788015216H" })
    void hugeValuesAreNotDurations(String value) {
        assertThatThrownBy(() -> Durations.parse("kairos.job-defaults.jitter", value)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("'kairos.job-defaults.jitter': value '").hasMessageContaining("is not a duration")
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void aLongValueIsEchoedAsAShortPrefix() {
        assertThatThrownBy(() -> Durations.parse("kairos.lease-time", "1".repeat(5_000_000) + "s"))
            .hasMessageStartingWith("'kairos.lease-time': value '" + "1".repeat(64) + "…' is not a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = { "9223372036.854775807", "106751d", "PT2562047H" })
    void theLongestDurationsStillParse(String value) {
        assertThat(Durations.parse("k", value)).isPositive().isLessThanOrEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }
}
