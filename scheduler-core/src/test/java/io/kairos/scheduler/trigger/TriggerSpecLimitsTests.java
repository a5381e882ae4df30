package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile spec values: numbers with huge exponents are refused before any big-number arithmetic, naming the key, and
 * messages echo long values cut to a short prefix.
 */
class TriggerSpecLimitsTests {

    private static final int LONG = 5_000_000;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            seconds | 1e300000     | is out of range (at most 20 digits before the decimal point)
            seconds | 1e999999999  | is out of range (at most 20 digits before the decimal point)
            seconds | 1e-999999999 | is out of range (at most 100 digits after the decimal point)
            weeks   | 9e19         | is too long
            jitter  | 1e999999999  | is out of range (at most 20 digits before the decimal point)
            jitter  | 1e19         | is too large; valid: at most 9000000000 seconds
            """)
    void hugeNumbersAreRefusedNamingTheKey(String key, String value, String problem) {
        Map<String, Object> spec = new java.util.HashMap<>(Map.of("type", "interval", "seconds", 1, "start_date", "2020-01-01"));
        spec.put(key, value);
        assertThatThrownBy(() -> Triggers.fromSpec(spec, ZoneOffset.UTC)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining(problem).hasMessageContaining(key.equals("weeks") ? "interval of" : "'" + key + "'");
    }

    @Test
    void hugeNumberObjectsAreRefusedBeforeTheyArePrinted() {
        for (Object huge : List.<Object>of(new BigDecimal("1e999999999"), BigInteger.TEN.pow(400), 1e300, Double.POSITIVE_INFINITY)) {
            assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "interval", "seconds", huge), ZoneOffset.UTC))
                .isInstanceOf(InvalidTriggerSpecException.class).hasMessageStartingWith("interval trigger 'seconds': value '");
            assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "cron", "hour", huge), ZoneOffset.UTC))
                .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("'hour'");
        }
    }

    @Test
    void longValuesAreEchoedAsAShortPrefix() {
        String huge = "7".repeat(LONG);
        List<Map<String, Object>> specs = List.of(Map.of("type", huge), Map.of("type", "date", huge, 1),
                Map.of("type", "date", "run_date", huge), Map.of("type", "date", "timezone", huge),
                Map.of("type", "interval", "hours", huge), Map.of("type", "cron", "hour", huge), Map.of("type", "cron", "expression", huge),
                Map.of("type", "cron", "expression", "0 0 " + huge + " * *"), Map.of("type", "cron", "day", "1st " + huge),
                Map.of("type", "cron", "month", "x".repeat(LONG)), Map.of("type", "or", "triggers", List.of(Map.of("type", "date",
                        "run_date", huge))), Map.of("type", "and", "triggers", List.of(Map.of("type", "date", huge, 1))));
        for (Map<String, Object> spec : specs) {
            assertThatThrownBy(() -> Triggers.fromSpec(spec, ZoneOffset.UTC)).isInstanceOf(InvalidTriggerSpecException.class)
                .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(1_000).contains("…"));
        }
    }
}
