package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.TriggerTestSupport.BERLIN;
import static io.kairos.scheduler.trigger.TriggerTestSupport.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code and} and {@code or} triggers: APScheduler 4 cases Q01-Q12 (section 9; Q07-Q09 need cron and live in
 * the cron tests), APScheduler 3 issues #281 and #361, and the bounded search.
 */
class CombiningTriggerTests {

    private static final ZonedDateTime D1 = berlin("2020-05-16T14:17:30.254212");

    private static final ZonedDateTime MAY_1 = ZonedDateTime.parse("2024-05-01T00:00Z");

    /** Fire times from {@code now} on, at most {@code limit} of them. */
    static List<ZonedDateTime> fireTimes(Trigger trigger, ZonedDateTime now, int limit) {
        List<ZonedDateTime> times = new ArrayList<>();
        Optional<ZonedDateTime> next = trigger.nextFireTime(null, now);
        while (next.isPresent() && times.size() < limit) {
            times.add(next.get());
            next = trigger.nextFireTime(next.get(), now);
        }
        return times;
    }

    private static IntervalTrigger every(Duration interval, ZonedDateTime start) {
        return Triggers.interval(interval, start);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Q05 6 h and 12 h  | PT6H | PT12H | 2024-05-01T00:00Z, 2024-05-01T12:00Z, 2024-05-02T00:00Z
            Q06 1 day and 1 w | P1D  | P7D   | 2024-05-01T00:00Z, 2024-05-08T00:00Z, 2024-05-15T00:00Z
            #361 2 h and 3 h  | PT2H | PT3H  | 2024-05-01T00:00Z, 2024-05-01T06:00Z, 2024-05-01T12:00Z
            """)
    void andOfOverlappingIntervals(String id, Duration a, Duration b, String expected) {
        Trigger trigger = Triggers.and(every(a, MAY_1), every(b, MAY_1));
        assertThat(fireTimes(trigger, MAY_1.minusHours(1), 3)).map(ZonedDateTime::toString)
                .containsExactly(expected.split(",\\s*"));
    }

    @Test
    void andAsksEachIntervalChildFromItsOwnStartEvenAfterAPreviousFireTime() {
        // APScheduler 3 passed the combined previous fire time to both children: prev + 2 h never equals prev + 3 h.
        Trigger trigger = Triggers.and(every(Duration.ofHours(2), MAY_1), every(Duration.ofHours(3), MAY_1));
        assertThat(trigger.nextFireTime(MAY_1.plusHours(6), MAY_1.plusHours(7))).contains(MAY_1.plusHours(12));
    }

    @Test
    void issue281IntervalAlignedWithADailyTimeFiresWhereBothAgree() {
        // "every 2 minutes" AND "07:00 each day": with the interval started on a whole minute they agree at 07:00 daily.
        Trigger trigger = Triggers.fromSpec(Map.of("type", "and", "triggers", List.of(
                Map.of("type", "interval", "minutes", 2, "start_date", "2024-01-01 00:00:00"),
                Map.of("type", "calendarinterval", "days", 1, "hour", 7, "start_date", "2024-01-01"))), BERLIN);
        assertThat(fireTimes(trigger, berlin("2024-01-01T10:00"), 2)).containsExactly(berlin("2024-01-02T07:00"),
                berlin("2024-01-03T07:00"));
    }

    @Test
    void q03FireTimesThatNeverCoincideEndInABoundedSearchError() {
        Trigger trigger = Triggers.and(every(Duration.ofSeconds(4), D1), every(Duration.ofSeconds(4), D1.plusSeconds(2)));
        assertThatThrownBy(() -> trigger.nextFireTime(null, D1)).isInstanceOf(TriggerSearchException.class)
                .hasMessageContaining("found no common fire time in 10000 rounds").hasMessageContaining("aligned start dates");
    }

    @Test
    void issue281MisalignedIntervalNeverMeetsADailyTimeAndSaysWhy() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "and", "triggers", List.of(
                Map.of("type", "interval", "minutes", 2, "start_date", "2024-01-01 00:01:00.5"),
                Map.of("type", "calendarinterval", "days", 1, "hour", 7, "start_date", "2024-01-01"))), BERLIN);
        assertThatThrownBy(() -> trigger.nextFireTime(null, berlin("2024-01-01T10:00"))).isInstanceOf(TriggerSearchException.class)
                .hasMessageContaining("fraction of a second");
    }

    @Test
    void q01AndQ02DateChildrenAgreeOnlyOnTheSameInstant() {
        assertThat(fireTimes(Triggers.and(Triggers.date(D1), Triggers.date(D1)), D1.minusDays(1), 5)).containsExactly(D1);
        assertThat(Triggers.and(Triggers.date(D1), Triggers.date(D1.plusSeconds(1))).nextFireTime(null, D1.minusDays(1))).isEmpty();
    }

    @Test
    void q10OrOfTwoDatesFiresBothThenEnds() {
        ZonedDateTime d2 = berlin("2020-05-18T15:01:53.940564");
        assertThat(fireTimes(Triggers.or(Triggers.date(D1), Triggers.date(d2)), D1.minusDays(1), 5)).containsExactly(D1, d2);
    }

    @Test
    void q11OrOfTwoIntervalsFiresEachOnItsOwnScheduleSharedTimesOnce() {
        Trigger trigger = Triggers.or(new IntervalTrigger(Duration.ofSeconds(4), D1, D1.plusSeconds(16), BERLIN, null),
                new IntervalTrigger(Duration.ofSeconds(6), D1, D1.plusSeconds(18), BERLIN, null));
        assertThat(fireTimes(trigger, D1.minusSeconds(1), 20)).containsExactly(D1, D1.plusSeconds(4), D1.plusSeconds(6),
                D1.plusSeconds(8), D1.plusSeconds(12), D1.plusSeconds(16), D1.plusSeconds(18));
    }

    @Test
    void orToleratesAPreviousFireTimeThatLostItsSubMillisecondPart() {
        Trigger trigger = Triggers.or(every(Duration.ofSeconds(4), D1), every(Duration.ofSeconds(6), D1));
        ZonedDateTime storedPrevious = D1.withNano(254_000_000);
        assertThat(trigger.nextFireTime(storedPrevious, D1)).contains(D1.plusSeconds(4));
    }

    @Test
    void orWithoutPreviousFireTimeReturnsTheEarliestChildAnswer() {
        Trigger trigger = Triggers.fromSpec(Map.of("type", "or", "triggers", List.of(
                Map.of("type", "calendarinterval", "months", 1, "start_date", "2017-05-06"),
                Map.of("type", "calendarinterval", "days", 3, "start_date", "2017-06-01"))), BERLIN);
        assertThat(trigger.nextFireTime(null, berlin("2017-08-05T12:00"))).contains(berlin("2017-08-06T00:00"));
        assertThat(trigger.nextFireTime(berlin("2017-08-06T00:00"), berlin("2017-08-06T00:00")))
                .contains(berlin("2017-08-09T00:00"));
    }

    @Test
    void nestedOrWithALongPastDateChildIsNotSteppedFromThatDate() {
        ZonedDateTime longAgo = ZonedDateTime.parse("2000-01-01T00:00Z");
        Trigger trigger = Triggers.and(Triggers.or(Triggers.date(longAgo), every(Duration.ofMinutes(1), longAgo)),
                every(Duration.ofMinutes(2), longAgo));
        assertThat(trigger.nextFireTime(null, MAY_1.plusSeconds(1))).contains(MAY_1.plusMinutes(2));
    }

    @Test
    void specsRoundTripNestedWithJitterAndTriggerObjects() {
        Trigger inner = Triggers.and(every(Duration.ofMinutes(2), MAY_1), Triggers.date(MAY_1));
        Trigger trigger = Triggers.fromSpec(Map.of("type", "or", "jitter", 5, "timezone", "Asia/Shanghai", "triggers",
                List.of(inner, Map.of("type", "interval", "hours", 2, "start_date", "2024-05-01"))), BERLIN);
        assertThat(trigger.jitter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(trigger.timezone()).hasToString("Asia/Shanghai");
        assertThat(((OrTrigger) trigger).triggers().get(1).timezone()).hasToString("Asia/Shanghai");
        assertThat(trigger).hasToString("or[and[interval[0:02:00], date[2024-05-01 00:00:00 UTC]], interval[2:00:00]]");
        Trigger back = Triggers.fromSpec(SpecJson.read(SpecJson.write(trigger.toSpec())), ZoneOffset.UTC);
        assertThat(back).isEqualTo(trigger).hasSameHashCodeAs(trigger);
    }

    @Test
    void endDatesBoundJitter() {
        IntervalTrigger a = new IntervalTrigger(Duration.ofSeconds(5), MAY_1, MAY_1.plusMinutes(1), ZoneOffset.UTC, null);
        IntervalTrigger b = new IntervalTrigger(Duration.ofSeconds(10), MAY_1, MAY_1.plusMinutes(2), ZoneOffset.UTC, null);
        AndTrigger and = new AndTrigger(List.of(a, b), null, Duration.ofSeconds(30));
        assertThat(and.endDate()).contains(MAY_1.plusMinutes(1));
        assertThat(Triggers.or(a, b).endDate()).contains(MAY_1.plusMinutes(2));
        assertThat(Triggers.or(a, every(Duration.ofSeconds(1), MAY_1)).endDate()).isEmpty();
        ZonedDateTime last = and.nextFireTime(MAY_1.plusSeconds(50), MAY_1).orElseThrow();
        assertThat(last).isEqualTo(MAY_1.plusMinutes(1));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            assertThat(Jitter.apply(and, last, random)).isEqualTo(last);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty list       | {"type": "and", "triggers": []}                                        | triggers             | at least one trigger spec
            absent list      | {"type": "or"}                                                         | triggers             | at least one trigger spec
            not a list       | {"type": "or", "triggers": "interval"}                                 | triggers             | must be a list of trigger specs
            bad child        | {"type": "and", "triggers": [{"type": "date"}, {"type": "interval", "seconds": "x"}]} | triggers[1].seconds | must be a number
            child w/o type   | {"type": "or", "triggers": [{"seconds": 1}]}                           | triggers[0].type     | valid: date, interval
            unknown key      | {"type": "or", "triggers": [{"type": "date"}], "threshold": 1}         | threshold            | valid keys: jitter, timezone, triggers
            """)
    void invalidSpecsAreRejectedNamingTheField(String id, String json, String field, String message) {
        assertThatThrownBy(() -> Triggers.fromSpec(SpecJson.read(json), BERLIN)).isInstanceOfSatisfying(
                InvalidTriggerSpecException.class, (ex) -> assertThat(ex.field()).isEqualTo(field)).hasMessageContaining(message);
    }
}
