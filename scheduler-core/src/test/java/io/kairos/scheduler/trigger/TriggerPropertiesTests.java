package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of the interval and calendar interval triggers against brute-force oracles, and spec round trips
 * for every kind. Zones include daylight-saving ones, a half-hour shift (Lord Howe) and fixed offsets.
 */
class TriggerPropertiesTests {

    private static final long YEAR_2000 = 946_684_800L;

    private static final long THIRTY_YEARS = 30L * 365 * 86_400;

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("Europe/Berlin", "US/Eastern", "UTC", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
                "+05:45").map((id) -> TriggerSpec.parseZone("timezone", id));
    }

    private static ZonedDateTime at(long epochSecond, int millis, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L).atZone(zone);
    }

    @Property(tries = 150)
    void intervalFireTimesMatchStartPlusWholeIntervalsAndIncrease(@ForAll @LongRange(min = 1, max = 3 * 86_400_000L) long intervalMillis,
            @ForAll @LongRange(min = 0, max = THIRTY_YEARS) long startOffset, @ForAll @IntRange(min = 0, max = 999) int startMillis,
            @ForAll @LongRange(min = -5_000, max = 2_000_000) long nowSteps1000, @ForAll("zones") ZoneId zone) {
        Duration interval = Duration.ofMillis(intervalMillis);
        ZonedDateTime start = at(YEAR_2000 + startOffset, startMillis, zone);
        IntervalTrigger trigger = new IntervalTrigger(interval, start, null, zone, null);
        ZonedDateTime now = start.plus(interval.multipliedBy(nowSteps1000).dividedBy(1000));

        ZonedDateTime oracle = start;
        while (oracle.isBefore(now)) {
            oracle = oracle.plus(interval);
        }
        ZonedDateTime first = trigger.nextFireTime(null, now).orElseThrow();
        assertThat(first.toInstant()).isEqualTo(oracle.toInstant());
        assertThat(first.getZone()).isEqualTo(zone);

        ZonedDateTime previous = first;
        for (int i = 0; i < 10; i++) {
            ZonedDateTime next = trigger.nextFireTime(previous, now).orElseThrow();
            assertThat(next).isAfter(previous);
            assertThat(Duration.between(previous, next)).isEqualTo(interval);
            previous = next;
        }
        assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).isEqualTo(trigger);
    }

    @Property(tries = 200)
    void latestIntervalFireTimeAtOrBeforeNowIsWhereSteppingStops(@ForAll @LongRange(min = 1, max = 86_400_000L) long intervalMillis,
            @ForAll @IntRange(min = 0, max = 2_000) int stepsToNow, @ForAll @IntRange(min = 0, max = 999) int fraction,
            @ForAll @IntRange(min = -1, max = 2_500) int stepsToEnd, @ForAll("zones") ZoneId zone) {
        Duration interval = Duration.ofMillis(intervalMillis);
        ZonedDateTime start = at(YEAR_2000, 0, zone);
        // stepsToEnd -1: no end date; an end date between fire times when the fraction is not 0
        ZonedDateTime end = stepsToEnd < 0 ? null
                : start.plus(interval.multipliedBy(stepsToEnd)).plus(interval.multipliedBy(fraction).dividedBy(1000));
        IntervalTrigger trigger = new IntervalTrigger(interval, start, end, zone, null);
        ZonedDateTime now = start.plus(interval.multipliedBy(stepsToNow)).plus(interval.multipliedBy(fraction).dividedBy(1000));

        SteppingOracle.assertLatestIsWhereSteppingStops(trigger, start, now, "every " + interval + " in " + zone + ", end " + end);
    }

    @Property(tries = 150)
    void latestCombinedFireTimeAtOrBeforeNowIsWhereSteppingStops(@ForAll @LongRange(min = 1_000, max = 3_600_000L) long aMillis,
            @ForAll @LongRange(min = 1_000, max = 3_600_000L) long bMillis, @ForAll @IntRange(min = 1, max = 4) int multiple,
            @ForAll @IntRange(min = 0, max = 999) int offsetMillis, @ForAll @IntRange(min = 0, max = 2_000) int steps,
            @ForAll @IntRange(min = 0, max = 999) int fraction, @ForAll boolean and, @ForAll("zones") ZoneId zone) {
        ZonedDateTime start = at(YEAR_2000, 0, zone);
        Trigger a = new IntervalTrigger(Duration.ofMillis(aMillis), start, null, zone, null);
        // "and": b fires on every multiple-th fire time of a, so they meet; "or": b is offset by up to a second
        Trigger b = and ? new IntervalTrigger(Duration.ofMillis(aMillis * multiple), start, null, zone, null)
                : new IntervalTrigger(Duration.ofMillis(bMillis), start.plus(Duration.ofMillis(offsetMillis)), null, zone, null);
        CombiningTrigger trigger = and ? new AndTrigger(List.of(a, b), zone, null) : new OrTrigger(List.of(a, b), zone, null);
        Duration unit = Duration.ofMillis(and ? aMillis * multiple : Math.min(aMillis, bMillis));
        ZonedDateTime now = start.plus(unit.multipliedBy(steps)).plus(unit.multipliedBy(fraction).dividedBy(1000));
        ZonedDateTime first = trigger.nextFireTime(null, start).orElseThrow();

        SteppingOracle.assertLatestIsWhereSteppingStops(trigger, first, now, trigger.toString());
    }

    @Property(tries = 150)
    void calendarIntervalOfDaysFiresOnEveryStepDayAtTheWallTimeExceptGaps(@ForAll @IntRange(min = 0, max = 3) int weeks,
            @ForAll @IntRange(min = 0, max = 10) int days, @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll @IntRange(min = 0, max = 59) int minute, @ForAll @IntRange(min = 0, max = 12_000) int startDay,
            @ForAll("zones") ZoneId zone) {
        long step = weeks * 7L + days;
        if (step == 0) {
            return;
        }
        LocalTime time = LocalTime.of(hour, minute);
        LocalDate start = LocalDate.of(2000, 1, 1).plusDays(startDay);
        CalendarIntervalTrigger trigger = new CalendarIntervalTrigger(0, 0, weeks, days, time, start, null, zone, null);
        List<ZonedDateTime> expected = new ArrayList<>();
        for (LocalDate date = start; expected.size() < 12; date = date.plusDays(step)) {
            if (!zone.getRules().getValidOffsets(date.atTime(time)).isEmpty()) {
                expected.add(ZonedDateTime.ofLocal(date.atTime(time), zone, null));
            }
        }
        assertThat(walk(trigger, start.atStartOfDay(zone).minusDays(1), 12)).containsExactlyElementsOf(expected);
        assertFirstCallSkipsThePast(trigger, expected);
        assertThat(Triggers.fromSpec(trigger.toSpec(), ZoneOffset.UTC)).isEqualTo(trigger);
    }

    @Property(tries = 150)
    void calendarIntervalOfMonthsKeepsTheDayOfMonthAndSkipsMissingDays(@ForAll @IntRange(min = 0, max = 2) int years,
            @ForAll @IntRange(min = 0, max = 14) int months, @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll @IntRange(min = 0, max = 12_000) int startDay, @ForAll("zones") ZoneId zone) {
        int totalMonths = years * 12 + months;
        if (totalMonths == 0) {
            return;
        }
        LocalTime time = LocalTime.of(hour, 30, 15);
        LocalDate start = LocalDate.of(2000, 1, 1).plusDays(startDay);
        CalendarIntervalTrigger trigger = new CalendarIntervalTrigger(years, months, 0, 0, time, start, null, zone, null);
        List<ZonedDateTime> expected = new ArrayList<>();
        for (YearMonth month = YearMonth.from(start); expected.size() < 8; month = month.plusMonths(totalMonths)) {
            if (month.isValidDay(start.getDayOfMonth())) {
                LocalDate date = month.atDay(start.getDayOfMonth());
                if (!zone.getRules().getValidOffsets(date.atTime(time)).isEmpty()) {
                    expected.add(ZonedDateTime.ofLocal(date.atTime(time), zone, null));
                }
            }
        }
        assertThat(walk(trigger, start.atStartOfDay(zone).minusDays(1), 8)).containsExactlyElementsOf(expected);
        assertFirstCallSkipsThePast(trigger, expected);
    }

    @Property(tries = 200)
    void calendarIntervalOfMonthsFromADistantStartFindsTheFirstFireTimeAtOrAfterNow(@ForAll @IntRange(min = 0, max = 3) int years,
            @ForAll @IntRange(min = 0, max = 14) int months, @ForAll @IntRange(min = 1, max = 2000) int startYear,
            @ForAll @IntRange(min = 1, max = 366) int startDay, @ForAll @IntRange(min = 0, max = 9000) int nowDays,
            @ForAll @IntRange(min = 0, max = 23) int hour, @ForAll("zones") ZoneId zone) {
        int totalMonths = years * 12 + months;
        if (totalMonths == 0) {
            return;
        }
        LocalTime time = LocalTime.of(hour, 0);
        LocalDate start = LocalDate.ofYearDay(startYear, Math.min(startDay, LocalDate.of(startYear, 1, 1).lengthOfYear()));
        CalendarIntervalTrigger trigger = new CalendarIntervalTrigger(years, months, 0, 0, time, start, null, zone, null);
        ZonedDateTime now = LocalDate.of(2000, 1, 1).plusDays(nowDays).atStartOfDay(zone);
        ZonedDateTime expected = null;
        for (YearMonth month = YearMonth.from(start); expected == null; month = month.plusMonths(totalMonths)) {
            if (month.isValidDay(start.getDayOfMonth())) {
                LocalDateTime wall = month.atDay(start.getDayOfMonth()).atTime(time);
                if (!zone.getRules().getValidOffsets(wall).isEmpty() && !ZonedDateTime.ofLocal(wall, zone, null).isBefore(now)) {
                    expected = ZonedDateTime.ofLocal(wall, zone, null);
                }
            }
        }
        assertThat(trigger.nextFireTime(null, now)).contains(expected);
    }

    @Property(tries = 60)
    void everyKindRoundTripsThroughItsSpec(@ForAll @LongRange(min = 0, max = THIRTY_YEARS) long offset,
            @ForAll @IntRange(min = 0, max = 999) int millis, @ForAll @LongRange(min = 1, max = 86_400_000) long intervalMillis,
            @ForAll @IntRange(min = 0, max = 5000) int jitterMillis, @ForAll("zones") ZoneId zone, @ForAll boolean withEnd) {
        ZonedDateTime start = at(YEAR_2000 + offset, millis, zone);
        Duration jitter = Duration.ofMillis(jitterMillis);
        Trigger date = Triggers.date(start);
        Trigger interval = new IntervalTrigger(Duration.ofMillis(intervalMillis), start, withEnd ? start.plusDays(3) : null, zone, jitter);
        Trigger calendar = new CalendarIntervalTrigger(1, 2, 0, 3, LocalTime.of(4, 5, 6), start.toLocalDate(),
                withEnd ? start.toLocalDate().plusYears(1) : null, zone, jitter);
        Trigger cron = Triggers.fromSpec(java.util.Map.of("type", "cron", "day_of_week", "mon-fri", "hour", "9", "minute", "30",
                "start_date", TriggerSpec.formatDateTime(start), "timezone", TriggerSpec.formatZone(zone)), ZoneOffset.UTC);
        Trigger and = new AndTrigger(List.of(interval, calendar), null, jitter);
        Trigger or = new OrTrigger(List.of(date, and, interval, cron), ZoneOffset.UTC, null);
        for (Trigger trigger : List.of(date, interval, calendar, cron, and, or)) {
            Trigger back = Triggers.fromSpec(SpecJson.read(SpecJson.write(trigger.toSpec())), ZoneId.of("Asia/Tokyo"));
            assertThat(back).isEqualTo(trigger).hasSameHashCodeAs(trigger).hasToString(trigger.toString());
            assertThat(back.toSpec()).isEqualTo(trigger.toSpec());
        }
    }

    private static List<ZonedDateTime> walk(Trigger trigger, ZonedDateTime now, int limit) {
        List<ZonedDateTime> times = new ArrayList<>();
        Optional<ZonedDateTime> next = trigger.nextFireTime(null, now);
        while (next.isPresent() && times.size() < limit) {
            if (!times.isEmpty()) {
                assertThat(next.get()).isAfter(times.get(times.size() - 1));
            }
            times.add(next.get());
            next = trigger.nextFireTime(next.get(), now);
        }
        return times;
    }

    /** Without a previous fire time the trigger answers the first fire time at or after now. */
    private static void assertFirstCallSkipsThePast(Trigger trigger, List<ZonedDateTime> sequence) {
        for (int i = 1; i < sequence.size(); i++) {
            assertThat(trigger.nextFireTime(null, sequence.get(i - 1).plusSeconds(1))).contains(sequence.get(i));
            assertThat(trigger.nextFireTime(null, sequence.get(i))).contains(sequence.get(i));
        }
    }
}
