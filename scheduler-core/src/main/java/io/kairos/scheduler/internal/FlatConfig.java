package io.kairos.scheduler.internal;


import io.kairos.scheduler.config.Durations;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.retry.InvalidRetryPolicyException;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.TriggerSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;


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
                case "scheduler-id" -> settings.schedulerId(value);
                case "start-paused" -> settings.startPaused = bool(key, value);
                case "poll-interval" -> settings.pollInterval(Durations.parse(key, value));
                case "lease-time" -> settings.leaseTime(Durations.parse(key, value));
                case "finished-job-retention" -> settings.finishedJobRetention(Durations.parse(key, value));
                case "shutdown.timeout" -> settings.shutdownTimeout(Durations.parse(key, value));
                case "tasks.allowed-packages" -> allowPackages(settings, key, value);
                case "job-defaults.misfire-grace-time" -> settings.defaultMisfireGraceTime(graceTime(key, value));
                case "job-defaults.coalesce" -> settings.defaultCoalesce(bool(key, value));
                case "job-defaults.max-instances" -> settings.defaultMaxInstances(integer(key, value));
                case "job-defaults.jitter" -> settings.defaultJitter(Durations.parse(key, value));
                case "history.enabled" -> settings.historyEnabled(bool(key, value));
                case "history.max-runs-per-job" -> settings.historyMaxRunsPerJob(integer(key, value));
                case "history.max-age" -> settings.historyMaxAge(Durations.parse(key, value));
                case "history.max-stack-trace-length" -> settings.historyMaxStackTraceLength(integer(key, value));
                case "history.max-result-length" -> settings.historyMaxResultLength(integer(key, value));
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
                settings.jobDefaults = settings.jobDefaults.withRetry(RetryPolicy.parse(settings.jobDefaults.retry(), retry));
            }
            catch (InvalidRetryPolicyException ex) {
                String key = PREFIX + RETRY + ex.option();
                throw new InvalidConfigurationException("'" + key + "': " + ex.getMessage(), key, retry.get(ex.option()),
                        String.valueOf(ex.getMessage()), "see RetryPolicy", ex);
            }
        }
        executors.forEach((alias, options) -> settings.executor(alias, options.get("type"), options));
        stores.forEach((alias, options) -> settings.jobStore(alias, options.get("type"), options));
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

    static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "t", "1" -> true;
            case "false", "no", "off", "n", "f", "0" -> false;
            default -> throw new IllegalArgumentException("'" + key + "': value '" + value + "' is not a boolean; valid: true/false "
                    + "(also yes/no, on/off, 1/0)");
        };
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidConfigurationException(key, value, "is not a whole number", "a whole number such as '10'");
        }
    }

    private static @Nullable Duration graceTime(String key, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("none") || text.equals("unlimited")) {
            return null;
        }
        return Durations.parse(key, value);
    }
}
