package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.EASTERN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.berlin;
import static io.kairos.scheduler.trigger.TriggerTestSupport.clockAt;
import static io.kairos.scheduler.trigger.TriggerTestSupport.eastern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code interval} trigger against APScheduler cases I01-I17, M01-M04 and D7a (sections 2, 8, 11). */
class IntervalTriggerTests {

    /** The case file's fixture: every second from 2009-08-04 00:00:02 Berlin. */
    private final Trigger fixture = Triggers.fromSpec(Map.of("type", "interval", "seconds", 1, "start_date", "2009-08-04 00:00:02",
            "timezone", "Europe/Berlin"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I01 before       | 2009-08-04T00:00:00+02:00        | 2009-08-04T00:00:02+02:00
            I02 within       | 2009-08-04T00:00:02.001+02:00    | 2009-08-04T00:00:03+02:00
            I03 different tz | 2009-08-03T22:00:02.001-01:00    | 2009-08-04T01:00:03+02:00
            exact boundary   | 2009-08-04T00:00:05+02:00        | 2009-08-04T00:00:05+02:00
            """)
    void fixtureFirstFireTime(String id, String now, String expected) {
        assertThat(this.fixture.nextFireTime(null, ZonedDateTime.parse(now)).orElseThrow().toOffsetDateTime())
                .hasToString(ZonedDateTime.parse(expected).toOffsetDateTime().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "None", textBlock = """
            I04 before end | 2014-05-26T00:02 | 2014-05-26T00:05+02:00
            I05 past end   | 2014-05-26T00:06 | None
            """)
    void endDate(String id, String now, String expected) {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "minutes", 5, "start_date", "2014-05-26", "end_date",
                "2014-05-26 00:07:00"), BERLIN);
        assertThat(trigger.nextFireTime(null, berlin(now)).map((t) -> t.toOffsetDateTime().toString()))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I06 spring: a real hour, wall clock jumps | 2013-03-10T01:05 | 2013-03-10T03:00-04:00
            I07 autumn: second 01:00 (EST)            | 2013-11-03T01:05 | 2013-11-03T01:00-05:00
            """)
    void dstChangeKeepsAbsoluteHours(String id, String now, String expected) {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "hours", 1, "start_date", "2013-03-01", "timezone", "US/Eastern"));
        ZonedDateTime next = trigger.nextFireTime(null, eastern(now)).orElseThrow();
        assertThat(next.toOffsetDateTime()).hasToString(expected);
        assertThat(next.getZone()).isEqualTo(EASTERN);
    }

    @Test
    void d7aTwentyFourHoursAcrossSpringForwardShiftsTheWallClock() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "hours", 24, "start_date", "2013-03-09 12:00",
                "timezone", "US/Eastern"));
        ZonedDateTime start = eastern("2013-03-09T12:00");
        assertThat(trigger.nextFireTime(start, start).orElseThrow().toOffsetDateTime()).hasToString("2013-03-10T13:00-04:00");
    }

    @Test
    void i08WithoutStartDateFirstFireIsTheCreationInstant() {
        ZonedDateTime created = berlin("2024-06-01T10:15:30.123");
        IntervalTrigger trigger = (IntervalTrigger) Triggers.fromSpec(Map.of("type", "interval", "seconds", 2), BERLIN, clockAt(created));
        assertThat(trigger.nextFireTime(null, created)).contains(created);
        assertThat(trigger.nextFireTime(created, created)).contains(created.plusSeconds(2));
        assertThat(trigger.toSpec()).containsEntry("start_date", "2024-06-01T10:15:30.123+02:00");
        assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).isEqualTo(trigger);
    }

    @Test
    void m03SuccessiveFireTimesUntilTheEnd() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "hours", 1, "seconds", 6, "start_date",
                "2020-05-16 19:32:44.649521", "end_date", "2020-05-16 22:33:01"), BERLIN);
        List<String> fired = new ArrayList<>();
        ZonedDateTime now = berlin("2020-05-16T19:00");
        Optional<ZonedDateTime> next = trigger.nextFireTime(null, now);
        while (next.isPresent()) {
            fired.add(next.get().toOffsetDateTime().toString());
            next = trigger.nextFireTime(next.get(), now);
        }
        assertThat(fired).containsExactly("2020-05-16T19:32:44.649521+02:00", "2020-05-16T20:32:50.649521+02:00",
                "2020-05-16T21:32:56.649521+02:00");
    }

    @Test
    void i14StringDatesReadInTheDefaultZone() {
        IntervalTrigger trigger = (IntervalTrigger) Triggers.fromSpec(Map.of("type", "interval", "seconds", 1, "start_date",
                "2016-11-05 05:06:53", "end_date", "2017-11-05 05:11:32"), BERLIN);
        assertThat(trigger.startDate()).isEqualTo(berlin("2016-11-05T05:06:53"));
        assertThat(trigger.endDate()).contains(berlin("2017-11-05T05:11:32"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            1        | interval[0:00:01]
            7200     | interval[2:00:00]
            86400    | interval[1 day, 0:00:00]
            1209602  | interval[14 days, 0:00:02]
            1.5      | interval[0:00:01.500000]
            """)
    void i16StrAsPythonTimedelta(String seconds, String text) {
        assertThat(Triggers.fromSpec(Map.of("type", "interval", "seconds", seconds, "start_date", "2020-01-01"), BERLIN))
                .hasToString(text);
    }

    @Test
    void i17AndRoundTripAllUnitsAndJitter() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "weeks", 2, "days", 6, "minutes", 13, "seconds", 2,
                "start_date", "2016-04-03", "jitter", 12), BERLIN);
        assertThat(trigger.toSpec()).containsExactly(Map.entry("type", "interval"), Map.entry("weeks", 2L), Map.entry("days", 6L),
                Map.entry("minutes", 13L), Map.entry("seconds", 2L), Map.entry("start_date", "2016-04-03T00:00:00+02:00"),
                Map.entry("timezone", "Europe/Berlin"), Map.entry("jitter", 12L));
        assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(trigger.jitter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void fractionalAmountsAtMillisecondResolution() {
        IntervalTrigger trigger = (IntervalTrigger) Triggers.fromSpec(Map.of("type", "interval", "minutes", "0.5", "seconds", 0.25,
                "start_date", "2020-01-01"), BERLIN);
        assertThat(trigger.interval()).isEqualTo(Duration.ofMillis(30_250));
        assertThat(trigger.toSpec()).containsEntry("seconds", new java.math.BigDecimal("30.25"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            M01 zero interval        | {"seconds": 0}                                             | | interval must be positive
            I13 non-numeric          | {"hours": "1-6"}                                           | hours | must be a number
            negative                 | {"minutes": -5}                                            | minutes | must not be negative
            sub-millisecond          | {"seconds": 0.0005}                                        | seconds | fraction of a millisecond
            M02 end before start     | {"seconds": 1, "start_date": "2020-05-16", "end_date": "2020-05-15"} | end_date | cannot be earlier than start_date
            past end, no start       | {"hours": 1, "end_date": "2020-01-01"}                     | end_date | value '2020-01-01T00:00:00+01:00' is in the past, so the trigger never fires (without a start_date it starts now
            unknown zone             | {"seconds": 1, "timezone": "Mars/Olympus"}                 | timezone | unknown time zone 'Mars/Olympus'
            unknown key              | {"second": 1}                                              | second | valid keys: days, end_date, hours, jitter
            negative jitter          | {"seconds": 1, "jitter": -1}                               | jitter | must not be negative
            huge jitter              | {"seconds": 1, "jitter": 1e12}                             | jitter | is too large
            huge interval            | {"weeks": 1e9}                                             | | is too long; valid: at most 366000 days
            """)
    void invalidSpecsAreRejectedNamingTheField(String id, String json, String field, String message) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(SpecJson.read(json));
        spec.put("type", "interval");
        assertThatThrownBy(() -> Triggers.fromSpec(spec, BERLIN)).isInstanceOfSatisfying(InvalidTriggerSpecException.class,
                (ex) -> assertThat(ex.field()).isEqualTo(field)).hasMessageContaining(message);
    }

    @Test
    void i09ToI12JitterStaysWithinBoundsAndNeverPassesTheEndDate() {
        java.util.Random random = new java.util.Random(42);
        ZonedDateTime now = berlin("2017-11-12T06:55:58");
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "seconds", 5, "jitter", 3, "start_date", "2017-11-12 06:55:58"),
                BERLIN);
        java.util.Set<ZonedDateTime> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            ZonedDateTime jittered = Jitter.apply(trigger, trigger.nextFireTime(now, now).orElseThrow(), random);
            assertThat(Duration.between(now, jittered)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(8));
            seen.add(jittered);
        }
        assertThat(seen).hasSizeGreaterThan(1);
        Trigger ending = Triggers.fromSpec(Map.of("type", "interval", "seconds", 5, "jitter", 5, "start_date", "2017-11-12 06:55:55",
                "end_date", "2017-11-12 06:56:00"), BERLIN);
        ZonedDateTime last = ending.nextFireTime(null, now).orElseThrow();
        assertThat(last).isEqualTo(berlin("2017-11-12T06:56:00"));
        for (int i = 0; i < 50; i++) {
            assertThat(Jitter.apply(ending, last, random)).isEqualTo(last);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I10 spring | 2013-03-10 01:35:00-05:00 | 2013-03-10T03:35-04:00
            I11 autumn | 2013-11-03 01:35:00-04:00 | 2013-11-03T01:35-05:00
            """)
    void i10I11AnHourAcrossDstIsOneRealHour(String id, String start, String expected) {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "interval", "hours", 1, "jitter", 5, "start_date", start), EASTERN);
        ZonedDateTime now = ZonedDateTime.parse(start.replace(' ', 'T')).plusSeconds(1);
        assertThat(trigger.nextFireTime(null, now).orElseThrow().toOffsetDateTime()).hasToString(expected);
    }

    @Test
    void aNanosecondStartDateRoundTripsThroughJsonToTheSameFireTimes() {
        ZonedDateTime start = ZonedDateTime.of(2030, 1, 1, 9, 0, 0, 123_456_789, ZoneOffset.UTC);
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofMillis(1_500), start, null, ZoneOffset.UTC, null);
        String json = SpecJson.write(trigger.toSpec());
        Trigger read = Triggers.fromSpec(SpecJson.read(json), ZoneOffset.UTC);
        assertThat(json).contains("09:00:00.123456789");
        assertThat(read).isEqualTo(trigger);
        ZonedDateTime now = start.minusSeconds(1);
        ZonedDateTime previous = null;
        ZonedDateTime previousRead = null;
        for (int i = 0; i < 5; i++) {
            previous = trigger.nextFireTime(previous, now).orElseThrow();
            previousRead = read.nextFireTime(previousRead, now).orElseThrow();
            assertThat(previousRead).isEqualTo(previous);
        }
        assertThat(previous).isEqualTo(start.plus(Duration.ofMillis(6_000)));
    }
}
