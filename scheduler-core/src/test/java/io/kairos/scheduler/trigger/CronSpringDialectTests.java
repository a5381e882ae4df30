package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.scheduling.support.CronExpression;

/**
 * The 6-field string form is Spring's dialect: every generated expression that Spring's {@link CronExpression}
 * accepts, Kairos accepts too, with the same fire times. In UTC, so that the documented daylight-saving policy does
 * not apply; without {@code nW} (Kairos keeps it in its month, a documented difference) and without Spring's
 * {@code L-n} beyond 30 and {@code d#n} beyond 5 (they reach into another month; Kairos refuses them).
 */
class CronSpringDialectTests {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
            "DEC");

    private static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    /** 1970-01-01 to 2100-01-01 in epoch seconds. */
    private static final long END = 4_102_444_800L;

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> second = list(plain(0, 59, List.of()));
        Arbitrary<String> hour = list(plain(0, 23, List.of()));
        Arbitrary<String> day = Arbitraries.oneOf(list(plain(1, 31, List.of())), Arbitraries.of("?", "L", "LW"),
                Arbitraries.integers().between(1, 27).map((n) -> "L-" + n), list(Arbitraries.oneOf(plain(1, 31, List.of()), Arbitraries.of("L", "LW"))));
        Arbitrary<String> month = list(plain(1, 12, MONTHS));
        Arbitrary<String> weekday = Arbitraries.oneOf(list(plain(0, 7, WEEKDAYS)), Arbitraries.just("?"),
                Combinators.combine(weekdayNumberOrName(), Arbitraries.integers().between(1, 5)).as((d, n) -> d + "#" + n),
                weekdayNumberOrName().map((d) -> d + "L"));
        return Combinators.combine(List.of(second, second, hour, day, month, weekday)).as((fields) -> String.join(" ", fields));
    }

    /** Spring weekday numbers 0-7 (0 and 7 = Sunday) or names, in any case. */
    private static Arbitrary<String> weekdayNumberOrName() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 7).map(String::valueOf),
                Arbitraries.of(WEEKDAYS).flatMap(CronSpringDialectTests::anyCase));
    }

    /** One to three comma-separated items. */
    private static Arbitrary<String> list(Arbitrary<String> item) {
        return item.list().ofMinSize(1).ofMaxSize(3).map((items) -> String.join(",", items));
    }

    /**
     * {@code *}, {@code *}/s, a, a-b, a-b/s, a/s with values a little outside the field (Spring refuses those), steps up
     * to well beyond the field's range, zero-padded numbers and names.
     */
    private static Arbitrary<String> plain(int min, int max, List<String> names) {
        Arbitrary<Integer> numbers = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.integers().between(min, max)),
                Tuple.of(1, Arbitraries.of(min - 1, max + 1))).withoutEdgeCases();
        Arbitrary<Integer> steps = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.integers().between(1, 2 * (max - min) + 10)),
                Tuple.of(1, Arbitraries.just(0))).withoutEdgeCases();
        Arbitrary<String> range = Arbitraries.frequencyOf(Tuple.of(8, Combinators.combine(numbers, numbers)
            .as((a, b) -> text(Math.min(a, b), min, names) + "-" + text(Math.max(a, b), min, names))),
                Tuple.of(1, Combinators.combine(numbers, numbers).as((a, b) -> text(a, min, names) + "-" + text(b, min, names))));
        Arbitrary<String> value = numbers.map((n) -> text(n, min, names));
        return Arbitraries.oneOf(Arbitraries.just("*"), steps.map((step) -> "*/" + step), value, range,
                Combinators.combine(range, steps).as((r, step) -> r + "/" + step),
                Combinators.combine(value, steps).as((v, step) -> v + "/" + step));
    }

    /** A field value as a number (sometimes zero-padded) or, where the field has them, a name in some case. */
    private static String text(int value, int min, List<String> names) {
        int nameIndex = value - (names == WEEKDAYS ? 1 : min);
        int pick = Math.floorMod(value * 7919 + names.size(), 5);
        if (!names.isEmpty() && nameIndex >= 0 && nameIndex < names.size() && pick < 2) {
            String name = names.get(nameIndex);
            return pick == 0 ? name : name.toLowerCase(Locale.ROOT);
        }
        return pick == 4 ? String.format("%02d", value) : String.valueOf(value);
    }

    private static Arbitrary<String> anyCase(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arbitraries.of(name, lower, name.charAt(0) + lower.substring(1));
    }

    @Property(tries = 3000)
    void everyExpressionSpringAcceptsHasSpringsFireTimes(@ForAll("expressions") String expression,
            @ForAll @LongRange(min = 0, max = END) long start) {
        // most generated expressions are valid, so the comparison is not vacuous
        Statistics.label("spring").coverage((coverage) -> coverage.check("accepted").percentage((p) -> p > 40));
        CronExpression spring;
        try {
            spring = CronExpression.parse(expression);
        }
        catch (IllegalArgumentException ex) {
            Statistics.label("spring").collect("refused");
            return;
        }
        Statistics.label("spring").collect("accepted");
        CronTrigger kairos = CronTrigger.ofExpression(expression, ZoneOffset.UTC);
        ZonedDateTime springTime = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
        ZonedDateTime previous = null;
        ZonedDateTime now = springTime.plusNanos(1);
        for (int i = 0; i < 5; i++) {
            springTime = spring.next(springTime);
            if (springTime == null || springTime.getYear() > 9999) {
                // Spring gives up after a bounded number of steps on sparse expressions; nothing to compare then
                return;
            }
            Optional<ZonedDateTime> next = kairos.nextFireTime(previous, now);
            assertThat(next).as("'%s' from %s (fire %d)", expression, now, i).contains(springTime);
            previous = next.get();
            now = previous;
        }
    }

    /** Steps larger than their range keep the range's first value, as Spring, Quartz and Vixie cron do. */
    @ParameterizedTest
    @ValueSource(strings = { "0 9-10/5 * * * *", "0 0 20-23/6 * * *", "*/100 * * * * *", "0 0 0 1-3/40 * *", "0 0 0 * 1-2/12 *",
            "0 0 0 ? * MON-TUE/9", "0 5/70 * * * *" })
    void stepsLargerThanTheRangeAreAccepted(String expression) {
        assertThatCode(() -> CronExpression.parse(expression)).doesNotThrowAnyException();
        CronTrigger kairos = CronTrigger.ofExpression(expression, ZoneOffset.UTC);
        ZonedDateTime from = ZonedDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThat(kairos.nextFireTime(null, from.plusNanos(1))).contains(CronExpression.parse(expression).next(from));
    }
}
