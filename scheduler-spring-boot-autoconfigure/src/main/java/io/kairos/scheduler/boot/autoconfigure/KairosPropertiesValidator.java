package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.config.ConfigChecks;
import org.jspecify.annotations.Nullable;

/**
 * Checks what only the starter knows about {@link KairosProperties} (types and enum values are checked by Spring
 * Boot's binder, whose failure analysis lists the valid values): options that do not apply to a store's or
 * executor's type, blank aliases and Redis keys, the dashboard's settings, the ZooKeeper and store timeouts. The
 * scheduler's own values (durations, job defaults, history limits, executor sizes) are checked once, by the engine's
 * builder, which names the property ({@code io.kairos.scheduler.config.InvalidConfigurationException}).
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
        ConfigChecks.positiveOrNone(prefix + "session-timeout", store.getSessionTimeout());
        ConfigChecks.positiveOrNone(prefix + "connection-timeout", store.getConnectionTimeout());
        onlyFor(prefix + "database", store.getDatabase(), store.getType(), JobStoreType.MONGODB);
        onlyFor(prefix + "collection", store.getCollection(), store.getType(), JobStoreType.MONGODB);
        if (store.getTimeout() != null && store.getType() != JobStoreType.JDBC && store.getType() != JobStoreType.REDIS) {
            throw KairosConfigurationException.invalidValue(prefix + "timeout", store.getTimeout(), "applies only to types jdbc and "
                    + "redis, and this one is of type " + store.getType().name().toLowerCase(Locale.ROOT),
                    List.of("remove it, or set the type to jdbc or redis (a zookeeper store has session-timeout and "
                            + "connection-timeout; a mongodb store's timeouts are the application's MongoClient settings)"));
        }
        ConfigChecks.positiveOrNone(prefix + "timeout", store.getTimeout());
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
        if (executor.getQueueCapacity() != null && executor.getType() != ExecutorType.THREAD_POOL) {
            throw notApplicable(prefix + "queue-capacity", executor.getQueueCapacity(), executor.getType(), ExecutorType.THREAD_POOL);
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
}
