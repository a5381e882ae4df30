package io.kairos.scheduler.trigger.cron;

/** The cron syntaxes Kairos reads. */
public enum Dialect {

    /** APScheduler 3 keyword fields ({@code day_of_week} 0 = Monday … 6 = Sunday; day AND day of week). */
    FIELDS,

    /** A 5-field POSIX/Vixie crontab line (0 and 7 = Sunday; day OR day of week when both are restricted). */
    CRONTAB,

    /** A 6-field Spring {@code CronExpression} (seconds first; 0 and 7 = Sunday; {@code ? L W #}; AND). */
    SPRING
}
