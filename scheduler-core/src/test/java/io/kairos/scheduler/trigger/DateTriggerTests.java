package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.EASTERN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.berlin;
import static io.kairos.scheduler.trigger.TriggerTestSupport.clockAt;
import static io.kairos.scheduler.trigger.TriggerTestSupport.eastern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code date} trigger against APScheduler 3.x cases T01-T11 (apscheduler-trigger-cases.md section 3). */
class DateTriggerTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "None", textBlock = """
            T01 earlier            | 2009-07-06       | Europe/Berlin | None             | 2008-05-04T00:00 | 2009-07-06T00:00+02:00
            T02 exact              | 2009-07-06       | Europe/Berlin | None             | 2009-07-06T00:00 | 2009-07-06T00:00+02:00
            T03 later (past date)  | 2009-07-06       | Europe/Berlin | None             | 2009-09-02T00:00 | 2009-07-06T00:00+02:00
            T04 as text            | 2009-7-6         | Europe/Berlin | None             | 2009-09-02T00:00 | 2009-07-06T00:00+02:00
            T05 previously fired   | 2009-07-06       | Europe/Berlin | 2009-07-06T00:00 | 2009-09-02T00:00 | None
            T06 alternate timezone | 2009-07-05 22:00 | -01:00        | 2009-07-06T00:00 | 2009-07-06T00:00 | None
            """)
    void nextFireTime(String id, String runDate, String zone, String prev, String now, String expected) {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "date", "run_date", runDate, "timezone", zone));
        Optional<ZonedDateTime> next = trigger.nextFireTime(prev == null ? null : berlin(prev), berlin(now));
        assertThat(next.map(ZonedDateTime::toOffsetDateTime).map(Object::toString)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void t07WithoutRunDateFiresAtTheClocksNowInItsZone() {
        ZonedDateTime frozen = berlin("2011-04-03T18:40");
        Trigger trigger = Triggers.fromSpec(Map.of("type", "date", "timezone", "-02:00"), BERLIN, clockAt(frozen));
        ZonedDateTime next = trigger.nextFireTime(null, frozen).orElseThrow();
        assertThat(next.toInstant()).isEqualTo(frozen.toInstant());
        assertThat(next.toOffsetDateTime()).hasToString("2011-04-03T14:40-02:00");
    }

    @Test
    void t08DstNormalisedRunDateKeepsWallClockAndOffset() {
        ZonedDateTime fireDate = eastern("2013-10-03T01:05").plusMinutes(55);
        DateTrigger trigger = Triggers.date(fireDate);
        assertThat(trigger.nextFireTime(null, fireDate).orElseThrow().toOffsetDateTime()).hasToString("2013-10-03T02:00-04:00");
        assertThat(trigger.timezone()).isEqualTo(EASTERN);
    }

    @Test
    void t10StrAndT11SpecRoundTrip() {
        DateTrigger trigger = Triggers.date(berlin("2009-07-06T00:00"));
        assertThat(trigger).hasToString("date[2009-07-06 00:00:00 CEST]");
        assertThat(trigger.toSpec()).containsExactly(Map.entry("type", "date"), Map.entry("run_date", "2009-07-06T00:00:00+02:00"),
                Map.entry("timezone", "Europe/Berlin"));
        assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).isEqualTo(trigger).hasSameHashCodeAs(trigger);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2009-11-06 16:30:05           | date[2009-11-06 16:30:05 CET]
            2009-11-06T16:30:05           | date[2009-11-06 16:30:05 CET]
            2009-11-06                    | date[2009-11-06 00:00:00 CET]
            2009-11-06T15:30:05Z          | date[2009-11-06 16:30:05 CET]
            2009-11-06 17:30:05+02:00     | date[2009-11-06 16:30:05 CET]
            2009-11-06T16:30:05.250+01:00 | date[2009-11-06 16:30:05 CET]
            """)
    void seedDateStringsAreReadInTheTriggersZone(String runDate, String text) {
        assertThat(Triggers.fromSpec(Map.of("type", "date", "run_date", runDate), BERLIN)).hasToString(text);
    }

    @Test
    void utcAndFixedOffsetsPrintAsPythonDoes() {
        assertThat(Triggers.date(ZonedDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneId.of("UTC")))).hasToString("date[2020-01-02 03:04:05 UTC]");
        assertThat(Triggers.date(ZonedDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(-1))))
                .hasToString("date[2020-01-02 03:04:05 UTC-01:00]");
    }

    @Test
    void badRunDateNamesFieldValueAndValidForms() {
        assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "date", "run_date", "2009-13-06"), BERLIN))
                .isInstanceOf(InvalidTriggerSpecException.class)
                .hasMessageContaining("run_date").hasMessageContaining("2009-13-06").hasMessageContaining("2009-11-06 16:30:05");
    }

    @Test
    void theInstantFormEqualsTheZonedFormAndKeepsItsInstant() {
        ZonedDateTime runDate = berlin("2009-07-06T00:00");
        DateTrigger zoned = new DateTrigger(runDate);
        DateTrigger fromInstant = new DateTrigger(runDate.toInstant(), BERLIN);
        assertThat(fromInstant).isEqualTo(zoned).hasSameHashCodeAs(zoned).hasToString(zoned.toString());
        assertThat(fromInstant.runDate()).isEqualTo(runDate);
        assertThat(fromInstant.runTime()).isSameAs(fromInstant.runTime()).isEqualTo(runDate.toInstant());
        assertThat(fromInstant.toSpec()).isEqualTo(zoned.toSpec());
        assertThat(new DateTrigger(runDate.toInstant(), ZoneOffset.UTC)).isNotEqualTo(zoned);
    }

    @Test
    void aFixedZoneIsNormalisedToItsOffsetInBothForms() {
        ZonedDateTime runDate = ZonedDateTime.of(2030, 1, 2, 3, 4, 5, 6_000, ZoneId.of("UTC"));
        DateTrigger zoned = new DateTrigger(runDate);
        DateTrigger fromInstant = new DateTrigger(runDate.toInstant(), ZoneId.of("Etc/UTC"));
        assertThat(zoned.timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(fromInstant).isEqualTo(zoned);
        assertThat(zoned.runDate()).isEqualTo(runDate.withZoneSameInstant(ZoneOffset.UTC));
        assertThat(zoned.runDate().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(zoned.nextFireTime(null, runDate.plusYears(1))).contains(zoned.runDate());
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> new DateTrigger(null, BERLIN)).isInstanceOf(NullPointerException.class).hasMessage("runTime");
        assertThatThrownBy(() -> new DateTrigger(java.time.Instant.EPOCH, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("zone");
        assertThatThrownBy(() -> new DateTrigger(null)).isInstanceOf(NullPointerException.class).hasMessage("runDate");
    }

    @Test
    void eachZoneObjectGivesItsOwnNormalisedZoneWhateverCameBefore() {
        ZoneId utcRegion = ZoneId.of("UTC");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        java.time.Instant at = java.time.Instant.parse("2030-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(new DateTrigger(at, berlin).timezone()).isEqualTo(berlin);
            assertThat(new DateTrigger(at, berlin).timezone()).isEqualTo(berlin);
            assertThat(new DateTrigger(at.atZone(tokyo)).timezone()).isEqualTo(tokyo);
            assertThat(new DateTrigger(at, utcRegion).timezone()).isEqualTo(ZoneOffset.UTC);
            assertThat(new DateTrigger(at, utcRegion).timezone()).isEqualTo(ZoneOffset.UTC);
            assertThat(new DateTrigger(at, ZoneId.of("Europe/Berlin")).timezone()).isSameAs(new DateTrigger(at, berlin).timezone());
        }
    }

    @Test
    void triggersInOneZoneShareOneZoneObject() {
        DateTrigger first = (DateTrigger) Triggers.fromSpec(Map.of("type", "date", "run_date", "2030-01-01 00:00",
                "timezone", "America/Sao_Paulo"));
        DateTrigger second = new DateTrigger(java.time.Instant.EPOCH, ZoneId.of("America/Sao_Paulo"));
        assertThat(second.timezone()).isSameAs(first.timezone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
    }
}
