package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The 5-field string form is a crontab line as Vixie cron reads it: every generated line in Vixie's grammar (lists of
 * {@code *}, a, a-b, each with an optional step of any size, month and weekday names in any case, weekday 7 = Sunday)
 * is accepted, and fires when a model of Vixie's matching says (its {@code entry.c} sets every value from a to b by
 * the step; day and weekday are ORed when neither field starts with {@code *}). In UTC: the daylight-saving policy is
 * tested elsewhere. Vixie also takes a reversed range (5-3) and then never matches that field; Kairos refuses it.
 */
class CronCrontabDialectTests {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
            "dec");

    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    /** How far the model looks for a fire time. */
    private static final int SCAN_DAYS = 8 * 366;

    /** A generated field: its text and the values Vixie sets for it. */
    record Field(String text, BitSet values) {
    }

    /** A generated crontab line. */
    record Line(Field minute, Field hour, Field day, Field month, Field weekday) {

        String text() {
            return String.join(" ", this.minute.text, this.hour.text, this.day.text, this.month.text, this.weekday.text);
        }

        /** Vixie's rule: AND when either day field starts with '*', else OR. */
        boolean matches(LocalDate date) {
            boolean day = this.day.values.get(date.getDayOfMonth());
            boolean weekday = this.weekday.values.get(date.getDayOfWeek().getValue() % 7);
            boolean star = this.day.text.startsWith("*") || this.weekday.text.startsWith("*");
            return this.month.values.get(date.getMonthValue()) && (star ? day && weekday : day || weekday);
        }

        /** The first matching minute at or after {@code from}, or {@code null} within the scanned days. */
        LocalDateTime firstFrom(LocalDateTime from) {
            for (int d = 0; d < SCAN_DAYS; d++) {
                LocalDate date = from.toLocalDate().plusDays(d);
                if (!matches(date)) {
                    continue;
                }
                int fromMinute = d == 0 ? from.getHour() * 60 + from.getMinute() : 0;
                for (int m = fromMinute; m < 1440; m++) {
                    if (this.hour.values.get(m / 60) && this.minute.values.get(m % 60)) {
                        return date.atTime(m / 60, m % 60);
                    }
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "'" + text() + "'";
        }
    }

    @Provide
    Arbitrary<Line> lines() {
        return Combinators.combine(field(0, 59, List.of(), 0), field(0, 23, List.of(), 0), field(1, 31, List.of(), 1),
                field(1, 12, MONTHS, 1), field(0, 7, WEEKDAYS, 0)).as(Line::new);
    }

    /** One to three comma-separated elements of Vixie's grammar, with the values Vixie sets for them. */
    private static Arbitrary<Field> field(int low, int high, List<String> names, int nameBase) {
        Arbitrary<Integer> numbers = Arbitraries.integers().between(low, high);
        Arbitrary<Integer> steps = Arbitraries.integers().between(1, 2 * (high - low) + 10);
        Arbitrary<int[]> ranges = Arbitraries.oneOf(Arbitraries.just(new int[] { low, high, 1, 1 }),
                steps.map((step) -> new int[] { low, high, step, 1 }), numbers.map((n) -> new int[] { n, n, 1, 0 }),
                Combinators.combine(numbers, numbers, steps)
                    .as((a, b, step) -> new int[] { Math.min(a, b), Math.max(a, b), step, 0 }),
                Combinators.combine(numbers, numbers).as((a, b) -> new int[] { Math.min(a, b), Math.max(a, b), 1, 0 }));
        return Combinators.combine(ranges.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 3)).as((list, style) -> {
            BitSet values = new BitSet();
            StringBuilder text = new StringBuilder();
            for (int[] range : list) {
                boolean star = range[3] == 1;
                text.append(text.length() == 0 ? "" : ",");
                if (star) {
                    text.append('*');
                }
                else {
                    text.append(value(range[0], names, nameBase, style));
                    if (range[1] != range[0] || range[2] != 1) {
                        text.append('-').append(value(range[1], names, nameBase, style));
                    }
                }
                if (range[2] != 1) {
                    text.append('/').append(range[2]);
                }
                for (int v = range[0]; v <= range[1]; v += range[2]) {
                    values.set(v);
                }
            }
            if (names == WEEKDAYS && values.get(7)) {
                values.set(0);
            }
            return new Field(text.toString(), values);
        });
    }

    /** A value as a number or, in some styles, as a name in lower, upper or title case. */
    private static String value(int value, List<String> names, int nameBase, int style) {
        int index = value - nameBase;
        if (names.isEmpty() || style == 0 || index < 0 || index >= names.size()) {
            return String.valueOf(value);
        }
        String name = names.get(index);
        return switch (style) {
            case 1 -> name;
            case 2 -> name.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
    }

    @Property(tries = 2000)
    void everyVixieLineIsAcceptedAndFiresWhereVixieWould(@ForAll("lines") Line line, @ForAll @IntRange(min = 0, max = 40 * 366) int day,
            @ForAll @IntRange(min = 0, max = 1439) int minute) {
        CronTrigger trigger = CronTrigger.ofExpression(line.text(), ZoneOffset.UTC);
        LocalDateTime from = LocalDate.of(1990, 1, 1).plusDays(day).atTime(minute / 60, minute % 60);
        LocalDateTime expected = line.firstFrom(from);
        Optional<ZonedDateTime> actual = trigger.nextFireTime(null, from.atZone(ZoneOffset.UTC));
        if (expected != null) {
            assertThat(actual.map(ZonedDateTime::toLocalDateTime)).as("%s from %s", line, from).contains(expected);
        }
        else {
            assertThat(actual.map(ZonedDateTime::toLocalDateTime).filter((t) -> t.isBefore(from.plusDays(SCAN_DAYS))))
                .as("%s from %s", line, from).isEmpty();
        }
    }
}
