package io.kairos.scheduler.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The retry policy of a declared job ({@link ScheduledJob#retry()}): a failed attempt (an exception, or the timeout)
 * is followed by another attempt of the same fire time, kept in the job's store until it runs. Values are text, so
 * {@code ${...}} placeholders work; they are checked as {@code kairos.job-defaults.retry.*} are
 * ({@code io.kairos.scheduler.retry.RetryPolicy}). When {@link #maxAttempts()} is empty the job takes
 * {@code kairos.job-defaults.retry.*} and the other attributes must be empty too; when it is given, attributes left
 * empty take the built-in defaults (10s, 2, 10m, 0.1, every exception).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Retry {

    /**
     * Most attempts of one fire time, the first included: {@code 1} (no retry) to {@code 1000}; empty for
     * {@code kairos.job-defaults.retry.*}.
     *
     * @return the number as text, or empty
     */
    String maxAttempts() default "";

    /**
     * Delay before the first retry ({@code 10s}, {@code 500ms}, {@code PT1M}, or seconds).
     *
     * @return the duration as text, or empty for 10s
     */
    String backoff() default "";

    /**
     * Factor the delay grows by from one retry to the next, 1 to 100.
     *
     * @return the number as text, or empty for 2
     */
    String multiplier() default "";

    /**
     * Longest delay, at least the backoff.
     *
     * @return the duration as text, or empty for 10m
     */
    String maxBackoff() default "";

    /**
     * Fraction (0 to 1) by which each delay is spread at random.
     *
     * @return the fraction as text, or empty for 0.1
     */
    String jitter() default "";

    /**
     * Exception classes (binary names) that are retried, with their subclasses. Each must load with the
     * application's class loader as a {@link Throwable}, or start-up fails naming the method, the attribute and the name.
     *
     * @return the names, or none for every exception
     */
    String[] retryOn() default {};

    /**
     * Exception classes (binary names) never retried, with their subclasses; wins over {@link #retryOn()}. Checked
     * as {@link #retryOn()} is.
     *
     * @return the names
     */
    String[] noRetryOn() default {};
}
