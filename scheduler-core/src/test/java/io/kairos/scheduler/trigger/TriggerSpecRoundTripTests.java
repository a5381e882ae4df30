package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code Triggers.fromSpec(t.toSpec())} gives back {@code t} for every spec {@code fromSpec} accepts: every kind, every
 * zone of {@link ZoneId#getAvailableZoneIds()} (local mean time offsets with seconds such as {@code -00:44:30} before
 * about 1900) and dates from the year 1 to 9999, given as local wall times, with the zone's offset, or with any offset
 * (so that the instant may read as the year 0 or 10000 in the trigger's zone). The spec also goes through JSON, as a
 * job store and the HTTP API hand it over. Dates outside the years 1 to 9999 are refused when read.
 */
class TriggerSpecRoundTripTests {

    private static final List<String> ZONES = new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    /** A date-time of a generated spec: a wall time in the trigger's zone and how it is written. */
    record DateText(LocalDateTime wall, int style, int offsetSeconds) {

        /** The text: the wall time alone, with the zone's offset at that time, or as the same instant at another offset. */
        String in(ZoneId zone) {
            ZonedDateTime zoned = ZonedDateTime.of(this.wall, zone);
            return switch (this.style) {
                case 0 -> this.wall.toString();
                case 1 -> this.wall.toString().replace('T', ' ');
                case 2 -> zoned.toOffsetDateTime().toString();
                default -> zoned.toInstant().atOffset(ZoneOffset.ofTotalSeconds(this.offsetSeconds)).toString();
            };
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.oneOf(Arbitraries.of(ZONES).map(ZoneId::of),
                Arbitraries.of("UTC", "Z", "-00:44:30", "+05:45", "+14:00", "-12:00", "+18:00", "-18:00").map((id) -> TriggerSpec
                    .parseZone("timezone", id)));
    }

    @Provide
    Arbitrary<DateText> dates() {
        Arbitrary<LocalDateTime> walls = Combinators.combine(Arbitraries.integers().between(1, 9999), Arbitraries.integers().between(1, 366),
                Arbitraries.integers().between(0, 86_399), Arbitraries.of(0, 0, 1_000_000, 123_456_789))
            .as((year, day, second, nanos) -> LocalDate.ofYearDay(year, Math.min(day, LocalDate.of(year, 1, 1).lengthOfYear()))
                .atStartOfDay().plusSeconds(second).plusNanos(nanos));
        return Combinators.combine(walls, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600)).as(DateText::new);
    }

    @Property(tries = 1500)
    void everyKindRoundTripsInEveryZoneAndYear(@ForAll("zones") ZoneId zone, @ForAll("dates") DateText start,
            @ForAll("dates") DateText other) {
        for (Map<String, Object> spec : specs(zone, start, other)) {
            assertRoundTrips(spec, zone);
        }
    }

    /** Every zone at the two ends of the range (and before 1900, where many zones keep local mean time). */
    @Test
    void everyZoneRoundTripsAtTheEndsOfTheRange() {
        List<LocalDateTime> walls = List.of(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(1850, 6, 1, 12, 0, 1),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999));
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            for (LocalDateTime wall : walls) {
                // with the zone's own offset (local mean time before about 1900) and at the far offset -18:00
                for (int style = 2; style < 4; style++) {
                    DateText text = new DateText(wall, style, style == 3 ? -18 * 3600 : 0);
                    DateText far = new DateText(wall, 3, 18 * 3600);
                    // the kinds with dates of their own (and / or only combine them, the property covers them)
                    for (Map<String, Object> spec : specs(zone, text, far).subList(0, 5)) {
                        assertRoundTrips(spec, zone);
                    }
                }
            }
        }
    }

    @Test
    void localMeanTimeAndYear10000AreWrittenInFormsThatAreReadBack() {
        Trigger monrovia = Triggers.fromSpec(Map.of("type", "date", "run_date", "1900-01-01 00:00", "timezone", "Africa/Monrovia"));
        assertThat(monrovia.toSpec()).containsEntry("run_date", "1900-01-01T00:00:00-00:43:08");
        assertThat(Triggers.fromSpec(monrovia.toSpec())).isEqualTo(monrovia);

        Trigger late = Triggers.fromSpec(Map.of("type", "date", "run_date", "9999-12-31T23:00:00-05:00", "timezone", "UTC"));
        assertThat(late.toSpec()).containsEntry("run_date", "+10000-01-01T04:00:00Z");
        assertThat(Triggers.fromSpec(late.toSpec())).isEqualTo(late);
    }

    @Test
    void datesOutsideTheYears1To9999AreRefusedWhenRead() {
        for (String runDate : List.of("+10000-01-02T00:00:00Z", "0000-06-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+999999999-12-31")) {
            assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "date", "run_date", runDate), ZoneOffset.UTC))
                .isInstanceOf(InvalidTriggerSpecException.class)
                .hasMessage("'run_date': value '" + runDate + "' is out of range; valid: a date in the years 1 to 9999");
        }
        assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "calendarinterval", "days", 1, "start_date", "+10000-01-01")))
            .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("'start_date': value '+10000-01-01' is out of range");
        assertThatThrownBy(() -> Triggers.date(ZonedDateTime.of(10_001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
            .isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("'run_date'").hasMessageContaining("out of range");
        assertThatThrownBy(() -> new DateTrigger(Instant.MIN, ZoneOffset.UTC)).isInstanceOf(InvalidTriggerSpecException.class);
    }

    /**
     * One spec of every kind built from two dates (the later ends the triggers that have an end): date, interval, cron
     * fields, cron expression, calendarinterval, then and, or.
     */
    private static List<Map<String, Object>> specs(ZoneId zone, DateText first, DateText second) {
        boolean ordered = !ZonedDateTime.of(first.wall(), zone).isAfter(ZonedDateTime.of(second.wall(), zone));
        DateText start = ordered ? first : second;
        DateText end = ordered ? second : first;
        String timezone = TriggerSpec.formatZone(zone);
        Map<String, Object> date = spec("type", "date", "run_date", start.in(zone), "timezone", timezone);
        Map<String, Object> interval = spec("type", "interval", "hours", 5, "seconds", "1.25", "start_date", start.in(zone),
                "end_date", end.in(zone), "timezone", timezone, "jitter", "0.5");
        Map<String, Object> cron = spec("type", "cron", "day_of_week", "mon-fri", "hour", "9", "start_date", start.in(zone),
                "end_date", end.in(zone), "timezone", timezone);
        Map<String, Object> expression = spec("type", "cron", "expression", "0 0 9 L * ?", "start_date", start.in(zone),
                "timezone", timezone);
        // calendar dates: a plain date, or the date in the trigger's zone of a date-time (years 1-9999 in that zone)
        Map<String, Object> calendar = spec("type", "calendarinterval", "months", 1, "days", 2, "hour", 3, "start_date",
                start.wall().toLocalDate().toString(), "end_date", end.wall().toLocalDate().toString(), "timezone", timezone);
        Map<String, Object> and = spec("type", "and", "triggers", List.of(interval, cron), "timezone", timezone);
        Map<String, Object> or = spec("type", "or", "triggers", List.of(date, and, calendar, expression), "jitter", 2);
        return List.of(date, interval, cron, expression, calendar, and, or);
    }

    private static Map<String, Object> spec(Object... keysAndValues) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return spec;
    }

    private static void assertRoundTrips(Map<String, Object> spec, ZoneId zone) {
        Trigger trigger = Triggers.fromSpec(spec, zone);
        Map<String, Object> written = trigger.toSpec();
        Trigger back = Triggers.fromSpec(written, ZoneId.of("Asia/Tokyo"));
        assertThat(back).as("%s from %s", written, spec).isEqualTo(trigger).hasToString(trigger.toString());
        assertThat(back.toSpec()).isEqualTo(written);
        Trigger viaJson = Triggers.fromSpec(SpecJson.read(SpecJson.write(written)), ZoneOffset.UTC);
        assertThat(viaJson).as("%s through JSON", written).isEqualTo(trigger);
    }
}
