package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.executor.VirtualThreadJobExecutor;
import io.kairos.scheduler.retry.InvalidRetryPolicyException;
import io.kairos.scheduler.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link KairosProperties} to a {@link SchedulerBuilder} through its typed methods: scheduler settings, job
 * defaults, run history, executors (created by the engine's executor factories from their options) and memory
 * stores. The builder checks every value once and names its {@code kairos.*} key when one is out of range
 * ({@code io.kairos.scheduler.config.InvalidConfigurationException}). jdbc, redis, zookeeper and mongodb stores need
 * application objects and are built by {@link JobStores}. Stateless.
 */
final class SchedulerBuilderConfigurer {

    private SchedulerBuilderConfigurer() {
    }

    /**
     * Applies the properties.
     *
     * @param builder the builder
     * @param properties the bound properties, checked by {@link KairosPropertiesValidator}
     * @throws io.kairos.scheduler.config.InvalidConfigurationException naming the key of a value out of range
     */
    static void configure(SchedulerBuilder builder, KairosProperties properties) {
        if (properties.getTimezone() != null) {
            builder.timezone(properties.getTimezone());
        }
        if (properties.getSchedulerId() != null) {
            builder.schedulerId(properties.getSchedulerId());
        }
        builder.startPaused(properties.isStartPaused())
            .pollInterval(properties.getPollInterval())
            .leaseTime(properties.getLeaseTime())
            .finishedJobRetention(properties.getFinishedJobRetention())
            .shutdownTimeout(properties.getShutdown().getTimeout());
        KairosProperties.JobDefaults defaults = properties.getJobDefaults();
        builder.defaultMisfireGraceTime(defaults.getMisfireGraceTime())
            .defaultCoalesce(defaults.isCoalesce())
            .defaultMaxInstances(defaults.getMaxInstances())
            .defaultJitter(defaults.getJitter())
            .defaultRetry(retryPolicy(defaults.getRetry()));
        KairosProperties.History history = properties.getHistory();
        builder.historyEnabled(history.isEnabled())
            .historyMaxRunsPerJob(history.getMaxRunsPerJob())
            .historyMaxAge(history.getMaxAge())
            .historyMaxStackTraceLength(history.getMaxStackTraceLength())
            .historyMaxResultLength(history.getMaxResultLength());
        properties.getExecutors().forEach((alias, executor) -> builder.executor(alias, executorType(executor.getType()),
                executorOptions(executor)));
        properties.getJobstores().forEach((alias, store) -> {
            if (store.getType() == JobStoreType.MEMORY) {
                builder.jobStore(alias, "memory", Map.of());
            }
        });
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

    /**
     * An executor's options as its factory reads them ({@code max-workers}, {@code queue-capacity},
     * {@code jvm-arguments}, {@code timeout}, {@code task-timeouts}); unset ones are left out.
     *
     * @param executor the executor's properties
     * @return the options by kebab-case key
     */
    static Map<String, String> executorOptions(KairosProperties.Executor executor) {
        Map<String, String> options = new LinkedHashMap<>();
        put(options, "max-workers", executor.getMaxWorkers());
        put(options, "queue-capacity", executor.getQueueCapacity());
        if (!executor.getJvmArguments().isEmpty()) {
            options.put("jvm-arguments", String.join(" ", executor.getJvmArguments()));
        }
        put(options, "timeout", executor.getTimeout());
        if (!executor.getTaskTimeouts().isEmpty()) {
            options.put("task-timeouts", executor.getTaskTimeouts().entrySet().stream()
                .map((entry) -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ")));
        }
        return options;
    }

    private static void put(Map<String, String> options, String key, @Nullable Object value) {
        if (value != null) {
            options.put(key, value instanceof Duration duration ? duration.toString() : String.valueOf(value));
        }
    }

    /** The default retry policy: {@link RetryPolicy#NONE} with the properties that are set; errors name the property. */
    private static RetryPolicy retryPolicy(KairosProperties.Retry retry) {
        String option = "max-attempts";
        Object value = retry.getMaxAttempts();
        try {
            RetryPolicy policy = RetryPolicy.NONE;
            if (retry.getMaxAttempts() != null) {
                policy = policy.withMaxAttempts(retry.getMaxAttempts());
            }
            option = "backoff";
            value = retry.getBackoff();
            if (retry.getBackoff() != null || retry.getMaxBackoff() != null) {
                policy = policy.withBackoff(Objects.requireNonNullElse(retry.getBackoff(), policy.backoff()),
                        Objects.requireNonNullElse(retry.getMaxBackoff(), policy.maxBackoff()));
            }
            option = "multiplier";
            value = retry.getMultiplier();
            if (retry.getMultiplier() != null) {
                policy = policy.withMultiplier(retry.getMultiplier());
            }
            option = "jitter";
            value = retry.getJitter();
            if (retry.getJitter() != null) {
                policy = policy.withJitter(retry.getJitter());
            }
            option = "retry-on";
            value = retry.getRetryOn();
            if (retry.getRetryOn() != null) {
                policy = policy.withRetryOn(retry.getRetryOn().toArray(String[]::new));
            }
            option = "no-retry-on";
            value = retry.getNoRetryOn();
            if (retry.getNoRetryOn() != null) {
                policy = policy.withNoRetryOn(retry.getNoRetryOn().toArray(String[]::new));
            }
            return policy;
        }
        catch (InvalidRetryPolicyException ex) {
            String key = "kairos.job-defaults.retry." + ex.option();
            Object given = ex.option().equals(option) ? value : null;
            throw new InvalidConfigurationException("'" + key + "': " + ex.getMessage(), key, given, ex.getMessage(),
                    "see RetryPolicy", ex);
        }
    }
}
