package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.trigger.CronOracle.DayField;
import io.kairos.scheduler.trigger.CronOracle.Field;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Property tests: for random field-form specs in zones with unusual daylight-saving rules, the next fire
 * time equals what a brute-force scan of {@link CronOracle} finds, fire times strictly increase and every
 * fire time is in the oracle's fire set; specs round-trip through {@code toSpec}.
 */
class CronTriggerPropertiesTests {

    private static final List<String> ZONES = List.of("Australia/Lord_Howe", "Pacific/Chatham", "America/New_York", "Europe/Berlin",
            "UTC");

    private static final long SCAN_WINDOW = 8 * 86400L;

    /** A generated trigger with its oracle and a start instant (epoch seconds). */
    record Case(Map<String, Object> spec, CronOracle oracle, long start) {

        CronTrigger trigger() {
            return CronTrigger.fromSpec(this.spec, this.oracle.zone);
        }

        @Override
        public String toString() {
            return this.spec + " in " + this.oracle.zone + " from " + Instant.ofEpochSecond(this.start);
        }
    }

    @Property(tries = 300)
    void nextFireTimeMatchesBruteForceAroundDstChanges(@ForAll("nearTransitions") Case c) {
        Long expected = c.oracle().firstFireScanning(c.start(), SCAN_WINDOW);
        Optional<ZonedDateTime> actual = c.trigger().nextFireTime(null, ZonedDateTime.ofInstant(Instant.ofEpochSecond(c.start()),
                ZoneOffset.UTC));
        if (expected != null) {
            assertThat(actual.map(ZonedDateTime::toEpochSecond)).as(c.toString()).contains(expected);
        }
        else {
            assertThat(actual.map(ZonedDateTime::toEpochSecond).orElse(Long.MAX_VALUE)).as(c.toString())
                .isGreaterThanOrEqualTo(c.start() + SCAN_WINDOW);
        }
    }

    @Property(tries = 200)
    void fireTimesStrictlyIncreaseAndAllMatch(@ForAll("nearTransitions") Case c) {
        CronTrigger trigger = c.trigger();
        ZonedDateTime previous = null;
        ZonedDateTime now = ZonedDateTime.ofInstant(Instant.ofEpochSecond(c.start()), ZoneOffset.UTC);
        for (int i = 0; i < 25; i++) {
            Optional<ZonedDateTime> next = trigger.nextFireTime(previous, now);
            if (next.isEmpty()) {
                break;
            }
            ZonedDateTime fire = next.get();
            assertThat(fire.getZone()).isEqualTo(trigger.timezone());
            if (previous != null) {
                assertThat(fire).as(c.toString()).isAfter(previous);
                Long between = c.oracle().firstFireScanning(previous.toEpochSecond() + 1, 6 * 3600);
                if (between != null) {
                    assertThat(fire.toEpochSecond()).as(c + ": nothing skipped after " + previous).isEqualTo(between);
                }
            }
            assertThat(c.oracle().fires(fire.toEpochSecond())).as(c + ": " + fire).isTrue();
            previous = fire;
            now = fire;
        }
    }

    @Property(tries = 200)
    void latestFireTimeAtOrBeforeNowIsWhereSteppingStops(@ForAll("nearTransitions") Case c,
            @ForAll @LongRange(min = 0, max = 2 * 86_400_000L) long millisToNow,
            @ForAll @LongRange(min = -1, max = 2 * 86_400L) long secondsToEnd) {
        ZonedDateTime start = ZonedDateTime.ofInstant(Instant.ofEpochSecond(c.start()), ZoneOffset.UTC);
        Optional<ZonedDateTime> firstFire = c.trigger().nextFireTime(null, start);
        if (firstFire.isEmpty()) {
            return;
        }
        // secondsToEnd -1: no end date
        Map<String, Object> spec = new LinkedHashMap<>(c.spec());
        if (secondsToEnd >= 0) {
            spec.put("end_date", firstFire.get().plusSeconds(secondsToEnd).toOffsetDateTime().toString());
        }
        CronTrigger trigger = CronTrigger.fromSpec(spec, c.oracle().zone);
        ZonedDateTime first = firstFire.get();
        ZonedDateTime now = first.plus(Duration.ofMillis(millisToNow));

        SteppingOracle.assertLatestIsWhereSteppingStops(trigger, first, now, c + ", spec " + spec);
    }

    @Property(tries = 300)
    void sparseDateSpecsMatchADayByDayScan(@ForAll("sparseDates") Case c) {
        int days = 3700;
        Long expected = c.oracle().firstFireByDays(c.start(), days);
        Optional<ZonedDateTime> actual = c.trigger().nextFireTime(null, ZonedDateTime.ofInstant(Instant.ofEpochSecond(c.start()),
                ZoneOffset.UTC));
        if (expected != null) {
            assertThat(actual.map(ZonedDateTime::toEpochSecond)).as(c.toString()).contains(expected);
        }
        else {
            assertThat(actual.map(ZonedDateTime::toEpochSecond).orElse(Long.MAX_VALUE)).as(c.toString())
                .isGreaterThanOrEqualTo(c.start() + (days - 1) * 86400L);
        }
    }

    @Property(tries = 300)
    void crontabLinesMatchADayByDayScan(@ForAll("crontabLines") Case c) {
        // POSIX/Vixie: 0 and 7 are Sunday; day OR day_of_week when both are restricted (do not start with '*').
        Long expected = c.oracle().firstFireByDays(c.start(), 800);
        Optional<ZonedDateTime> actual = c.trigger().nextFireTime(null, ZonedDateTime.ofInstant(Instant.ofEpochSecond(c.start()),
                ZoneOffset.UTC));
        if (expected != null) {
            assertThat(actual.map(ZonedDateTime::toEpochSecond)).as(c.toString()).contains(expected);
        }
        else {
            assertThat(actual.map(ZonedDateTime::toEpochSecond).orElse(Long.MAX_VALUE)).as(c.toString())
                .isGreaterThanOrEqualTo(c.start() + 799 * 86400L);
        }
    }

    @Provide
    Arbitrary<Case> crontabLines() {
        Arbitrary<Field> minutes = Arbitraries.integers().between(0, 59).map(CronTriggerPropertiesTests::single);
        Arbitrary<Field> hours = Arbitraries.oneOf(Arbitraries.integers().between(0, 23).map(CronTriggerPropertiesTests::single),
                numeric(0, 23));
        Arbitrary<Field> days = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(3, numeric(1, 31)));
        Arbitrary<Field> months = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(1, numeric(1, 12)));
        Arbitrary<Field> weekdays = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(3, numeric(0, 7)));
        Arbitrary<Long> starts = Arbitraries.longs().between(LocalDate.of(2024, 1, 1).toEpochDay() * 86400,
                LocalDate.of(2030, 1, 1).toEpochDay() * 86400);
        return Combinators.combine(minutes, hours, days, months, weekdays, starts).as((minute, hour, day, month, weekday, start) -> {
            String line = minute.text() + " " + hour.text() + " " + day.text() + " " + month.text() + " " + weekday.text();
            boolean either = !day.text().startsWith("*") && !weekday.text().startsWith("*");
            java.util.function.Predicate<LocalDate> dom = (d) -> day.test().test(d.getDayOfMonth());
            java.util.function.Predicate<LocalDate> dow = (d) -> {
                int sundayZero = d.getDayOfWeek().getValue() % 7;
                return weekday.test().test(sundayZero) || (sundayZero == 0 && weekday.test().test(7));
            };
            java.util.function.Predicate<LocalDate> dates = either ? dom.or(dow) : dom.and(dow);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("expression", line);
            spec.put("timezone", "UTC");
            CronOracle oracle = new CronOracle(ZoneOffset.UTC, (v) -> true, month.test(), dates, (v) -> true, (v) -> true, hour.test(),
                    minute.test(), (v) -> v == 0);
            return new Case(spec, oracle, start);
        });
    }

    @Property(tries = 200)
    void toSpecRoundTrips(@ForAll("sparseDates") Case c) {
        CronTrigger trigger = c.trigger();
        CronTrigger read = CronTrigger.fromSpec(trigger.toSpec(), ZoneId.of("Asia/Tokyo"));
        assertThat(read).isEqualTo(trigger).hasSameHashCodeAs(trigger).hasToString(trigger.toString());
    }

    @Provide
    Arbitrary<Case> nearTransitions() {
        Arbitrary<String> zones = Arbitraries.of(ZONES);
        Arbitrary<Field> hours = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 4).map(CronTriggerPropertiesTests::single)),
                net.jqwik.api.Tuple.of(3, numeric(0, 23)));
        Arbitrary<Field> minutes = Arbitraries.oneOf(Arbitraries.of(0, 15, 30, 45, 59).map(CronTriggerPropertiesTests::single),
                numeric(0, 59));
        Arbitrary<Field> seconds = Arbitraries.of(single(0), single(30), step(0, 59, 15), step(0, 59, 20),
                new Field("0,45", (v) -> v == 0 || v == 45));
        Arbitrary<Field> weekdays = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(1, numeric(0, 6)));
        Arbitrary<DayField> days = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(new DayField("*", (d) -> true))),
                net.jqwik.api.Tuple.of(1, dayFields()));
        Arbitrary<Long> shifts = Arbitraries.longs().between(-40 * 3600, 40 * 3600);
        Arbitrary<Integer> years = Arbitraries.integers().between(2020, 2030);
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1);
        return Combinators.combine(zones, hours, minutes, seconds, weekdays, days, Combinators.combine(shifts, years, picks).as(List::of))
            .as((zone, hour, minute, second, weekday, day, when) -> {
                ZoneId zoneId = ZoneId.of(zone);
                long start = transitionNear(zoneId, (Integer) when.get(1), (Integer) when.get(2)) + (Long) when.get(0);
                Map<String, Object> spec = new LinkedHashMap<>();
                if (!day.text().equals("*")) {
                    spec.put("day", day.text());
                }
                if (!weekday.text().equals("*")) {
                    spec.put("day_of_week", weekday.text());
                }
                spec.put("hour", hour.text());
                spec.put("minute", minute.text());
                spec.put("second", second.text());
                spec.put("timezone", zone);
                CronOracle oracle = new CronOracle(zoneId, (v) -> true, (v) -> true, day.test(), (v) -> true, weekday.test(), hour.test(),
                        minute.test(), second.test());
                return new Case(spec, oracle, start);
            });
    }

    @Provide
    Arbitrary<Case> sparseDates() {
        Arbitrary<Field> years = Arbitraries.oneOf(Arbitraries.just(star()), numeric(2024, 2034, 1970));
        Arbitrary<Field> months = numeric(1, 12);
        Arbitrary<Field> weeks = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(1, numeric(1, 53)));
        Arbitrary<Field> weekdays = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(star())),
                net.jqwik.api.Tuple.of(1, numeric(0, 6)));
        Arbitrary<Field> hours = Arbitraries.oneOf(Arbitraries.integers().between(0, 23).map(CronTriggerPropertiesTests::single),
                numeric(0, 23));
        Arbitrary<Field> minutes = Arbitraries.integers().between(0, 59).map(CronTriggerPropertiesTests::single);
        Arbitrary<Field> seconds = Arbitraries.oneOf(Arbitraries.integers().between(0, 59).map(CronTriggerPropertiesTests::single),
                Arbitraries.just(star()));
        Arbitrary<Long> starts = Arbitraries.longs().between(LocalDate.of(2024, 1, 1).toEpochDay() * 86400,
                LocalDate.of(2030, 1, 1).toEpochDay() * 86400);
        Arbitrary<String> zones = Arbitraries.of("UTC", "+05:45", "-09:30");
        return Combinators.combine(years, months, dayFields(), weeks, weekdays, hours, minutes, Combinators.combine(seconds, starts, zones)
            .as((s, t, z) -> List.<Object>of(s, t, z)))
            .as((year, month, day, week, weekday, hour, minute, rest) -> {
                Field second = (Field) rest.get(0);
                ZoneId zone = TriggerSpec.parseZone("timezone", (String) rest.get(2));
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("year", year.text());
                spec.put("month", month.text());
                spec.put("day", day.text());
                spec.put("week", week.text());
                spec.put("day_of_week", weekday.text());
                spec.put("hour", hour.text());
                spec.put("minute", minute.text());
                spec.put("second", second.text());
                spec.put("timezone", rest.get(2));
                CronOracle oracle = new CronOracle(zone, year.test(), month.test(), day.test(), week.test(), weekday.test(), hour.test(),
                        minute.test(), second.test());
                return new Case(spec, oracle, (Long) rest.get(1));
            });
    }

    private static long transitionNear(ZoneId zone, int year, int pick) {
        long jan1 = LocalDate.of(year, 1, 1).toEpochDay() * 86400;
        ZoneOffsetTransition first = zone.getRules().nextTransition(Instant.ofEpochSecond(jan1));
        if (first == null) {
            return jan1 + pick * 180L * 86400;
        }
        if (pick == 0) {
            return first.toEpochSecond();
        }
        ZoneOffsetTransition second = zone.getRules().nextTransition(first.getInstant());
        return (second == null) ? first.toEpochSecond() : second.toEpochSecond();
    }

    private static Arbitrary<DayField> dayFields() {
        Arbitrary<DayField> numeric = numeric(1, 31).map((f) -> new DayField(f.text(), (d) -> f.test().test(d.getDayOfMonth())));
        Arbitrary<DayField> last = Arbitraries.just(new DayField("last", (d) -> d.getDayOfMonth() == d.lengthOfMonth()));
        List<String> names = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
        Arbitrary<DayField> nth = Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 6))
            .as((n, w) -> new DayField(List.of("1st", "2nd", "3rd", "4th", "5th").get(n - 1) + " " + names.get(w),
                    (d) -> d.getDayOfWeek() == CronOracle.weekday(w) && (d.getDayOfMonth() - 1) / 7 == n - 1));
        Arbitrary<DayField> lastWeekday = Arbitraries.integers().between(0, 6)
            .map((w) -> new DayField("last " + names.get(w),
                    (d) -> d.getDayOfWeek() == CronOracle.weekday(w) && d.getDayOfMonth() + 7 > d.lengthOfMonth()));
        Arbitrary<DayField> one = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, numeric), net.jqwik.api.Tuple.of(1, last),
                net.jqwik.api.Tuple.of(2, nth), net.jqwik.api.Tuple.of(1, lastWeekday));
        Arbitrary<DayField> list = Combinators.combine(one, one)
            .as((a, b) -> new DayField(a.text() + "," + b.text(), (d) -> a.test().test(d) || b.test().test(d)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, one), net.jqwik.api.Tuple.of(1, list));
    }

    /** Random numeric expressions over [min, max]: a, a-b, a-b/c, a/c, *&#47;c and two-element lists. */
    private static Arbitrary<Field> numeric(int min, int max) {
        return numeric(min, max, min);
    }

    /** As {@link #numeric(int, int)}, for a field whose real minimum ({@code *}/c counts from it) is {@code fieldMin}. */
    private static Arbitrary<Field> numeric(int min, int max, int fieldMin) {
        Arbitrary<Integer> values = Arbitraries.integers().between(min, max);
        Arbitrary<Field> single = values.map(CronTriggerPropertiesTests::single);
        Arbitrary<Field> range = Combinators.combine(values, values).as((a, b) -> {
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return new Field(lo + "-" + hi, (v) -> v >= lo && v <= hi);
        });
        Arbitrary<Field> rangeStep = Combinators.combine(values, values).flatAs((a, b) -> {
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return Arbitraries.integers().between(1, Math.max(1, hi - lo))
                .map((c) -> new Field(lo + "-" + hi + "/" + c, (v) -> v >= lo && v <= hi && (v - lo) % c == 0));
        });
        Arbitrary<Field> openStep = values.flatMap((a) -> Arbitraries.integers().between(1, Math.max(1, max - a))
            .map((c) -> new Field(a + "/" + c, (v) -> v >= a && (v - a) % c == 0)));
        Arbitrary<Field> starStep = Arbitraries.integers().between(1, max - min).map((c) -> step(fieldMin, max, c));
        Arbitrary<Field> one = Arbitraries.oneOf(single, range, rangeStep, openStep, starStep);
        Arbitrary<Field> list = Combinators.combine(one, one)
            .as((a, b) -> new Field(a.text() + "," + b.text(), (v) -> a.test().test(v) || b.test().test(v)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, one), net.jqwik.api.Tuple.of(1, list));
    }

    private static Field star() {
        return new Field("*", (v) -> true);
    }

    private static Field single(int value) {
        return new Field(Integer.toString(value), (v) -> v == value);
    }

    private static Field step(int min, int max, int step) {
        return new Field("*/" + step, (v) -> (v - min) % step == 0);
    }
}
