package io.kairos.scheduler.boot.annotation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.JobOptions;
import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import io.kairos.scheduler.retry.InvalidRetryPolicyException;
import io.kairos.scheduler.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Turns one {@link ScheduledJob} annotation into a {@link ScheduledJobDefinition}: resolves {@code ${...}}
 * placeholders, checks that exactly one trigger form is given, builds the trigger spec, and parses the policy
 * attributes. Trigger field values themselves (cron syntax, dates, zones) are checked later by the core's trigger
 * parser. Thread-safe when the value resolver is.
 */
public final class ScheduledJobParser {

    /** The spec key the core's cron trigger reads a whole expression (crontab, Spring, macro) from. */
    static final String CRON_EXPRESSION_KEY = "expression";

    private static final List<String> FORMS = List.of("cron", "cron fields (year, month, day, week, dayOfWeek, hour, "
            + "minute, second)", "interval", "date");

    private final StringValueResolver resolver;

    /**
     * Creates a parser.
     *
     * @param resolver resolves {@code ${...}} placeholders (and SpEL, when the resolver does); an unresolvable
     *     placeholder makes it throw {@link IllegalArgumentException}
     */
    public ScheduledJobParser(StringValueResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Parses one declaration.
     *
     * @param annotation the annotation
     * @param beanName the bean's name
     * @param methodName the method's name
     * @param index the declaration's position among the method's repeated annotations, 0 for the first
     * @param source the method, for messages
     * @return the definition
     * @throws ScheduledJobDeclarationException when no or several trigger forms are given, or a policy attribute
     *     is malformed, naming the method and attribute
     */
    public ScheduledJobDefinition parse(ScheduledJob annotation, String beanName, String methodName, int index,
            String source) {
        String task = beanName + "." + methodName;
        String id = or(resolve(annotation.id(), "id", source), index == 0 ? task : task + "#" + index);
        String name = or(resolve(annotation.name(), "name", source), task);
        Map<String, Object> spec = triggerSpec(annotation, source);
        return new ScheduledJobDefinition(id, name, task, spec, options(annotation, source), source);
    }

    private JobOptions options(ScheduledJob annotation, String source) {
        JobOptions options = JobOptions.none();
        String jobstore = resolve(annotation.jobstore(), "jobstore", source);
        if (jobstore != null) {
            options = options.jobstore(jobstore);
        }
        String executor = resolve(annotation.executor(), "executor", source);
        if (executor != null) {
            options = options.executor(executor);
        }
        Boolean coalesce = bool(annotation.coalesce(), source);
        if (coalesce != null) {
            options = options.coalesce(coalesce);
        }
        Integer maxInstances = positiveInt(annotation.maxInstances(), source);
        if (maxInstances != null) {
            options = options.maxInstances(maxInstances);
        }
        Duration grace = positiveDuration(annotation.misfireGraceTime(), "misfireGraceTime", source,
                "leave it empty for kairos.job-defaults.misfire-grace-time (unset there too: no limit, a late run still runs)");
        if (grace != null) {
            options = options.misfireGraceTime(grace);
        }
        Duration jitter = duration(annotation.jitter(), "jitter", source);
        if (jitter != null) {
            options = options.jitter(jitter);
        }
        Duration timeout = positiveDuration(annotation.timeout(), "timeout", source,
                "leave it empty for no timeout of the job's own");
        if (timeout != null) {
            options = options.timeout(timeout);
        }
        RetryPolicy retry = retry(annotation.retry(), source);
        if (retry != null) {
            options = options.retry(retry);
        }
        return options;
    }

    /**
     * The declared retry policy, or {@code null} when {@code maxAttempts} is empty (the job defaults apply). Every
     * {@code retryOn} and {@code noRetryOn} name must load with the application's class loader as a Throwable
     * ({@link RetryPolicy#checkExceptionClasses}); a misspelled one is refused naming the method, the attribute and
     * the name.
     */
    private @Nullable RetryPolicy retry(Retry retry, String source) {
        Map<String, String> given = new LinkedHashMap<>();
        putText(given, "max-attempts", resolve(retry.maxAttempts(), "retry.maxAttempts", source));
        putText(given, "backoff", resolve(retry.backoff(), "retry.backoff", source));
        putText(given, "multiplier", resolve(retry.multiplier(), "retry.multiplier", source));
        putText(given, "max-backoff", resolve(retry.maxBackoff(), "retry.maxBackoff", source));
        putText(given, "jitter", resolve(retry.jitter(), "retry.jitter", source));
        if (retry.retryOn().length > 0) {
            given.put("retry-on", String.join(",", retry.retryOn()));
        }
        if (retry.noRetryOn().length > 0) {
            given.put("no-retry-on", String.join(",", retry.noRetryOn()));
        }
        if (given.isEmpty()) {
            return null;
        }
        if (!given.containsKey("max-attempts")) {
            throw new ScheduledJobDeclarationException(source, "retry.maxAttempts", "", "is empty while other retry attributes are given",
                    "Give maxAttempts (e.g. \"3\"), or leave every retry attribute empty for kairos.job-defaults.retry.*", null);
        }
        try {
            return RetryPolicy.parse(RetryPolicy.NONE, given).checkExceptionClasses(classLoader());
        }
        catch (InvalidRetryPolicyException ex) {
            String attribute = "retry." + toCamelCase(ex.option());
            String value = ex.value() != null ? ex.value() : given.get(ex.option());
            throw new ScheduledJobDeclarationException(source, attribute, value, "is not valid", ex.getMessage(), ex);
        }
    }

    /** The application's class loader, which {@code retryOn} and {@code noRetryOn} classes must load with. */
    private static ClassLoader classLoader() {
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        return loader != null ? loader : ScheduledJobParser.class.getClassLoader();
    }

    private static void putText(Map<String, String> given, String key, @Nullable String value) {
        if (value != null) {
            given.put(key, value);
        }
    }

    private static String toCamelCase(String option) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : option.toCharArray()) {
            if (c == '-') {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private Map<String, Object> triggerSpec(ScheduledJob a, String source) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "year", a.year(), source);
        put(fields, "month", a.month(), source);
        put(fields, "day", a.day(), source);
        put(fields, "week", a.week(), source);
        put(fields, "day_of_week", a.dayOfWeek(), source);
        put(fields, "hour", a.hour(), source);
        put(fields, "minute", a.minute(), source);
        put(fields, "second", a.second(), source);
        String cron = resolve(a.cron(), "cron", source);
        String interval = resolve(a.interval(), "interval", source);
        String date = resolve(a.date(), "date", source);
        int forms = (cron != null ? 1 : 0) + (fields.isEmpty() ? 0 : 1) + (interval != null ? 1 : 0) + (date != null ? 1 : 0);
        if (forms != 1) {
            throw new ScheduledJobDeclarationException(source, null, null,
                    forms == 0 ? "gives no trigger" : "gives " + forms + " trigger forms",
                    "Give exactly one of: " + String.join("; ", FORMS), null);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        if (date != null) {
            spec.put("type", "date");
            spec.put("run_date", date);
            rejectBounds(a, source);
        }
        else if (interval != null) {
            spec.put("type", "interval");
            Duration period = parseDuration(interval, "interval", source);
            if (period.isZero() || period.isNegative()) {
                throw new ScheduledJobDeclarationException(source, "interval", interval, "is not positive",
                        "Give a positive period such as '30s', '5m' or 'PT1H'", null);
            }
            spec.put("seconds", seconds(period));
        }
        else {
            spec.put("type", "cron");
            if (cron != null) {
                spec.put(CRON_EXPRESSION_KEY, cron);
            }
            else {
                spec.putAll(fields);
            }
        }
        put(spec, "start_date", a.startDate(), source);
        put(spec, "end_date", a.endDate(), source);
        put(spec, "timezone", a.timezone(), source);
        return spec;
    }

    private void rejectBounds(ScheduledJob a, String source) {
        if (!a.startDate().isEmpty() || !a.endDate().isEmpty()) {
            String attribute = a.startDate().isEmpty() ? "endDate" : "startDate";
            throw new ScheduledJobDeclarationException(source, attribute, resolve(
                    attribute.equals("startDate") ? a.startDate() : a.endDate(), attribute, source),
                    "does not apply to a date trigger", "Remove it, or use cron or interval", null);
        }
    }

    private static String seconds(Duration period) {
        return new BigDecimal(period.getSeconds()).add(BigDecimal.valueOf(period.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private void put(Map<String, Object> spec, String key, String raw, String source) {
        String value = resolve(raw, key, source);
        if (value != null) {
            spec.put(key, value);
        }
    }

    private @Nullable Boolean bool(String raw, String source) {
        String value = resolve(raw, "coalesce", source);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new ScheduledJobDeclarationException(source, "coalesce", value, "is not a boolean",
                "Valid values: true, false, or leave it empty for kairos.job-defaults.coalesce", null);
    }

    private @Nullable Integer positiveInt(String raw, String source) {
        String value = resolve(raw, "maxInstances", source);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new ScheduledJobDeclarationException(source, "maxInstances", value, "is not a whole number of at least 1",
                "Give a number such as '3', or leave it empty for kairos.job-defaults.max-instances", null);
    }

    /** A duration of zero or more ({@code jitter}: {@code 0} for none). */
    private @Nullable Duration duration(String raw, String attribute, String source) {
        String value = resolve(raw, attribute, source);
        if (value == null) {
            return null;
        }
        Duration duration = parseDuration(value, attribute, source);
        if (duration.isNegative()) {
            throw new ScheduledJobDeclarationException(source, attribute, value, "is negative",
                    "Give a duration of zero or more, such as '10s' ('0' for none), or leave it empty for kairos.job-defaults."
                            + attribute, null);
        }
        return duration;
    }

    /** A duration above zero ({@code misfireGraceTime}, {@code timeout}); {@code unset} says what empty means. */
    private @Nullable Duration positiveDuration(String raw, String attribute, String source, String unset) {
        String value = resolve(raw, attribute, source);
        if (value == null) {
            return null;
        }
        Duration duration = parseDuration(value, attribute, source);
        if (duration.isNegative() || duration.isZero()) {
            throw new ScheduledJobDeclarationException(source, attribute, value,
                    duration.isZero() ? "is zero" : "is negative",
                    "Give a positive duration (more than zero) such as '30s', or " + unset, null);
        }
        return duration;
    }

    private static Duration parseDuration(String value, String attribute, String source) {
        try {
            return DurationStyle.detectAndParse(value, ChronoUnit.SECONDS);
        }
        catch (IllegalArgumentException ex) {
            throw new ScheduledJobDeclarationException(source, attribute, value, "is not a duration",
                    "Give a duration such as '30s', '500ms', '5m', '2h', '1d', ISO-8601 'PT1H', or a number of seconds",
                    ex);
        }
    }

    private @Nullable String resolve(String raw, String attribute, String source) {
        if (raw.isEmpty()) {
            return null;
        }
        String value;
        try {
            value = this.resolver.resolveStringValue(raw);
        }
        catch (IllegalArgumentException ex) {
            throw new ScheduledJobDeclarationException(source, attribute, raw, "has a placeholder that cannot be resolved",
                    "Define the property it names, or give the placeholder a default ('${name:default}')", ex);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    private static String or(@Nullable String value, String fallback) {
        return value != null ? value : fallback;
    }
}
