package io.kairos.scheduler.trigger.cron;

import java.util.Arrays;

/**
 * Which days of a given month a cron schedule fires on: the combination of day of month, day of week
 * and ISO week. Day-of-month and day-of-week are ANDed (APScheduler, Spring) or, when {@code either}
 * is set, ORed (POSIX/Vixie crontab when both are restricted). The ISO week is always ANDed.
 * Immutable.
 */
final class DayRule {

    static final long ALL_DAYS = 0xFFFF_FFFEL;

    static final long ALL_WEEKS = ((1L << 54) - 1) & ~1L;

    private final long daysOfMonth;

    private final int[] daySpecials;

    private final int daysOfWeek;

    private final int[] weekdaySpecials;

    private final long weeks;

    private final boolean either;

    /**
     * @param daysOfMonth bits 1-31
     * @param daySpecials packed {@link DaySpecial}s ORed into the day-of-month set
     * @param daysOfWeek bits 0-6, 0 = Monday
     * @param weekdaySpecials packed {@link DaySpecial}s ORed into the day-of-week set
     * @param weeks bits 1-53 (ISO weeks)
     * @param either OR day-of-month and day-of-week instead of AND
     */
    DayRule(long daysOfMonth, int[] daySpecials, int daysOfWeek, int[] weekdaySpecials, long weeks, boolean either) {
        this.daysOfMonth = daysOfMonth;
        this.daySpecials = daySpecials.clone();
        this.daysOfWeek = daysOfWeek;
        this.weekdaySpecials = weekdaySpecials.clone();
        this.weeks = weeks;
        this.either = either;
    }

    /**
     * The matching days of a month.
     *
     * @return bit {@code d} set when day {@code d} matches (bits 1-31)
     */
    long days(int year, int month) {
        int length = CivilDates.monthLength(year, month);
        long inMonth = ((1L << (length + 1)) - 1) & ~1L;
        int firstDow = CivilDates.dayOfWeek(year, month, 1);
        long dom = this.daysOfMonth | specials(this.daySpecials, length, firstDow);
        long dow = weekdays(this.daysOfWeek, firstDow) | specials(this.weekdaySpecials, length, firstDow);
        long days = (this.either ? (dom | dow) : (dom & dow)) & inMonth;
        if (this.weeks != ALL_WEEKS && days != 0) {
            days &= isoWeekDays(year, month, length, firstDow);
        }
        return days;
    }

    private static long specials(int[] specials, int length, int firstDow) {
        long bits = 0;
        for (int code : specials) {
            int day = DaySpecial.day(code, length, firstDow);
            if (day > 0) {
                bits |= 1L << day;
            }
        }
        return bits;
    }

    /** Spreads a weekday set (bit 0 = Monday) over days 1-35 of a month starting on {@code firstDow}. */
    private static long weekdays(int dowMask, int firstDow) {
        if (dowMask == 0x7F) {
            return ALL_DAYS;
        }
        int rotated = ((dowMask >>> firstDow) | (dowMask << (7 - firstDow))) & 0x7F;
        long week = rotated;
        long all = week | (week << 7) | (week << 14) | (week << 21) | (week << 28);
        return all << 1;
    }

    private long isoWeekDays(int year, int month, int length, int firstDow) {
        int dayOfYear = CivilDates.dayOfYearOfFirst(year, month);
        long bits = 0;
        for (int day = 1; day <= length; day++) {
            int dow = (firstDow + day - 1) % 7;
            int week = CivilDates.isoWeek(year, dayOfYear + day - 1, dow);
            if ((this.weeks & (1L << week)) != 0) {
                bits |= 1L << day;
            }
        }
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayRule other && this.daysOfMonth == other.daysOfMonth && this.daysOfWeek == other.daysOfWeek
                && this.weeks == other.weeks && this.either == other.either && Arrays.equals(this.daySpecials, other.daySpecials)
                && Arrays.equals(this.weekdaySpecials, other.weekdaySpecials);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(this.daysOfMonth * 31 + this.daysOfWeek) ^ Long.hashCode(this.weeks) ^ Arrays.hashCode(this.daySpecials);
    }
}
