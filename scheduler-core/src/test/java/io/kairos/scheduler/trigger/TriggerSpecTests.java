package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date-time grammar (APScheduler's {@code convert_to_datetime} plus ISO-8601) and the number formats of specs. */
class TriggerSpecTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2009-11-06 16:30:05                 | 2009-11-06T16:30:05+01:00[Europe/Berlin]
            2009-11-06T16:30:05                 | 2009-11-06T16:30:05+01:00[Europe/Berlin]
            2009-11-06                          | 2009-11-06T00:00+01:00[Europe/Berlin]
            2009-7-6                            | 2009-07-06T00:00+02:00[Europe/Berlin]
            2009-7-6 9:5:3                      | 2009-07-06T09:05:03+02:00[Europe/Berlin]
            2009-11-06 16:30                    | 2009-11-06T16:30+01:00[Europe/Berlin]
            2009-11-06 16:30:05.5               | 2009-11-06T16:30:05.500+01:00[Europe/Berlin]
            2020-05-16 19:32:44.649521          | 2020-05-16T19:32:44.649521+02:00[Europe/Berlin]
            2009-11-06T15:30:05Z                | 2009-11-06T16:30:05+01:00[Europe/Berlin]
            2009-11-06 18:30:05+03:00           | 2009-11-06T16:30:05+01:00[Europe/Berlin]
            2009-11-06T18:30:05+0300            | 2009-11-06T16:30:05+01:00[Europe/Berlin]
            2009-11-06T16:30:05+01:00[Europe/Paris] | 2009-11-06T16:30:05+01:00[Europe/Berlin]
            2016-03-27 02:30                    | 2016-03-27T03:30+02:00[Europe/Berlin]
            2016-10-30 02:30                    | 2016-10-30T02:30+02:00[Europe/Berlin]
            """)
    void dateTimesAreReadInTheTriggersZone(String text, String expected) {
        ZonedDateTime parsed = TriggerSpec.parseDateTime("start_date", text, BERLIN);
        assertThat(parsed).isEqualTo(ZonedDateTime.parse(expected));
        assertThat(TriggerSpec.parseDateTime("start_date", TriggerSpec.formatDateTime(parsed), BERLIN)).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2009-13-06", "2009-11-06 25:00", "2009-02-30", "yesterday", "06.11.2009", "2009-11-06T16:30:05+25:00" })
    void badDateTimesNameTheKeyTheValueAndTheValidForms(String text) {
        assertThatThrownBy(() -> TriggerSpec.parseDateTime("run_date", text, BERLIN)).isInstanceOfSatisfying(
                InvalidTriggerSpecException.class, (ex) -> assertThat(ex.field()).isEqualTo("run_date"))
                .hasMessageContaining("'" + text + "'").hasMessageContaining("valid: ISO-8601");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PT12S      | 12
            PT1.5S     | 1.5
            PT0.001S   | 0.001
            PT0.000001S | 0.000001
            """)
    void secondsRoundTrip(Duration duration, BigDecimal seconds) {
        Number formatted = TriggerSpec.formatSeconds(duration);
        assertThat(new BigDecimal(formatted.toString())).isEqualByComparingTo(seconds);
        assertThat(TriggerSpec.read(java.util.Map.of("jitter", formatted), "interval", java.util.Set.of("jitter")).seconds("jitter"))
                .contains(duration);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            UTC           | UTC
            utc           | UTC
            Z             | UTC
            +02:00        | +02:00
            Europe/Berlin | Europe/Berlin
            """)
    void zonesRoundTrip(String id, String formatted) {
        ZoneId zone = TriggerSpec.parseZone("timezone", id);
        assertThat(TriggerSpec.formatZone(zone)).isEqualTo(formatted);
        assertThat(TriggerSpec.parseZone("timezone", formatted)).isEqualTo(zone);
        assertThat(TriggerSpec.parseZone("timezone", "UTC")).isEqualTo(ZoneOffset.UTC);
    }
}
