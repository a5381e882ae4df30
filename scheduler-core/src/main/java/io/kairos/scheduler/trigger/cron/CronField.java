package io.kairos.scheduler.trigger.cron;

import java.util.List;

/**
 * The eight cron fields of APScheduler's {@code CronTrigger}, most significant first, with their value
 * ranges in the field form (APScheduler 3: {@code day_of_week} 0 = Monday … 6 = Sunday) and the value
 * an omitted field takes when it is less significant than every given field.
 */
public enum CronField {

    /** 4-digit year, 1970-9999. */
    YEAR("year", 1970, 9999, "*"),
    /** Month 1-12, or jan-dec. */
    MONTH("month", 1, 12, "1"),
    /** Day of the month 1-31, plus {@code last}, {@code xth y} and {@code last y}. */
    DAY("day", 1, 31, "1"),
    /** ISO week 1-53. */
    WEEK("week", 1, 53, "*"),
    /** Day of the week 0-6 (0 = Monday), or mon-sun. */
    DAY_OF_WEEK("day_of_week", 0, 6, "*"),
    /** Hour 0-23. */
    HOUR("hour", 0, 23, "0"),
    /** Minute 0-59. */
    MINUTE("minute", 0, 59, "0"),
    /** Second 0-59. */
    SECOND("second", 0, 59, "0");

    static final List<String> MONTH_NAMES = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
            "dec");

    static final List<String> WEEKDAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final String key;

    private final int min;

    private final int max;

    private final String defaultValue;

    CronField(String key, int min, int max, String defaultValue) {
        this.key = key;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
    }

    /**
     * The spec key.
     *
     * @return the snake_case key, e.g. {@code day_of_week}
     */
    public String key() {
        return this.key;
    }

    /**
     * The smallest value in the field form.
     *
     * @return the minimum
     */
    public int min() {
        return this.min;
    }

    /**
     * The largest value in the field form.
     *
     * @return the maximum
     */
    public int max() {
        return this.max;
    }

    /**
     * The expression an omitted field takes when it is less significant than every given field
     * (APScheduler 3's {@code DEFAULT_VALUES}).
     *
     * @return the default expression
     */
    public String defaultValue() {
        return this.defaultValue;
    }
}
