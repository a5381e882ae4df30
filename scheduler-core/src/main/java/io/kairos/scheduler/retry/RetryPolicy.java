package io.kairos.scheduler.retry;

import io.kairos.scheduler.config.Durations;
import io.kairos.scheduler.input.InputText;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * How a job's failed attempts are retried. Immutable; every value is checked once, here, whichever way the policy
 * was given (builder methods, {@code kairos.job-defaults.retry.*}, a job's JSON, an annotation).
 *
 * <p>An attempt fails when its task throws or runs past its timeout. A failed attempt {@code n} is followed by
 * attempt {@code n + 1} of the same fire time when {@code n < maxAttempts} and the exception
 * {@linkplain #retriesOn(Throwable) qualifies}. Attempt {@code k} (2 or more) starts
 * {@linkplain #delayBefore(int, RandomGenerator) a delay} after attempt {@code k - 1} ended: {@code backoff} times
 * {@code multiplier}<sup>k-2</sup>, at most {@code maxBackoff}, spread by {@code jitter}.
 *
 * @param maxAttempts the most attempts of one fire time, the first included: 1 (no retry, the default) to
 *     {@value #MAX_ATTEMPTS_LIMIT}
 * @param backoff the delay before the first retry; positive (default 10 s)
 * @param multiplier the factor the delay grows by from one retry to the next; finite, 1 to 100 (default 2)
 * @param maxBackoff the longest delay; at least {@code backoff} (default 10 min)
 * @param jitter the fraction of the delay by which it is spread at random, 0 to 1 (default 0.1: a 10 s delay becomes
 *     9 s to 11 s, never more than {@code maxBackoff}); 0 for exact delays
 * @param retryOn the exception classes (binary names, e.g. {@code java.io.IOException}) retried; a failure is
 *     retried when its exception's class or a superclass is listed. Empty (the default): every exception. Names
 *     are matched as text; {@link #checkExceptionClasses(ClassLoader)} checks that they load as exception classes
 * @param noRetryOn the exception classes never retried, matched in the same way; wins over {@code retryOn}
 */
public record RetryPolicy(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter,
        List<String> retryOn, List<String> noRetryOn) {

    /** The highest {@code max-attempts} accepted. */
    public static final int MAX_ATTEMPTS_LIMIT = 1000;

    /** The default delay before the first retry: 10 seconds. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

    /** The default growth factor: 2. */
    public static final double DEFAULT_MULTIPLIER = 2;

    /** The default longest delay: 10 minutes. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(10);

    /** The default jitter fraction: 0.1. */
    public static final double DEFAULT_JITTER = 0.1;

    /** No retry: one attempt, the other options at their defaults. */
    public static final RetryPolicy NONE = new RetryPolicy(1, DEFAULT_BACKOFF, DEFAULT_MULTIPLIER, DEFAULT_MAX_BACKOFF,
            DEFAULT_JITTER, List.of(), List.of());

    /** The option keys of {@link #parse(Map)}, as they follow {@code retry.}. */
    public static final Set<String> OPTIONS = Set.of("max-attempts", "backoff", "multiplier", "max-backoff", "jitter", "retry-on",
            "no-retry-on");

    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /**
     * Checks every value.
     *
     * @throws InvalidRetryPolicyException naming the option, the value and what is valid
     * @throws NullPointerException when a duration or list is {@code null}
     */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw invalid("max-attempts", maxAttempts, "1 (no retry) to " + MAX_ATTEMPTS_LIMIT);
        }
        if (backoff == null || backoff.isNegative() || backoff.isZero()) {
            throw invalid("backoff", backoff, "a positive duration");
        }
        if (!(multiplier >= 1 && multiplier <= 100)) {
            throw invalid("multiplier", multiplier, "a number from 1 to 100");
        }
        if (maxBackoff == null || maxBackoff.compareTo(backoff) < 0) {
            throw invalid("max-backoff", maxBackoff, "a duration of at least the backoff (" + backoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw invalid("jitter", jitter, "a fraction from 0 to 1");
        }
        retryOn = classNames("retry-on", retryOn);
        noRetryOn = classNames("no-retry-on", noRetryOn);
    }

    /**
     * The default policy with another number of attempts.
     *
     * @param maxAttempts the most attempts of one fire time, 1 to {@value #MAX_ATTEMPTS_LIMIT}
     * @return the policy
     * @throws InvalidRetryPolicyException when out of range
     */
    public static RetryPolicy maxAttempts(int maxAttempts) {
        return NONE.withMaxAttempts(maxAttempts);
    }

    /**
     * A copy with another number of attempts.
     *
     * @param attempts 1 to {@value #MAX_ATTEMPTS_LIMIT}
     * @return the copy
     * @throws InvalidRetryPolicyException when out of range
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, this.backoff, this.multiplier, this.maxBackoff, this.jitter, this.retryOn, this.noRetryOn);
    }

    /**
     * A copy with other delays. When the new {@code backoff} exceeds the current maximum, give both.
     *
     * @param first the delay before the first retry, positive
     * @param max the longest delay, at least {@code first}
     * @return the copy
     * @throws InvalidRetryPolicyException when a value is not valid
     */
    public RetryPolicy withBackoff(Duration first, Duration max) {
        return new RetryPolicy(this.maxAttempts, first, this.multiplier, max, this.jitter, this.retryOn, this.noRetryOn);
    }

    /**
     * A copy with another multiplier.
     *
     * @param factor 1 to 100
     * @return the copy
     * @throws InvalidRetryPolicyException when out of range
     */
    public RetryPolicy withMultiplier(double factor) {
        return new RetryPolicy(this.maxAttempts, this.backoff, factor, this.maxBackoff, this.jitter, this.retryOn, this.noRetryOn);
    }

    /**
     * A copy with another jitter fraction.
     *
     * @param fraction 0 to 1
     * @return the copy
     * @throws InvalidRetryPolicyException when out of range
     */
    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(this.maxAttempts, this.backoff, this.multiplier, this.maxBackoff, fraction, this.retryOn, this.noRetryOn);
    }

    /**
     * A copy that retries only these exception classes (and their subclasses).
     *
     * @param classNames binary class names; none for every exception
     * @return the copy
     * @throws InvalidRetryPolicyException when a name is not a class name
     */
    public RetryPolicy withRetryOn(String... classNames) {
        return new RetryPolicy(this.maxAttempts, this.backoff, this.multiplier, this.maxBackoff, this.jitter, List.of(classNames),
                this.noRetryOn);
    }

    /**
     * A copy that never retries these exception classes (and their subclasses).
     *
     * @param classNames binary class names
     * @return the copy
     * @throws InvalidRetryPolicyException when a name is not a class name
     */
    public RetryPolicy withNoRetryOn(String... classNames) {
        return new RetryPolicy(this.maxAttempts, this.backoff, this.multiplier, this.maxBackoff, this.jitter, this.retryOn,
                List.of(classNames));
    }

    /**
     * Checks that every name of {@code retryOn} and {@code noRetryOn} loads, with {@code loader}, as a
     * {@link Throwable} class. The constructor checks only the form of a name, as a stored job's policy may name
     * classes of another node; where a policy is <em>given</em> (the Spring Boot starter calls this at start-up for
     * {@code kairos.job-defaults.retry.*} and every {@code @Retry}; code adding jobs may call it), a name that does
     * not load is a typo (or a missing dependency) that would otherwise silently match nothing: a misspelled
     * {@code retry-on} would turn every failure into {@code NOT_RETRYABLE}. A name that does not load on this node is
     * therefore refused, not skipped; classes are not initialised.
     *
     * @param loader the class loader the application's exceptions load with
     * @return this policy
     * @throws InvalidRetryPolicyException naming the option ({@code retry-on} or {@code no-retry-on}), the name and
     *     why: the class is not found, or is not a {@link Throwable}
     */
    public RetryPolicy checkExceptionClasses(ClassLoader loader) {
        checkLoads("retry-on", this.retryOn, loader);
        checkLoads("no-retry-on", this.noRetryOn, loader);
        return this;
    }

    private static void checkLoads(String key, List<String> names, ClassLoader loader) {
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            }
            catch (ClassNotFoundException | LinkageError ex) {
                throw new InvalidRetryPolicyException(key, name, "retry option '" + key + "': class '" + InputText.shorten(name)
                        + "' is not found with the application's class loader" + (ex instanceof LinkageError ? " (" + ex + ")" : "")
                        + "; valid: binary names of exception classes on the class path, such as java.io.IOException or "
                        + "com.acme.Remote$Busy (check the spelling and the package)", ex);
            }
            if (!Throwable.class.isAssignableFrom(type)) {
                throw new InvalidRetryPolicyException(key, name, "retry option '" + key + "': class '" + InputText.shorten(name)
                        + "' is not a Throwable, so no failure can match it; valid: exception classes (subclasses of "
                        + "java.lang.Throwable) such as java.io.IOException", null);
            }
        }
    }

    /**
     * Whether a failed attempt may be followed by another one at all.
     *
     * @return {@code maxAttempts > 1}
     */
    public boolean retries() {
        return this.maxAttempts > 1;
    }

    /**
     * Whether an attempt that failed with {@code failure} is retried, attempts left aside: its class or a superclass
     * is in {@code retryOn} (or {@code retryOn} is empty), and neither is in {@code noRetryOn}.
     *
     * @param failure what the attempt threw (a timeout is the executor's timeout exception), not {@code null}
     * @return whether it qualifies for a retry
     */
    public boolean retriesOn(Throwable failure) {
        boolean listed = this.retryOn.isEmpty();
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (this.noRetryOn.contains(type.getName())) {
                return false;
            }
            listed = listed || this.retryOn.contains(type.getName());
        }
        return listed;
    }

    /**
     * The delay before attempt {@code attempt}, counted from the end of the attempt before it: {@code backoff} times
     * {@code multiplier}<sup>attempt-2</sup>, capped at {@code maxBackoff}, then drawn uniformly within
     * {@code ± jitter} of that and capped again.
     *
     * @param attempt the attempt about to be scheduled, at least 2
     * @param random the source of the jitter
     * @return the delay, not negative, at most {@code maxBackoff}
     * @throws IllegalArgumentException when {@code attempt < 2}
     */
    public Duration delayBefore(int attempt, RandomGenerator random) {
        if (attempt < 2) {
            throw new IllegalArgumentException("the first retry is attempt 2, got " + attempt);
        }
        double max = this.maxBackoff.toNanos();
        double delay = Math.min(max, this.backoff.toNanos() * Math.pow(this.multiplier, attempt - 2));
        if (this.jitter > 0) {
            delay = Math.min(max, delay * (1 + this.jitter * (2 * random.nextDouble() - 1)));
        }
        return Duration.ofNanos((long) Math.max(0, delay));
    }

    /**
     * Reads a policy from configuration text, as {@code kairos.job-defaults.retry.*} keys or an annotation give it;
     * options not given keep the values of {@code base}.
     *
     * @param base the values of options not given
     * @param options option key (one of {@link #OPTIONS}) to text: {@code max-attempts} a whole number,
     *     {@code backoff} and {@code max-backoff} durations ({@code 10s}, {@code 500ms}, {@code PT1M}, or seconds),
     *     {@code multiplier} and {@code jitter} decimal numbers, {@code retry-on} and {@code no-retry-on}
     *     comma-separated class names (blank for none)
     * @return the policy
     * @throws InvalidRetryPolicyException naming the option and value when a key is unknown or a value is not valid
     */
    public static RetryPolicy parse(RetryPolicy base, Map<String, String> options) {
        Map<String, String> given = new LinkedHashMap<>(options);
        for (String key : given.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new InvalidRetryPolicyException(key, "unknown retry option '" + InputText.shorten(key) + "'; valid: "
                        + "max-attempts, backoff, multiplier, max-backoff, jitter, retry-on, no-retry-on", null);
            }
        }
        String attempts = given.get("max-attempts");
        Duration backoff = duration(given, "backoff", base.backoff);
        Duration maxBackoff = duration(given, "max-backoff", base.maxBackoff);
        if (given.containsKey("backoff") && !given.containsKey("max-backoff") && maxBackoff.compareTo(backoff) < 0) {
            maxBackoff = backoff;
        }
        return new RetryPolicy(attempts == null ? base.maxAttempts : wholeNumber("max-attempts", attempts), backoff,
                decimal(given, "multiplier", base.multiplier), maxBackoff, decimal(given, "jitter", base.jitter),
                given.containsKey("retry-on") ? split(given.get("retry-on")) : base.retryOn,
                given.containsKey("no-retry-on") ? split(given.get("no-retry-on")) : base.noRetryOn);
    }

    /**
     * This policy as the text options {@link #parse} reads.
     *
     * @return option key to text, every option present
     */
    public Map<String, String> toOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("max-attempts", Integer.toString(this.maxAttempts));
        out.put("backoff", this.backoff.toString());
        out.put("multiplier", BigDecimal.valueOf(this.multiplier).stripTrailingZeros().toPlainString());
        out.put("max-backoff", this.maxBackoff.toString());
        out.put("jitter", BigDecimal.valueOf(this.jitter).stripTrailingZeros().toPlainString());
        out.put("retry-on", String.join(",", this.retryOn));
        out.put("no-retry-on", String.join(",", this.noRetryOn));
        return out;
    }

    private static Duration duration(Map<String, String> given, String key, Duration fallback) {
        String text = given.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(key, text);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRetryPolicyException(key, String.valueOf(ex.getMessage()), ex);
        }
    }

    private static int wholeNumber(String key, String text) {
        try {
            return InputText.decimal(text.trim()).intValueExact();
        }
        catch (NumberFormatException | ArithmeticException ex) {
            throw invalid(key, text, "a whole number from 1 (no retry) to " + MAX_ATTEMPTS_LIMIT);
        }
    }

    private static double decimal(Map<String, String> given, String key, double fallback) {
        String text = given.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return InputText.decimal(text.trim()).doubleValue();
        }
        catch (NumberFormatException | ArithmeticException ex) {
            throw invalid(key, text, key.equals("jitter") ? "a fraction from 0 to 1" : "a number from 1 to 100");
        }
    }

    private static List<String> split(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            names.add(part.trim());
        }
        return names;
    }

    private static List<String> classNames(String key, List<String> names) {
        if (names == null) {
            throw new NullPointerException(key);
        }
        for (String name : names) {
            if (name == null || !CLASS_NAME.matcher(name).matches()) {
                throw invalid(key, name, "binary class names such as java.io.IOException or com.acme.Remote$Busy");
            }
        }
        return List.copyOf(names);
    }

    private static InvalidRetryPolicyException invalid(String key, Object value, String valid) {
        String text = value == null ? "null" : InputText.shorten(value.toString());
        return new InvalidRetryPolicyException(key, "retry option '" + key + "': value '" + text + "' is not valid; valid: " + valid, null);
    }
}
