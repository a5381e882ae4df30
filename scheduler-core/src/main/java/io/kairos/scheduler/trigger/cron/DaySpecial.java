package io.kairos.scheduler.trigger.cron;

/**
 * Day selectors that depend on the month, packed into an int ({@code kind << 16 | a << 8 | b}) so
 * that a {@link DayRule} can keep them in a plain array. Weekdays are 0 = Monday … 6 = Sunday.
 */
final class DaySpecial {

    /** {@code a} days before the last day of the month ({@code last}, {@code L}, {@code L-a}). */
    static final int LAST_MINUS = 1;

    /** The weekday (Mon-Fri) nearest to day {@code a}, within the month ({@code aW}). */
    static final int NEAREST_WEEKDAY = 2;

    /** The last Monday-to-Friday day of the month ({@code LW}). */
    static final int LAST_WEEKDAY = 3;

    /** The {@code a}-th weekday {@code b} of the month ({@code 3rd fri}, {@code 5#3}). */
    static final int NTH_DAY_OF_WEEK = 4;

    /** The last weekday {@code b} of the month ({@code last fri}, {@code 5L}). */
    static final int LAST_DAY_OF_WEEK = 5;

    private DaySpecial() {
    }

    static int of(int kind, int a, int b) {
        return (kind << 16) | (a << 8) | b;
    }

    /**
     * The day of the month a special selects.
     *
     * @param code the packed special
     * @param length the month's length in days
     * @param firstDow the weekday of the month's first day
     * @return the day (1-based), or 0 when the month has none
     */
    static int day(int code, int length, int firstDow) {
        int a = (code >>> 8) & 0xFF;
        int b = code & 0xFF;
        switch (code >>> 16) {
            case LAST_MINUS:
                return Math.max(length - a, 0);
            case NEAREST_WEEKDAY: {
                if (a > length) {
                    return 0;
                }
                int dow = (firstDow + a - 1) % 7;
                if (dow == 5) {
                    return a == 1 ? 3 : a - 1;
                }
                if (dow == 6) {
                    return a == length ? a - 2 : a + 1;
                }
                return a;
            }
            case LAST_WEEKDAY: {
                int dow = (firstDow + length - 1) % 7;
                return dow == 5 ? length - 1 : dow == 6 ? length - 2 : length;
            }
            case NTH_DAY_OF_WEEK: {
                int day = 1 + (b - firstDow + 7) % 7 + 7 * (a - 1);
                return day <= length ? day : 0;
            }
            case LAST_DAY_OF_WEEK: {
                int lastDow = (firstDow + length - 1) % 7;
                return length - (lastDow - b + 7) % 7;
            }
            default:
                throw new IllegalStateException("unknown day special " + code);
        }
    }
}
