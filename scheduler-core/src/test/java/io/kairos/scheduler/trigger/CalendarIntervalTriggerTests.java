package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.berlin;
import static io.kairos.scheduler.trigger.TriggerTestSupport.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code calendarinterval} trigger against APScheduler cases K01-K08 / M06 (sections 4 and 8). APScheduler
 * answers the first call from {@code start_date} whatever "now" is; Kairos returns the first fire time at or after
 * now, so these cases pass a "now" before the start date.
 */
class CalendarIntervalTriggerTests {

    private static final ZonedDateTime LONG_AGO = berlin("2000-01-01T00:00");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            K03 end date                   | {"days": 1, "start_date": "2020-12-31", "end_date": "2020-12-31"}          | 2020-12-31T00:00+01:00
            K04 missing time: day skipped  | {"days": 1, "hour": 2, "minute": 30, "start_date": "2016-03-27"}            | 2016-03-28T02:30+02:00
            K05 repeated time: first one   | {"days": 2, "hour": 2, "minute": 30, "start_date": "2016-10-30"}            | 2016-10-30T02:30+02:00
            K06 nonexistent day: April     | {"months": 1, "start_date": "2016-03-31"}                                  | 2016-03-31T00:00+02:00, 2016-05-31T00:00+02:00, 2016-07-31T00:00+02:00
            K08 UTC                        | {"days": 1, "hour": 1, "start_date": "2016-03-31", "timezone": "UTC"}     | 2016-03-31T01:00Z, 2016-04-01T01:00Z
            29 February yearly: leap years | {"years": 1, "start_date": "2016-02-29"}                                   | 2016-02-29T00:00+01:00, 2020-02-29T00:00+01:00, 2024-02-29T00:00+01:00
            months then days               | {"months": 1, "days": 1, "hour": 12, "start_date": "2021-01-30"}           | 2021-01-30T12:00+01:00, 2021-03-31T12:00+02:00, 2021-06-01T12:00+02:00
            weeks keep the wall time       | {"weeks": 1, "hour": 9, "start_date": "2021-03-22"}                        | 2021-03-22T09:00+01:00, 2021-03-29T09:00+02:00
            gap on the start date (2020)   | {"months": 12, "hour": 2, "minute": 30, "start_date": "2020-03-29", "end_date": "2023-12-31"} | 2021-03-29T02:30+02:00, 2022-03-29T02:30+02:00
            """)
    void successiveFireTimes(String id, String json, String expected) {
        Map<String, Object> spec = new LinkedHashMap<>(SpecJson.read(json));
        spec.put("type", "calendarinterval");
        Trigger trigger = Triggers.fromSpec(spec, BERLIN);
        List<String> expectedTimes = List.of(expected.split(",\\s*"));
        List<String> actual = new ArrayList<>();
        Optional<ZonedDateTime> next = trigger.nextFireTime(null, LONG_AGO);
        while (next.isPresent() && actual.size() < expectedTimes.size()) {
            actual.add(next.get().toOffsetDateTime().toString());
            next = trigger.nextFireTime(next.get(), LONG_AGO);
        }
        assertThat(actual).containsExactlyElementsOf(expectedTimes);
        if (id.startsWith("K03")) {
            assertThat(next).isEmpty();
        }
    }

    @Test
    void gapYearIsSkippedNotShifted() {
        // 2021-03-28 02:30 does not exist in Berlin: the yearly sequence skips that date and continues from it.
        Trigger trigger = Triggers.fromSpec(Map.of("type", "calendarinterval", "years", 1, "hour", 2, "minute", 30,
                "start_date", "2021-03-28"), BERLIN);
        assertThat(trigger.nextFireTime(null, LONG_AGO).map(Object::toString)).contains("2022-03-28T02:30+02:00[Europe/Berlin]");
    }

    @Test
    void firstCallSkipsDatesBeforeNow() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "calendarinterval", "days", 3, "hour", 8, "start_date", "2024-01-01"),
                BERLIN);
        assertThat(trigger.nextFireTime(null, berlin("2024-01-10T08:00:01"))).contains(berlin("2024-01-13T08:00"));
        assertThat(trigger.nextFireTime(null, berlin("2024-01-10T08:00"))).contains(berlin("2024-01-10T08:00"));
        Trigger monthly = Triggers.fromSpec(Map.of("type", "calendarinterval", "months", 1, "start_date", "1990-01-31"), BERLIN);
        assertThat(monthly.nextFireTime(null, berlin("2024-04-15T00:00"))).contains(berlin("2024-05-31T00:00"));
    }

    @Test
    void withoutStartDateStartsTodayInItsZone() {
        ZonedDateTime now = ZonedDateTime.parse("2024-06-01T23:30Z");
        CalendarIntervalTrigger trigger = (CalendarIntervalTrigger) Triggers.fromSpec(Map.of("type", "calendarinterval", "days", 1,
                "hour", 6), BERLIN, clockAt(now));
        assertThat(trigger.toSpec()).containsEntry("start_date", "2024-06-02");
        assertThat(trigger.nextFireTime(null, now)).contains(berlin("2024-06-02T06:00"));
    }

    @Test
    void k07StrSpecAndRoundTrip() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "calendarinterval", "years", 1, "months", 5, "weeks", 6, "days", 8,
                "hour", 3, "second", 8, "start_date", "2016-03-05", "end_date", "2020-12-25", "jitter", 1.5), BERLIN);
        assertThat(trigger).hasToString("calendarinterval[years=1, months=5, weeks=6, days=8, time='03:00:08']");
        assertThat(trigger.toSpec()).containsExactly(Map.entry("type", "calendarinterval"), Map.entry("years", 1),
                Map.entry("months", 5), Map.entry("weeks", 6), Map.entry("days", 8), Map.entry("hour", 3), Map.entry("minute", 0),
                Map.entry("second", 8), Map.entry("start_date", "2016-03-05"), Map.entry("end_date", "2020-12-25"),
                Map.entry("timezone", "Europe/Berlin"), Map.entry("jitter", new java.math.BigDecimal("1.5")));
        assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(trigger.endDate()).contains(berlin("2020-12-25T03:00:08"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            K01 all zero             | {}                                                              |            | interval must be at least 1 day long
            K02 end before start     | {"days": 1, "start_date": "2016-03-04", "end_date": "2016-03-03"} | end_date   | cannot be earlier than start_date
            past end, no start       | {"days": 1, "end_date": "2020-01-01"}                       | end_date   | value '2020-01-01' is in the past, so the trigger never fires (without a start_date it starts now
            fractional days          | {"days": 1.5}                                                   | days       | must be a whole number
            hour out of range        | {"days": 1, "hour": 24}                                         | hour       | valid: 0-23
            minute not a number      | {"days": 1, "minute": "half"}                                   | minute     | must be a number
            bad start date           | {"days": 1, "start_date": "2016-02-30"}                         | start_date | is not a date-time
            unknown key (hours)      | {"days": 1, "hours": 2}                                         | hours      | valid keys: days, end_date, hour
            """)
    void invalidSpecsAreRejectedNamingTheField(String id, String json, String field, String message) {
        Map<String, Object> spec = new LinkedHashMap<>(SpecJson.read(json));
        spec.put("type", "calendarinterval");
        assertThatThrownBy(() -> Triggers.fromSpec(spec, BERLIN)).isInstanceOfSatisfying(InvalidTriggerSpecException.class,
                (ex) -> assertThat(ex.field()).isEqualTo(field)).hasMessageContaining(message);
    }
}
