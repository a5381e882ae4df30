package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.berlin;
import static io.kairos.scheduler.trigger.TriggerTestSupport.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec dispatcher: types, key spellings, the default zone and clock, and its error messages. */
class TriggersTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type": "interval", "hours": 2, "start_date": "2012-10-10 09:30:00", "end_date": "2014-06-15 11:00:00"} | interval[2:00:00]
            {"type": "interval", "seconds": 10}                                         | interval[0:00:10]
            {"type": "date", "run_date": "2009-11-06 16:30:05"}                         | date[2009-11-06 16:30:05 CET]
            {"type": "date", "run_date": "2019-11-06"}                                  | date[2019-11-06 00:00:00 CET]
            {"type": "date"}                                                            | date[2024-02-01 12:00:00 CET]
            {"type": "CalendarInterval", "months": 1}                                   | calendarinterval[months=1, time='00:00:00']
            {"type": "calendar-interval", "weeks": "2", "hour": "9"}                    | calendarinterval[weeks=2, time='09:00:00']
            {"type": "cron", "month": "6-8,11-12", "day": "3rd fri", "hour": "0-3"}     | cron[month='6-8,11-12', day='3rd fri', hour='0-3']
            {"type": "AND", "triggers": [{"type": "interval", "minutes": 2}]}           | and[interval[0:02:00]]
            {"type": "or", "triggers": [{"type": "date"}, {"type": "interval", "seconds": 5}]} | or[date[2024-02-01 12:00:00 CET], interval[0:00:05]]
            """)
    void seedSpecsBuildTheRightKind(String json, String text) {
        Trigger trigger = Triggers.fromSpec(SpecJson.read(json), BERLIN, clockAt(berlin("2024-02-01T12:00")));
        assertThat(trigger).hasToString(text);
        assertThat(trigger.timezone()).isEqualTo(BERLIN);
    }

    @Test
    void keysMayBeSnakeKebabOrCamelCase() {
        ZonedDateTime now = berlin("2024-02-01T12:00");
        Trigger snake = Triggers.fromSpec(Map.of("type", "interval", "minutes", 5, "start_date", "2024-01-01", "end_date", "2025-01-01"),
                BERLIN, clockAt(now));
        Trigger kebab = Triggers.fromSpec(Map.of("type", "interval", "minutes", 5, "start-date", "2024-01-01", "end-date", "2025-01-01"),
                BERLIN, clockAt(now));
        Trigger camel = Triggers.fromSpec(Map.of("Type", "interval", "minutes", 5, "startDate", "2024-01-01", "endDate", "2025-01-01"),
                BERLIN, clockAt(now));
        assertThat(kebab).isEqualTo(snake);
        assertThat(camel).isEqualTo(snake);
        assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "interval", "minutes", 5, "start_date", "2024-01-01",
                "startDate", "2024-01-01"), BERLIN)).isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("twice");
    }

    @Test
    void theDefaultZoneAppliesOnlyWhenTheSpecGivesNone() {
        Map<String, Object> spec = Map.of("type", "date", "run_date", "2024-07-01 08:00");
        assertThat(Triggers.fromSpec(spec, ZoneId.of("Asia/Shanghai")).nextFireTime(null, berlin("2024-01-01T00:00")))
                .contains(ZonedDateTime.parse("2024-07-01T08:00+08:00[Asia/Shanghai]"));
        Map<String, Object> withZone = new HashMap<>(spec);
        withZone.put("timezone", "utc");
        assertThat(Triggers.fromSpec(withZone, ZoneId.of("Asia/Shanghai")).timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(Triggers.fromSpec(spec).timezone()).isEqualTo(ZoneId.systemDefault().normalized());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type": "weekly"}                  | type     | value 'weekly' is not a trigger kind; valid: date, interval, cron, calendarinterval, and, or
            {"hours": 2}                        | type     | value 'null' is missing or not a name; valid: date, interval
            {"type": 3}                         | type     | value '3' is missing or not a name
            {"type": "date", "when": "now"}     | when     | date trigger spec has unknown key 'when'; valid keys: run_date, timezone
            {"type": "date", "timezone": "CEST"} | timezone | unknown time zone 'CEST'; valid: an IANA zone id
            {"type": "interval", "hours": true} | hours    | must be a string or a number
            {"type": "interval", "hours": "NaN"} | hours   | must be a number
            """)
    void badSpecsNameTheFieldTheValueAndWhatIsValid(String json, String field, String message) {
        assertThatThrownBy(() -> Triggers.fromSpec(SpecJson.read(json), BERLIN)).isInstanceOfSatisfying(
                InvalidTriggerSpecException.class, (ex) -> assertThat(ex.field()).isEqualTo(field)).hasMessageContaining(message);
    }

    @Test
    void nullSpecIsASpecError() {
        assertThatThrownBy(() -> Triggers.fromSpec(null, BERLIN)).isInstanceOf(InvalidTriggerSpecException.class)
                .hasMessageContaining("valid: a map with 'type'");
    }

    @Test
    void javaFactoriesMatchTheirSpecs() {
        ZonedDateTime start = berlin("2024-02-01T12:00");
        assertThat(Triggers.interval(Duration.ofMinutes(30), start))
                .isEqualTo(Triggers.fromSpec(Map.of("type", "interval", "minutes", 30, "start_date", "2024-02-01 12:00"), BERLIN));
        assertThat(Triggers.date(start)).isEqualTo(Triggers.fromSpec(Map.of("type", "date", "run_date", "2024-02-01T11:00Z"), BERLIN));
        java.time.Instant before = java.time.Instant.now();
        java.time.Instant startDate = Triggers.interval(Duration.ofSeconds(1)).startDate().toInstant();
        assertThat(startDate).as("starts now").isBetween(before, java.time.Instant.now());
        assertThatThrownBy(() -> Triggers.interval(Duration.ZERO, start)).isInstanceOf(InvalidTriggerSpecException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Triggers.interval(Duration.ofNanos(1_500_000), start))
                .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("whole number of milliseconds");
        assertThat(Triggers.cron("30 5 * * mon-fri", BERLIN))
                .isEqualTo(Triggers.fromSpec(Map.of("type", "cron", "expression", "30 5 * * mon-fri"), BERLIN));
        assertThat(Triggers.cron("30 5 * * mon-fri").timezone()).isEqualTo(ZoneId.systemDefault().normalized());
        assertThatThrownBy(Triggers::and).isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("triggers");
    }
}
