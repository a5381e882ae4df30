package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobDefaults;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.config.Durations;
import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.retry.InvalidRetryPolicyException;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.TriggerSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Applies flat {@code kairos.}-prefixed configuration keys (the keys the Spring module binds) to
 * {@link Settings}: the Java form of APScheduler 3's {@code configure(gconfig, prefix="apscheduler.")}. Nested
 * maps are flattened with dots first. Unknown keys are errors naming the key. Executor and store types are matched
 * without case, {@code -} or {@code _} ({@code threadpool}, APScheduler's name, is {@code thread-pool}), as the
 * Spring module binds them.
 */
public final class FlatConfig {

    static final String PREFIX = "kairos.";

    /** The prefix, after {@code kairos.}, of the default retry policy's keys. */
    private static final String RETRY = "job-defaults.retry.";

    private FlatConfig() {
    }

    public static void apply(Settings settings, Map<String, ?> properties) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", properties, flat);
        Map<String, Map<String, String>> executors = new LinkedHashMap<>();
        Map<String, Map<String, String>> stores = new LinkedHashMap<>();
        JobDefaults defaults = settings.jobDefaults;
        HistorySettings history = settings.history;
        Map<String, String> retry = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : flat.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "': keys start with '" + PREFIX + "'");
            }
            String rest = key.substring(PREFIX.length());
            String[] parts = rest.split("\\.", 3);
            String head = parts[0].replace('_', '-');
            if ((head.equals("executors") || head.equals("jobstores")) && parts.length == 3) {
                (head.equals("executors") ? executors : stores).computeIfAbsent(parts[1], (a) -> new LinkedHashMap<>())
                        .put(parts[2].replace('_', '-'), value);
                continue;
            }
            String name = rest.replace('_', '-');
            if (name.startsWith(RETRY)) {
                retry.put(name.substring(RETRY.length()), value);
                continue;
            }
            switch (name) {
                case "timezone" -> settings.timezone = TriggerSpec.parseZone(key, value.trim());
                case "scheduler-id" -> settings.schedulerId = requireText(key, value);
                case "start-paused" -> settings.startPaused = bool(key, value);
                case "poll-interval" -> settings.pollInterval = positive(key, value);
                case "lease-time" -> settings.leaseTime = positive(key, value);
                case "finished-job-retention" -> settings.finishedJobRetention = positive(key, value);
                case "shutdown.timeout" -> settings.shutdownTimeout = Durations.parse(key, value);
                case "tasks.allowed-packages" -> allowPackages(settings, key, value);
                case "job-defaults.misfire-grace-time" -> defaults = new JobDefaults(graceTime(key, value), defaults.coalesce(),
                        defaults.maxInstances(), defaults.jitter(), defaults.retry());
                case "job-defaults.coalesce" -> defaults = new JobDefaults(defaults.misfireGraceTime(), bool(key, value),
                        defaults.maxInstances(), defaults.jitter(), defaults.retry());
                case "job-defaults.max-instances" -> defaults = new JobDefaults(defaults.misfireGraceTime(), defaults.coalesce(),
                        positiveInt(key, value), defaults.jitter(), defaults.retry());
                case "job-defaults.jitter" -> defaults = new JobDefaults(defaults.misfireGraceTime(), defaults.coalesce(),
                        defaults.maxInstances(), Durations.parse(key, value), defaults.retry());
                case "history.enabled" -> history = history.withEnabled(bool(key, value));
                case "history.max-runs-per-job" -> history = history.withRetention(
                        new RunRetention(positiveInt(key, value), history.retention().maxAge()));
                case "history.max-age" -> history = history.withRetention(
                        new RunRetention(history.retention().maxRunsPerJob(), positive(key, value)));
                case "history.max-stack-trace-length" -> history = history.withLimits(positiveInt(key, value), history.maxResultLength());
                case "history.max-result-length" -> history = history.withLimits(history.maxStackTraceLength(), positiveInt(key, value));
                default -> throw new IllegalArgumentException("unknown configuration key '" + key + "'; valid keys: kairos.timezone, "
                        + "kairos.scheduler-id, kairos.start-paused, kairos.poll-interval, kairos.lease-time, kairos.finished-job-retention, "
                        + "kairos.shutdown.timeout, "
                        + "kairos.tasks.allowed-packages, "
                        + "kairos.job-defaults.{misfire-grace-time,coalesce,max-instances,jitter}, "
                        + "kairos.job-defaults.retry.{max-attempts,backoff,multiplier,max-backoff,jitter,retry-on,no-retry-on}, "
                        + "kairos.history.{enabled,max-runs-per-job,max-age,max-stack-trace-length,max-result-length}, "
                        + "kairos.executors.<alias>.{type,...}, kairos.jobstores.<alias>.{type,...}");
            }
        }
        if (!retry.isEmpty()) {
            try {
                defaults = defaults.withRetry(RetryPolicy.parse(defaults.retry(), retry));
            }
            catch (InvalidRetryPolicyException ex) {
                throw new IllegalArgumentException("'" + PREFIX + RETRY + ex.option() + "': " + ex.getMessage(), ex);
            }
        }
        settings.jobDefaults = defaults;
        settings.history = history;
        executors.forEach((alias, options) -> settings.components.executors().put(alias,
                create("executors", alias, options, settings.executorFactories).create(options(alias, "executors", options))));
        stores.forEach((alias, options) -> settings.components.stores().put(alias,
                create("jobstores", alias, options, settings.storeFactories).create(options(alias, "jobstores", options))));
    }

    private static <F> F create(String kind, String alias, Map<String, String> options, Map<String, F> factories) {
        String typeKey = PREFIX + kind + "." + alias + ".type";
        String type = options.get("type");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("'" + typeKey + "' is required; valid types: " + factories.keySet());
        }
        String wanted = canonicalType(type);
        F factory = factories.entrySet().stream().filter((entry) -> canonicalType(entry.getKey()).equals(wanted))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (factory == null) {
            throw new IllegalArgumentException("'" + typeKey + "': unknown type '" + type + "'; valid types: " + factories.keySet()
                    + " (case, '-' and '_' do not matter: 'threadpool' is 'thread-pool', as in APScheduler)"
                    + (kind.equals("jobstores") ? " (stores needing a DataSource or a Redis client are registered in code "
                            + "with SchedulerBuilder.jobStoreFactory)" : ""));
        }
        return factory;
    }

    /** A type name without case, '-' or '_': {@code thread-pool}, {@code threadpool} and {@code THREAD_POOL} are one type. */
    private static String canonicalType(String type) {
        return type.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static ComponentOptions options(String alias, String kind, Map<String, String> options) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        rest.remove("type");
        return new ComponentOptions(PREFIX + kind + "." + alias, alias, rest);
    }

    private static void flatten(String prefix, Map<String, ?> map, Map<String, String> out) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                Map<String, Object> typed = new LinkedHashMap<>();
                nested.forEach((k, v) -> typed.put(String.valueOf(k), v));
                flatten(key + ".", typed, out);
            }
            else {
                out.put(key, entry.getValue() == null ? "" : String.valueOf(entry.getValue()));
            }
        }
    }

    private static void allowPackages(Settings settings, String key, String value) {
        try {
            settings.taskRegistry.allowPackages(java.util.Arrays.stream(value.split(",")).filter((p) -> !p.isBlank()).toList());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + key + "': " + ex.getMessage(), ex);
        }
    }

    private static String requireText(String key, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must not be blank");
        }
        return value.trim();
    }

    static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "t", "1" -> true;
            case "false", "no", "off", "n", "f", "0" -> false;
            default -> throw new IllegalArgumentException("'" + key + "': value '" + value + "' is not a boolean; valid: true/false "
                    + "(also yes/no, on/off, 1/0)");
        };
    }

    private static int positiveInt(String key, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalArgumentException("'" + key + "': value '" + value + "' must be a whole number of at least 1");
    }

    private static Duration positive(String key, String value) {
        Duration duration = Durations.parse(key, value);
        if (duration.isZero()) {
            throw new IllegalArgumentException("'" + key + "': value '" + value + "' must be longer than zero");
        }
        return duration;
    }

    private static Duration graceTime(String key, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("none") || text.equals("unlimited")) {
            return null;
        }
        return positive(key, value);
    }
}
