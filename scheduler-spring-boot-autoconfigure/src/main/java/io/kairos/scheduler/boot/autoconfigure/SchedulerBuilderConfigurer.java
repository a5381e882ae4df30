package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.executor.VirtualThreadJobExecutor;
import io.kairos.scheduler.retry.InvalidRetryPolicyException;
import io.kairos.scheduler.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

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

    /**
     * The default retry policy: {@link RetryPolicy#NONE} with the properties that are set, applied in this order. A
     * {@code backoff} given without {@code max-backoff} raises the maximum to it when it is longer, as the flat
     * {@code kairos.job-defaults.retry.*} keys do ({@link RetryPolicy#parse}). Every {@code retry-on} and
     * {@code no-retry-on} name must load with the application's class loader as a {@link Throwable}
     * ({@link RetryPolicy#checkExceptionClasses}): a misspelled name fails start-up instead of silently retrying nothing.
     *
     * @throws InvalidConfigurationException naming {@code kairos.job-defaults.retry.<option>}, its value and what is valid
     */
    private static RetryPolicy retryPolicy(KairosProperties.Retry retry) {
        List<RetryOption<?>> options = List.of(
                new RetryOption<>("max-attempts", retry.getMaxAttempts(), RetryPolicy::withMaxAttempts),
                new RetryOption<>("backoff", retry.getBackoff(), (p, v) -> p.withBackoff(v, max(v, p.maxBackoff()))),
                new RetryOption<>("max-backoff", retry.getMaxBackoff(), (p, v) -> p.withBackoff(p.backoff(), v)),
                new RetryOption<>("multiplier", retry.getMultiplier(), RetryPolicy::withMultiplier),
                new RetryOption<>("jitter", retry.getJitter(), RetryPolicy::withJitter),
                new RetryOption<>("retry-on", retry.getRetryOn(),
                        (p, v) -> p.withRetryOn(v.toArray(String[]::new)).checkExceptionClasses(classLoader())),
                new RetryOption<>("no-retry-on", retry.getNoRetryOn(),
                        (p, v) -> p.withNoRetryOn(v.toArray(String[]::new)).checkExceptionClasses(classLoader())));
        RetryPolicy policy = RetryPolicy.NONE;
        for (RetryOption<?> option : options) {
            policy = option.applyTo(policy);
        }
        return policy;
    }

    /** The application's class loader, which {@code retry-on} and {@code no-retry-on} classes must load with. */
    private static ClassLoader classLoader() {
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        return loader != null ? loader : SchedulerBuilderConfigurer.class.getClassLoader();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * One {@code kairos.job-defaults.retry.*} property: its name below {@code retry.}, its bound value ({@code null}
     * when not set) and how it is set on a policy.
     */
    private record RetryOption<T>(String name, @Nullable T value, BiFunction<RetryPolicy, T, RetryPolicy> setter) {

        RetryPolicy applyTo(RetryPolicy policy) {
            T given = this.value;
            if (given == null) {
                return policy;
            }
            try {
                return this.setter.apply(policy, given);
            }
            catch (InvalidRetryPolicyException ex) {
                String key = "kairos.job-defaults.retry." + this.name;
                String problem = String.valueOf(ex.getMessage());
                Object value = ex.value() != null ? ex.value() : given;
                throw new InvalidConfigurationException("'" + key + "': " + problem, key, value, problem, "see RetryPolicy", ex);
            }
        }
    }
}
