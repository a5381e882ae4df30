package io.kairos.scheduler.trigger.cron;

import java.util.BitSet;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * A compiled cron schedule on the wall clock: one bit mask per field, searched field by field from the
 * most significant down (never second by second). Wall times are passed as <em>local epoch seconds</em>
 * ({@code LocalDateTime.toEpochSecond(ZoneOffset.UTC)}), so the search allocates nothing. Years are
 * 1970-9999. Immutable and thread-safe.
 */
public final class CronSchedule {

    /** Returned by {@link #next(long)} when nothing matches up to the end of year 9999. */
    public static final long NONE = Long.MIN_VALUE;

    static final int MIN_YEAR = 1970;

    static final int MAX_YEAR = 9999;

    private static final long MIN_LOCAL = CivilDates.epochDay(MIN_YEAR, 1, 1) * 86400L;

    private final @Nullable BitSet years;

    private final long months;

    private final DayRule days;

    private final long hours;

    private final long minutes;

    private final long seconds;

    /**
     * @param years matching years as bit {@code year - 1970}, or {@code null} for every year
     * @param months bits 1-12
     * @param days the day rule
     * @param hours bits 0-23
     * @param minutes bits 0-59
     * @param seconds bits 0-59
     */
    CronSchedule(@Nullable BitSet years, long months, DayRule days, long hours, long minutes, long seconds) {
        this.years = (years == null) ? null : (BitSet) years.clone();
        this.months = months;
        this.days = days;
        this.hours = hours;
        this.minutes = minutes;
        this.seconds = seconds;
    }

    /**
     * Whether every hour of the day matches (the hour field is {@code *} or equivalent); such a
     * schedule also fires in the second occurrence of a repeated wall-clock hour.
     *
     * @return {@code true} when all 24 hours are in the hour set
     */
    public boolean everyHour() {
        return this.hours == 0xFF_FFFFL;
    }

    /**
     * The first matching wall time at or after {@code local}.
     *
     * @param local a wall time in local epoch seconds
     * @return the matching wall time in local epoch seconds, or {@link #NONE}
     */
    public long next(long local) {
        if (local < MIN_LOCAL) {
            local = MIN_LOCAL;
        }
        long date = CivilDates.civil(Math.floorDiv(local, 86400L));
        int secondOfDay = (int) Math.floorMod(local, 86400L);
        int year = (int) (date / 10000);
        int month = (int) (date / 100 % 100);
        int day = (int) (date % 100);
        int hour = secondOfDay / 3600;
        int minute = secondOfDay / 60 % 60;
        int second = secondOfDay % 60;
        int dayYear = 0;
        int dayMonth = 0;
        long dayMask = 0;
        while (true) {
            if (year > MAX_YEAR) {
                return NONE;
            }
            if (this.years != null && !this.years.get(year - MIN_YEAR)) {
                int next = this.years.nextSetBit(year - MIN_YEAR);
                if (next < 0) {
                    return NONE;
                }
                year = next + MIN_YEAR;
                month = 1;
                day = 1;
                hour = 0;
                minute = 0;
                second = 0;
            }
            int m = nextBit(this.months, month);
            if (m < 0) {
                year++;
                month = 1;
                day = 1;
                hour = 0;
                minute = 0;
                second = 0;
                continue;
            }
            if (m != month) {
                month = m;
                day = 1;
                hour = 0;
                minute = 0;
                second = 0;
            }
            if (dayYear != year || dayMonth != month) {
                dayMask = this.days.days(year, month);
                dayYear = year;
                dayMonth = month;
            }
            int d = nextBit(dayMask, day);
            if (d < 0) {
                month++;
                day = 1;
                hour = 0;
                minute = 0;
                second = 0;
                continue;
            }
            if (d != day) {
                day = d;
                hour = 0;
                minute = 0;
                second = 0;
            }
            int h = nextBit(this.hours, hour);
            if (h < 0) {
                day++;
                hour = 0;
                minute = 0;
                second = 0;
                continue;
            }
            if (h != hour) {
                hour = h;
                minute = 0;
                second = 0;
            }
            int mi = nextBit(this.minutes, minute);
            if (mi < 0) {
                hour++;
                minute = 0;
                second = 0;
                continue;
            }
            if (mi != minute) {
                minute = mi;
                second = 0;
            }
            int s = nextBit(this.seconds, second);
            if (s < 0) {
                minute++;
                second = 0;
                continue;
            }
            return CivilDates.epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + s;
        }
    }

    private static int nextBit(long mask, int from) {
        if (from > 63) {
            return -1;
        }
        long rest = mask & (-1L << from);
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && Objects.equals(this.years, other.years) && this.months == other.months
                && this.days.equals(other.days) && this.hours == other.hours && this.minutes == other.minutes
                && this.seconds == other.seconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.years, this.months, this.days, this.hours, this.minutes, this.seconds);
    }
}
