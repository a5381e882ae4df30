package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Dates in specs built in Java: {@code java.time} objects and {@code java.util.Date} are taken as APScheduler takes a
 * {@code datetime} (an aware one is that instant, a naive one is read in the trigger's zone, a date is its
 * midnight), and the trigger's spec writes them as text that reads back to an equal trigger.
 */
class TriggerSpecJavaTimeTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Instant INSTANT = Instant.parse("2030-03-31T00:30:00Z");

    private static Trigger date(Object runDate) {
        return Triggers.fromSpec(Map.of("type", "date", "run_date", runDate, "timezone", "Europe/Berlin"), ZoneOffset.UTC);
    }

    @Test
    void anInstantOrAnAwareDateTimeIsThatInstant() {
        Trigger expected = date("2030-03-31T00:30:00Z");
        assertThat(date(INSTANT)).isEqualTo(expected);
        assertThat(date(INSTANT.atZone(ZoneId.of("Asia/Tokyo")))).isEqualTo(expected);
        assertThat(date(INSTANT.atOffset(ZoneOffset.ofHours(-5)))).isEqualTo(expected);
        assertThat(date(Date.from(INSTANT))).isEqualTo(expected);
        assertThat(date(new java.sql.Timestamp(INSTANT.toEpochMilli()))).isEqualTo(expected);
    }

    @Test
    void aLocalDateTimeIsReadInTheTriggersZoneAndALocalDateIsItsMidnight() {
        // 02:30 on 2030-03-31 does not exist in Berlin: moved forward by the gap, as for text
        assertThat(date(LocalDateTime.of(2030, 3, 31, 2, 30))).isEqualTo(date("2030-03-31 02:30"));
        assertThat(((DateTrigger) date(LocalDateTime.of(2030, 3, 31, 2, 30))).runDate()).isEqualTo(
                ZonedDateTime.parse("2030-03-31T03:30+02:00[Europe/Berlin]"));
        assertThat(date(LocalDate.of(2030, 3, 31))).isEqualTo(date("2030-03-31"));
        Trigger inSchedulerZone = Triggers.fromSpec(Map.of("type", "date", "run_date", LocalDateTime.of(2030, 1, 1, 9, 0)), BERLIN);
        assertThat(((DateTrigger) inSchedulerZone).runTime()).isEqualTo(Instant.parse("2030-01-01T08:00:00Z"));
    }

    @Test
    void everyKindTakesThemAndRoundTripsThroughItsSpec() {
        ZonedDateTime start = ZonedDateTime.of(2030, 1, 1, 9, 0, 0, 0, BERLIN);
        List<Map<String, Object>> specs = List.of(
                Map.of("type", "interval", "hours", 1, "start_date", start, "end_date", start.toInstant().plusSeconds(86_400)),
                Map.of("type", "cron", "hour", 9, "start_date", start.toOffsetDateTime(), "end_date", LocalDate.of(2031, 1, 1)),
                Map.of("type", "calendarinterval", "months", 1, "start_date", LocalDate.of(2030, 1, 31), "end_date",
                        LocalDateTime.of(2031, 1, 31, 12, 0)),
                Map.of("type", "calendarinterval", "days", 1, "start_date", start.withZoneSameInstant(ZoneId.of("Pacific/Kiritimati"))),
                Map.of("type", "or", "triggers", List.of(Map.of("type", "date", "run_date", INSTANT))));
        for (Map<String, Object> spec : specs) {
            Trigger trigger = Triggers.fromSpec(spec, BERLIN);
            assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).as("%s", spec).isEqualTo(trigger);
        }
        CalendarIntervalTrigger kiritimati = (CalendarIntervalTrigger) Triggers.fromSpec(specs.get(3), BERLIN);
        // 09:00 in Berlin is 22:00 the same day in Kiritimati; the date is taken in the trigger's zone (Berlin)
        assertThat(kiritimati.toSpec()).containsEntry("start_date", "2030-01-01");
    }

    @Test
    void otherObjectsAndDatesOutOfRangeAreRefusedNamingTheValidTypes() {
        assertThatThrownBy(() -> date(1_900_000_000_000L)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("'run_date': value '1900000000000' of type java.lang.Long is not a date-time; valid: a string")
            .hasMessageContaining("Instant, ZonedDateTime, OffsetDateTime, LocalDateTime, LocalDate or java.util.Date");
        assertThatThrownBy(() -> date(Instant.MAX)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("is out of range; valid: a date in the years 1 to 9999");
        assertThatThrownBy(() -> date(LocalDate.of(10_000, 6, 1))).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("out of range");
        assertThatThrownBy(() -> date(OffsetDateTime.MIN)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("out of range");
    }
}
