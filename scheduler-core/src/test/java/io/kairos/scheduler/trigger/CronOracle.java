package io.kairos.scheduler.trigger;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * A deliberately naive model of a field-form cron trigger, for property tests: predicates built next to
 * the generated spec text, and a brute-force search over candidate instants.
 *
 * <p>The fire set is defined directly from the documented DST rule: an instant {@code t} fires when some
 * matching wall time {@code W} resolves to it, where a normal wall time resolves to its one instant, a
 * wall time in a gap resolves to {@code ZonedDateTime.ofLocal} (shifted forward by the gap), and a
 * repeated wall time resolves to its first occurrence, plus the second when the hour field is all hours.
 */
final class CronOracle {

    /** One generated field: its spec text and the values it matches. */
    record Field(String text, IntPredicate test) {
    }

    /** One generated day field: its spec text and the dates it matches. */
    record DayField(String text, Predicate<LocalDate> test) {
    }

    final ZoneId zone;

    private final ZoneRules rules;

    private final IntPredicate year;

    private final IntPredicate month;

    private final Predicate<LocalDate> day;

    private final IntPredicate week;

    private final IntPredicate dayOfWeek;

    private final IntPredicate hour;

    private final IntPredicate minute;

    private final IntPredicate second;

    private final boolean allHours;

    CronOracle(ZoneId zone, IntPredicate year, IntPredicate month, Predicate<LocalDate> day, IntPredicate week, IntPredicate dayOfWeek,
            IntPredicate hour, IntPredicate minute, IntPredicate second) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.year = year;
        this.month = month;
        this.day = day;
        this.week = week;
        this.dayOfWeek = dayOfWeek;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        boolean all = true;
        for (int h = 0; h < 24; h++) {
            all &= hour.test(h);
        }
        this.allHours = all;
    }

    boolean matchesDate(LocalDate date) {
        return this.year.test(date.getYear()) && this.month.test(date.getMonthValue()) && this.day.test(date)
                && this.week.test(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) && this.dayOfWeek.test(date.getDayOfWeek().getValue() - 1);
    }

    boolean matches(LocalDateTime wall) {
        return matchesDate(wall.toLocalDate()) && this.hour.test(wall.getHour()) && this.minute.test(wall.getMinute())
                && this.second.test(wall.getSecond());
    }

    /** The instants a wall time fires at under the Kairos DST rule. */
    TreeSet<Long> resolve(LocalDateTime wall) {
        TreeSet<Long> out = new TreeSet<>();
        List<ZoneOffset> valid = this.rules.getValidOffsets(wall);
        if (valid.isEmpty()) {
            out.add(ZonedDateTime.ofLocal(wall, this.zone, null).toEpochSecond());
        }
        else {
            out.add(wall.toEpochSecond(valid.get(0)));
            if (valid.size() == 2 && this.allHours) {
                out.add(wall.toEpochSecond(valid.get(1)));
            }
        }
        return out;
    }

    /** Whether instant {@code t} (epoch seconds) is a fire time. */
    boolean fires(long t) {
        Instant instant = Instant.ofEpochSecond(t);
        TreeSet<Integer> offsets = new TreeSet<>();
        for (long shift = -4 * 3600; shift <= 4 * 3600; shift += 1800) {
            offsets.add(this.rules.getOffset(instant.plusSeconds(shift)).getTotalSeconds());
        }
        for (int offset : offsets) {
            LocalDateTime wall = LocalDateTime.ofEpochSecond(t + offset, 0, ZoneOffset.UTC);
            if (matches(wall) && resolve(wall).contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first fire instant in {@code [start, start + window)}, scanning every second the second field
     * allows (all offsets in the tested zones are whole minutes).
     *
     * @return the instant, or {@code null} when none lies in the window
     */
    Long firstFireScanning(long start, long windowSeconds) {
        for (long minute = Math.floorDiv(start, 60) * 60; minute < start + windowSeconds; minute += 60) {
            for (int s = 0; s < 60; s++) {
                long t = minute + s;
                if (t >= start && this.second.test(s) && fires(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * The first fire time at or after {@code start} for a zone without DST, found day by day.
     *
     * @return the instant, or {@code null} when none lies within {@code days} days
     */
    Long firstFireByDays(long start, int days) {
        int offset = this.rules.getOffset(Instant.ofEpochSecond(start)).getTotalSeconds();
        LocalDate first = LocalDateTime.ofEpochSecond(start + offset, 0, ZoneOffset.UTC).toLocalDate();
        for (int i = 0; i < days; i++) {
            LocalDate date = first.plusDays(i);
            if (date.getYear() > 9999 || !matchesDate(date)) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                for (int m = 0; h < 24 && this.hour.test(h) && m < 60; m++) {
                    for (int s = 0; this.minute.test(m) && s < 60; s++) {
                        long t = date.atTime(h, m, s).toEpochSecond(ZoneOffset.ofTotalSeconds(offset));
                        if (t >= start && this.second.test(s)) {
                            return t;
                        }
                    }
                }
            }
        }
        return null;
    }

    static DayOfWeek weekday(int mondayZero) {
        return DayOfWeek.of(mondayZero + 1);
    }
}
