package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.CombiningTriggerTests.fireTimes;
import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code and} / {@code or} with cron children: APScheduler 3 cases A01-O03 (section 5), APScheduler 4 cases
 * Q07-Q09 (section 9) and the scenario of APScheduler issue #281.
 */
class CombiningCronTriggerTests {

    /** A = cron(month 5-8, day 6-15, end 2017-08-10), B = cron(month 6-9, day every 3rd, end 2017-09-07), Berlin. */
    private static final List<Map<String, Object>> A_B = List.of(
            Map.of("type", "cron", "month", "5-8", "day", "6-15", "end_date", "2017-08-10"),
            Map.of("type", "cron", "month", "6-9", "day", "*/3", "end_date", "2017-09-07"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "None", textBlock = """
            A01 and first match | and | 2017-08-06T00:00 | 2017-08-07T00:00+02:00
            A02 and end         | and | 2017-08-10T01:00 | None
            O01 or earliest     | or  | 2017-08-06T00:00 | 2017-08-06T00:00+02:00
            O02 or end          | or  | 2017-09-07T01:00 | None
            """)
    void apscheduler3Cases(String id, String type, String now, String expected) {
        Trigger trigger = Triggers.fromSpec(Map.of("type", type, "triggers", A_B), BERLIN);
        assertThat(trigger.nextFireTime(null, berlin(now)).map((t) -> t.toOffsetDateTime().toString()))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void strAsApscheduler() {
        assertThat(Triggers.fromSpec(Map.of("type", "and", "triggers", A_B), BERLIN))
                .hasToString("and[cron[month='5-8', day='6-15'], cron[month='6-9', day='*/3']]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Q07 | {"type": "cron", "day_of_week": "mon-fri", "hour": "*", "start_date": "2024-05-03"} | {"type": "interval", "hours": 12, "start_date": "2024-05-03"} | 2024-05-03T00:00Z, 2024-05-03T12:00Z, 2024-05-06T00:00Z
            Q08 | {"type": "cron", "day_of_week": "mon-fri", "start_date": "2024-05-13"}              | {"type": "interval", "days": 4, "start_date": "2024-05-13"}   | 2024-05-13T00:00Z, 2024-05-17T00:00Z, 2024-05-21T00:00Z, 2024-05-29T00:00Z
            Q09 | {"type": "calendarinterval", "months": 1, "start_date": "2024-01-01"}                  | {"type": "cron", "day_of_week": "mon-fri", "start_date": "2024-01-01"} | 2024-01-01T00:00Z, 2024-02-01T00:00Z, 2024-03-01T00:00Z, 2024-04-01T00:00Z, 2024-05-01T00:00Z, 2024-07-01T00:00Z, 2024-08-01T00:00Z, 2024-10-01T00:00Z, 2024-11-01T00:00Z
            """)
    void apscheduler4OverlappingTriggers(String id, String first, String second, String expected) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "and");
        spec.put("triggers", List.of(SpecJson.read(first), SpecJson.read(second)));
        Trigger trigger = Triggers.fromSpec(spec, ZoneOffset.UTC);
        String[] times = expected.split(",\\s*");
        assertThat(fireTimes(trigger, ZonedDateTime.parse(times[0]).minusHours(1), times.length)).map(ZonedDateTime::toString)
                .containsExactly(times);
    }

    @Test
    void issue281EveryTwoMinutesBetweenSevenAndTwentyTwo() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "and", "triggers", List.of(
                Map.of("type", "interval", "minutes", 2, "start_date", "2024-01-01 00:00:00"),
                Map.of("type", "cron", "hour", "7-22", "minute", "*"))), BERLIN);
        assertThat(fireTimes(trigger, berlin("2024-01-02T06:59"), 3)).containsExactly(berlin("2024-01-02T07:00"),
                berlin("2024-01-02T07:02"), berlin("2024-01-02T07:04"));
        assertThat(fireTimes(trigger, berlin("2024-01-02T22:57"), 2)).containsExactly(berlin("2024-01-02T22:58"),
                berlin("2024-01-03T07:00"));
        Trigger onTheHour = Triggers.fromSpec(Map.of("type", "and", "triggers", List.of(
                Map.of("type", "interval", "minutes", 2, "start_date", "2024-01-01 00:00:00"),
                Map.of("type", "cron", "hour", "7-22"))), BERLIN);
        assertThat(fireTimes(onTheHour, berlin("2024-01-02T07:01"), 2)).containsExactly(berlin("2024-01-02T08:00"),
                berlin("2024-01-02T09:00"));
    }

    @Test
    void orOfCronAndIntervalRoundTrips() {
        Trigger trigger = Triggers.or(Triggers.cron("0 9 * * mon-fri", BERLIN),
                Triggers.interval(java.time.Duration.ofHours(6), berlin("2024-01-01T00:00")));
        assertThat(Triggers.fromSpec(SpecJson.read(SpecJson.write(trigger.toSpec())), ZoneOffset.UTC)).isEqualTo(trigger);
        assertThat(fireTimes(trigger, berlin("2024-01-01T05:00"), 3)).containsExactly(berlin("2024-01-01T06:00"),
                berlin("2024-01-01T09:00"), berlin("2024-01-01T12:00"));
    }
}
