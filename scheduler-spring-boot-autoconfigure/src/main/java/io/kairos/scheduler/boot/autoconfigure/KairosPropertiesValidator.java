package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.kairos.scheduler.boot.KairosConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link KairosProperties} beyond what binding checks (types and enum values are checked by Spring Boot's
 * binder, whose failure analysis lists the valid values): options that do not apply to a store's or executor's
 * type, numbers below their minimum, negative durations, blank aliases and keys (table names are checked by the
 * jdbc store's settings).
 * Each problem is a {@link KairosConfigurationException} naming the property. Stateless.
 */
final class KairosPropertiesValidator {

    private KairosPropertiesValidator() {
    }

    /**
     * Checks the properties.
     *
     * @param properties the bound properties
     * @throws KairosConfigurationException for the first problem found
     */
    static void validate(KairosProperties properties) {
        KairosProperties.JobDefaults defaults = properties.getJobDefaults();
        atLeastOne("kairos.job-defaults.max-instances", defaults.getMaxInstances());
        notNegative("kairos.job-defaults.misfire-grace-time", defaults.getMisfireGraceTime());
        notNegative("kairos.job-defaults.jitter", defaults.getJitter());
        positive("kairos.lease-time", properties.getLeaseTime());
        positive("kairos.poll-interval", properties.getPollInterval());
        positive("kairos.finished-job-retention", properties.getFinishedJobRetention());
        notNegative("kairos.shutdown.timeout", properties.getShutdown().getTimeout());
        KairosProperties.History history = properties.getHistory();
        atLeast("kairos.history.max-runs-per-job", history.getMaxRunsPerJob(), 1);
        positive("kairos.history.max-age", history.getMaxAge());
        atLeast("kairos.history.max-stack-trace-length", history.getMaxStackTraceLength(), 256);
        atLeast("kairos.history.max-result-length", history.getMaxResultLength(), 16);
        if (properties.getSchedulerId() != null && properties.getSchedulerId().isBlank()) {
            throw new KairosConfigurationException("kairos.scheduler-id", properties.getSchedulerId(), "is blank",
                    "Remove it to get a generated id, or give a non-blank id unique to this instance");
        }
        validateDashboard(properties.getDashboard());
        properties.getJobstores().forEach(KairosPropertiesValidator::validateStore);
        properties.getExecutors().forEach(KairosPropertiesValidator::validateExecutor);
    }

    private static void validateDashboard(KairosProperties.Dashboard dashboard) {
        // the open page asks this often: below a second, a few open tabs would keep the server busy
        if (dashboard.getPollInterval() == null || dashboard.getPollInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new KairosConfigurationException("kairos.dashboard.poll-interval", dashboard.getPollInterval(),
                    "is shorter than one second", "Give a duration of at least '1s', e.g. '5s' (the default)");
        }
        if (dashboard.getAuthority() == null || dashboard.getAuthority().isBlank()) {
            throw new KairosConfigurationException("kairos.dashboard.authority", dashboard.getAuthority(), "is blank",
                    "Remove it to use KAIROS_ADMIN, or give the authority that may change jobs, e.g. 'ROLE_ADMIN'");
        }
    }

    private static void validateStore(String alias, KairosProperties.Store store) {
        String prefix = "kairos.jobstores." + alias + ".";
        checkAlias("kairos.jobstores", alias);
        onlyFor(prefix + "table-name", store.getTableName(), store.getType(), JobStoreType.JDBC);
        onlyFor(prefix + "initialize-schema", store.getInitializeSchema(), store.getType(), JobStoreType.JDBC);
        onlyFor(prefix + "key-prefix", store.getKeyPrefix(), store.getType(), JobStoreType.REDIS);
        onlyFor(prefix + "jobs-key", store.getJobsKey(), store.getType(), JobStoreType.REDIS);
        onlyFor(prefix + "run-times-key", store.getRunTimesKey(), store.getType(), JobStoreType.REDIS);
        onlyFor(prefix + "connect-string", store.getConnectString(), store.getType(), JobStoreType.ZOOKEEPER);
        onlyFor(prefix + "root-path", store.getRootPath(), store.getType(), JobStoreType.ZOOKEEPER);
        onlyFor(prefix + "session-timeout", store.getSessionTimeout(), store.getType(), JobStoreType.ZOOKEEPER);
        onlyFor(prefix + "connection-timeout", store.getConnectionTimeout(), store.getType(), JobStoreType.ZOOKEEPER);
        positive(prefix + "session-timeout", store.getSessionTimeout());
        positive(prefix + "connection-timeout", store.getConnectionTimeout());
        onlyFor(prefix + "database", store.getDatabase(), store.getType(), JobStoreType.MONGODB);
        onlyFor(prefix + "collection", store.getCollection(), store.getType(), JobStoreType.MONGODB);
        if (store.getTimeout() != null && store.getType() != JobStoreType.JDBC && store.getType() != JobStoreType.REDIS) {
            throw KairosConfigurationException.invalidValue(prefix + "timeout", store.getTimeout(), "applies only to types jdbc and "
                    + "redis, and this one is of type " + store.getType().name().toLowerCase(Locale.ROOT),
                    List.of("remove it, or set the type to jdbc or redis (a zookeeper store has session-timeout and "
                            + "connection-timeout; a mongodb store's timeouts are the application's MongoClient settings)"));
        }
        positive(prefix + "timeout", store.getTimeout());
        for (String key : Arrays.asList(store.getKeyPrefix(), store.getJobsKey(), store.getRunTimesKey())) {
            if (key != null && key.isBlank()) {
                throw new KairosConfigurationException(prefix + "(redis key)", key, "is blank",
                        "Remove the property to use the default, or give a non-blank key name");
            }
        }
    }

    private static void validateExecutor(String alias, KairosProperties.Executor executor) {
        String prefix = "kairos.executors." + alias + ".";
        checkAlias("kairos.executors", alias);
        atLeastOne(prefix + "max-workers", executor.getMaxWorkers());
        if (executor.getQueueCapacity() != null && executor.getType() != ExecutorType.THREAD_POOL) {
            throw notApplicable(prefix + "queue-capacity", executor.getQueueCapacity(), executor.getType(), ExecutorType.THREAD_POOL);
        }
        if (executor.getQueueCapacity() != null && executor.getQueueCapacity() < 0) {
            throw new KairosConfigurationException(prefix + "queue-capacity", executor.getQueueCapacity(), "is negative",
                    "Give a whole number of zero or more (0: no queue)");
        }
        if (!executor.getJvmArguments().isEmpty() && executor.getType() != ExecutorType.PROCESS_POOL) {
            throw notApplicable(prefix + "jvm-arguments", executor.getJvmArguments(), executor.getType(), ExecutorType.PROCESS_POOL);
        }
        if (executor.getTimeout() != null && executor.getType() != ExecutorType.PROCESS_POOL) {
            throw notApplicable(prefix + "timeout", executor.getTimeout(), executor.getType(), ExecutorType.PROCESS_POOL);
        }
        if (!executor.getTaskTimeouts().isEmpty() && executor.getType() != ExecutorType.PROCESS_POOL) {
            throw notApplicable(prefix + "task-timeouts", executor.getTaskTimeouts(), executor.getType(), ExecutorType.PROCESS_POOL);
        }
    }

    private static void checkAlias(String property, String alias) {
        if (alias.isBlank()) {
            throw new KairosConfigurationException(property, alias, "has a blank alias",
                    "Name each entry, e.g. 'default'");
        }
    }

    private static void onlyFor(String property, @Nullable Object value, JobStoreType actual, JobStoreType required) {
        if (value != null && actual != required) {
            throw notApplicable(property, value, actual, required);
        }
    }

    private static KairosConfigurationException notApplicable(String property, Object value, Enum<?> actual,
            Enum<?> required) {
        return KairosConfigurationException.invalidValue(property, value, "applies only to type " + name(required)
                + ", and this one is of type " + name(actual), List.of("remove it, or set the type to " + name(required)));
    }

    /**
     * The kebab-case name of a type, as written in YAML.
     *
     * @param type the enum value
     * @return e.g. {@code thread-pool}
     */
    static String name(Enum<?> type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void atLeastOne(String property, @Nullable Integer value) {
        atLeast(property, value, 1);
    }

    private static void atLeast(String property, @Nullable Integer value, int least) {
        if (value != null && value < least) {
            throw new KairosConfigurationException(property, value, "is less than " + least,
                    "Give a whole number of at least " + least);
        }
    }

    private static void notNegative(String property, @Nullable Duration value) {
        if (value != null && value.isNegative()) {
            throw new KairosConfigurationException(property, value, "is negative", "Give a duration of zero or more");
        }
    }

    private static void positive(String property, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new KairosConfigurationException(property, value, "is not positive",
                    "Give a duration longer than zero, e.g. '30s'");
        }
    }
}
