package io.kairos.scheduler.trigger.cron;

/**
 * Allocation-free proleptic Gregorian calendar arithmetic on plain ints, used by the hot path of the
 * cron search. Days are counted from 1970-01-01 (epoch day 0); weekdays are 0 = Monday … 6 = Sunday.
 */
final class CivilDates {

    private static final int[] DAYS_BEFORE_MONTH = { 0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

    private CivilDates() {
    }

    static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int monthLength(int year, int month) {
        if (month == 2) {
            return isLeap(year) ? 29 : 28;
        }
        return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
    }

    /** Day of the year (1-based) of the first day of a month. */
    static int dayOfYearOfFirst(int year, int month) {
        return DAYS_BEFORE_MONTH[month] + ((month > 2 && isLeap(year)) ? 1 : 0) + 1;
    }

    /** Days since 1970-01-01 of a date (month 1-12, day 1-31). */
    static long epochDay(int year, int month, int day) {
        long y = (month <= 2) ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Weekday of a date, 0 = Monday … 6 = Sunday. */
    static int dayOfWeek(int year, int month, int day) {
        return (int) Math.floorMod(epochDay(year, month, day) + 3, 7L);
    }

    /**
     * Splits an epoch day into year, month and day.
     *
     * @return {@code year * 10000 + month * 100 + day}
     */
    static long civil(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10000 + month * 100 + day;
    }

    /** Number of ISO-8601 weeks (52 or 53) in a week-based year. */
    static int isoWeeksInYear(int year) {
        int jan1 = dayOfWeek(year, 1, 1);
        return (jan1 == 3 || (jan1 == 2 && isLeap(year))) ? 53 : 52;
    }

    /** ISO-8601 week number (1-53) of a date, given its weekday (0 = Monday). */
    static int isoWeek(int year, int dayOfYear, int dayOfWeek) {
        int week = (dayOfYear - (dayOfWeek + 1) + 10) / 7;
        if (week < 1) {
            return isoWeeksInYear(year - 1);
        }
        if (week > isoWeeksInYear(year)) {
            return 1;
        }
        return week;
    }
}
