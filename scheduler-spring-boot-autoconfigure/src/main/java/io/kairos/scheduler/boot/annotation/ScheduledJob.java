package io.kairos.scheduler.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Declares a job that runs a bean method: the Java form of APScheduler's {@code @scheduler.scheduled_job(...)}
 * decorator.
 *
 * <p>Give exactly one trigger form:
 * <ul>
 * <li>{@link #cron()}: a cron expression: 5 fields ({@code "30 5 * * mon-fri"}, crontab: minute hour day month
 * day-of-week, 0 and 7 = Sunday), 6 fields ({@code "0 0/5 * * * *"}, Spring: seconds first) or a macro
 * ({@code "@daily"}, {@code "@hourly"}, ...);</li>
 * <li>cron fields, as APScheduler's {@code 'cron'} trigger keywords: {@link #year()}, {@link #month()},
 * {@link #day()}, {@link #week()}, {@link #dayOfWeek()}, {@link #hour()}, {@link #minute()}, {@link #second()}
 * ({@code @ScheduledJob(month = "6-8,11-12", day = "3rd fri", hour = "0-3")}; {@code dayOfWeek} numbers follow
 * APScheduler 3: 0 = Monday; prefer names);</li>
 * <li>{@link #interval()}: a fixed period ({@code "30s"}, {@code "5m"}, {@code "2h"}, {@code "PT1H"}, or a bare
 * number of seconds);</li>
 * <li>{@link #date()}: one run at a date-time ({@code "2009-11-06 16:30:05"}, ISO-8601 with or without offset).</li>
 * </ul>
 * Zero or several forms fail start-up with a {@link io.kairos.scheduler.boot.ScheduledJobDeclarationException}
 * naming the method. Every attribute accepts {@code ${...}} placeholders, resolved against the {@code Environment}
 * at start-up.
 *
 * <p>The method must be public or package-visible, take no parameters, and belong to a singleton bean. Its task
 * name is {@code beanName.methodName}, which resolves again after a restart, so the job can live in a persistent
 * store. Declared jobs are upserted by id at start-up: an unchanged declaration keeps the stored next run time, a
 * changed one is rescheduled, and a stored declared job whose declaration has disappeared is reported (it is not
 * removed). Repeat the annotation for several jobs on one method; the default ids then get {@code #1},
 * {@code #2}, ... suffixes (the first keeps the bare id).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
@Repeatable(ScheduledJobs.class)
public @interface ScheduledJob {

    /**
     * A cron expression: 5 fields (crontab), 6 fields (Spring, seconds first) or a macro ({@code @yearly},
     * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}).
     *
     * @return the expression, or empty when another trigger form is used
     */
    String cron() default "";

    /**
     * Cron field: 4-digit year.
     *
     * @return the field expression, or empty
     */
    String year() default "";

    /**
     * Cron field: month (1-12 or jan-dec).
     *
     * @return the field expression, or empty
     */
    String month() default "";

    /**
     * Cron field: day of the month (1-31, {@code last}, {@code 3rd fri}, ...).
     *
     * @return the field expression, or empty
     */
    String day() default "";

    /**
     * Cron field: ISO week of the year (1-53).
     *
     * @return the field expression, or empty
     */
    String week() default "";

    /**
     * Cron field: day of the week (mon-sun, or 0-6 with 0 = Monday as APScheduler 3).
     *
     * @return the field expression, or empty
     */
    String dayOfWeek() default "";

    /**
     * Cron field: hour (0-23).
     *
     * @return the field expression, or empty
     */
    String hour() default "";

    /**
     * Cron field: minute (0-59).
     *
     * @return the field expression, or empty
     */
    String minute() default "";

    /**
     * Cron field: second (0-59).
     *
     * @return the field expression, or empty
     */
    String second() default "";

    /**
     * A fixed period: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, ISO-8601 {@code PT1H}, or a bare number of
     * seconds. Must be positive.
     *
     * @return the period, or empty when another trigger form is used
     */
    String interval() default "";

    /**
     * A single run at a date-time: {@code 2009-11-06 16:30:05}, {@code 2009-11-06T16:30:05+01:00} or a date.
     * Read in {@link #timezone()} when it has no offset.
     *
     * @return the date-time, or empty when another trigger form is used
     */
    String date() default "";

    /**
     * Time zone of the trigger (IANA id, {@code UTC}, or an offset). Defaults to {@code kairos.timezone}.
     *
     * @return the zone id, or empty for the scheduler's
     */
    String timezone() default "";

    /**
     * Earliest fire time (cron, interval), inclusive; for an interval also the point the period counts from.
     *
     * @return a date-time as {@link #date()} accepts, or empty
     */
    String startDate() default "";

    /**
     * Latest fire time (cron, interval), inclusive.
     *
     * @return a date-time as {@link #date()} accepts, or empty
     */
    String endDate() default "";

    /**
     * The job id, unique within its store. Defaults to the task name {@code beanName.methodName} (plus
     * {@code #n} for repeats).
     *
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * A human-readable name. Defaults to the task name.
     *
     * @return the name, or empty for the default
     */
    String name() default "";

    /**
     * Alias of the job store that holds the job (a key of {@code kairos.jobstores}). Defaults to {@code default}.
     *
     * @return the alias, or empty for the default
     */
    String jobstore() default "";

    /**
     * Alias of the executor that runs the job (a key of {@code kairos.executors}). Defaults to {@code default}.
     *
     * @return the alias, or empty for the default
     */
    String executor() default "";

    /**
     * Whether several due run times are folded into one run: {@code "true"}, {@code "false"}, or empty for
     * {@code kairos.job-defaults.coalesce}.
     *
     * @return the flag as text, or empty for the default
     */
    String coalesce() default "";

    /**
     * Most runs of this job in flight at once (a whole number, at least 1), or empty for
     * {@code kairos.job-defaults.max-instances}.
     *
     * @return the number as text, or empty for the default
     */
    String maxInstances() default "";

    /**
     * How late a run may start and still run ({@code 30s}, {@code PT1M}, a bare number of seconds), or empty for
     * {@code kairos.job-defaults.misfire-grace-time} (no limit when that is unset too). Must be positive: zero or a
     * negative value fails start-up naming the method, the attribute and the value.
     *
     * @return the duration as text, or empty for the default
     */
    String misfireGraceTime() default "";

    /**
     * Largest random delay added to each fire time ({@code 10s}, a bare number of seconds; {@code 0} for none), or
     * empty for {@code kairos.job-defaults.jitter}. Zero or more: a negative value fails start-up.
     *
     * @return the duration as text, or empty for the default
     */
    String jitter() default "";

    /**
     * Longest one run may take once started ({@code 30s}, {@code PT5M}, a bare number of seconds), as
     * {@code JobOptions.timeout}; a run past it is recorded as {@code TIMED_OUT} (a thread is interrupted, a
     * process-pool worker killed and replaced). Empty (the default): the job has no timeout of its own, and the
     * executor's own timeouts apply ({@code kairos.executors.<alias>.timeout} and {@code task-timeouts}, process
     * pool only). There is no {@code kairos.job-defaults.timeout}: a timeout for many jobs is set on their executor.
     * Zero, a negative or a malformed value fails start-up naming the method, the attribute and the value; so does a
     * timeout on an executor that cannot enforce one.
     *
     * @return the duration as text, or empty for none
     */
    String timeout() default "";

    /**
     * How failed attempts are retried, e.g. {@code retry = @Retry(maxAttempts = "3", backoff = "30s")}; by default
     * {@code kairos.job-defaults.retry.*} (no retry unless configured).
     *
     * @return the retry policy
     */
    Retry retry() default @Retry;
}
