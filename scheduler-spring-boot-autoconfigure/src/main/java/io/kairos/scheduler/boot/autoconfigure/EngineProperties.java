package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.kairos.scheduler.executor.VirtualThreadJobExecutor;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link KairosProperties} into the engine's flat {@code kairos.*} configuration keys
 * ({@code SchedulerBuilder.properties}), so that the engine's own configuration code applies them: scheduler
 * settings, job defaults, executors and memory stores. jdbc and redis stores need application objects (a
 * {@code DataSource}, a Redis client) and are built by {@link JobStores} instead. Stateless.
 */
final class EngineProperties {

    private EngineProperties() {
    }

    /**
     * The engine keys for the properties.
     *
     * @param properties the bound, validated properties
     * @return flat keys ({@code kairos.executors.default.max-workers}) to text values, in a stable order
     */
    static Map<String, Object> of(KairosProperties properties) {
        Map<String, Object> flat = new LinkedHashMap<>();
        put(flat, "kairos.timezone", properties.getTimezone() != null ? properties.getTimezone().getId() : null);
        put(flat, "kairos.scheduler-id", properties.getSchedulerId());
        put(flat, "kairos.start-paused", properties.isStartPaused());
        put(flat, "kairos.poll-interval", properties.getPollInterval());
        put(flat, "kairos.lease-time", properties.getLeaseTime());
        put(flat, "kairos.finished-job-retention", properties.getFinishedJobRetention());
        put(flat, "kairos.shutdown.timeout", properties.getShutdown().getTimeout());
        KairosProperties.JobDefaults defaults = properties.getJobDefaults();
        put(flat, "kairos.job-defaults.coalesce", defaults.getCoalesce());
        put(flat, "kairos.job-defaults.max-instances", defaults.getMaxInstances());
        put(flat, "kairos.job-defaults.misfire-grace-time", defaults.getMisfireGraceTime());
        put(flat, "kairos.job-defaults.jitter", defaults.getJitter());
        KairosProperties.History history = properties.getHistory();
        put(flat, "kairos.history.enabled", history.getEnabled());
        put(flat, "kairos.history.max-runs-per-job", history.getMaxRunsPerJob());
        put(flat, "kairos.history.max-age", history.getMaxAge());
        put(flat, "kairos.history.max-stack-trace-length", history.getMaxStackTraceLength());
        put(flat, "kairos.history.max-result-length", history.getMaxResultLength());
        properties.getExecutors().forEach((alias, executor) -> {
            String prefix = "kairos.executors." + alias + ".";
            put(flat, prefix + "type", executorType(executor.getType()));
            put(flat, prefix + "max-workers", executor.getMaxWorkers());
            put(flat, prefix + "queue-capacity", executor.getQueueCapacity());
            if (!executor.getJvmArguments().isEmpty()) {
                put(flat, prefix + "jvm-arguments", String.join(" ", executor.getJvmArguments()));
            }
            put(flat, prefix + "timeout", executor.getTimeout());
            if (!executor.getTaskTimeouts().isEmpty()) {
                put(flat, prefix + "task-timeouts", executor.getTaskTimeouts().entrySet().stream()
                        .map((entry) -> entry.getKey() + "=" + entry.getValue()).collect(java.util.stream.Collectors.joining(", ")));
            }
        });
        properties.getJobstores().forEach((alias, store) -> {
            if (store.getType() == JobStoreType.MEMORY) {
                put(flat, "kairos.jobstores." + alias + ".type", "memory");
            }
        });
        return flat;
    }

    /**
     * The engine's type name of an executor type.
     *
     * @param type the type
     * @return {@code thread-pool}, {@code virtual-thread} or {@code process-pool}
     */
    static String executorType(ExecutorType type) {
        return switch (type) {
            case THREAD_POOL -> "thread-pool";
            case VIRTUAL_THREAD -> VirtualThreadJobExecutor.TYPE;
            case PROCESS_POOL -> "process-pool";
        };
    }

    private static void put(Map<String, Object> flat, String key, @Nullable Object value) {
        if (value != null) {
            flat.put(key, value instanceof Duration duration ? duration.toString() : String.valueOf(value));
        }
    }
}
