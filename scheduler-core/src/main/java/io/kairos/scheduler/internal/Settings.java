package io.kairos.scheduler.internal;

import org.jspecify.annotations.Nullable;
import io.kairos.scheduler.JobDefaults;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.config.ConfigChecks;
import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.config.SchedulerDefaults;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.executor.JobExecutorFactory;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobStoreFactory;
import io.kairos.scheduler.store.JsonJobCodec;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.task.TaskRegistry;

import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A scheduler's configuration while it is being built or configured; mutable, guarded by the scheduler's
 * lifecycle lock.
 */
public final class Settings {

    public ZoneId timezone = ZoneId.systemDefault();

    public JobDefaults jobDefaults = JobDefaults.DEFAULTS;

    public io.kairos.scheduler.history.HistorySettings history = io.kairos.scheduler.history.HistorySettings.DEFAULTS;

    public io.kairos.scheduler.internal.RunTracer tracer = io.kairos.scheduler.internal.RunTracer.NONE;

    public String schedulerId = defaultSchedulerId();

    public boolean startPaused;

    public Duration pollInterval = SchedulerDefaults.POLL_INTERVAL;

    public Duration leaseTime = SchedulerDefaults.LEASE_TIME;

    public Duration finishedJobRetention = SchedulerDefaults.FINISHED_JOB_RETENTION;

    public Duration shutdownTimeout = SchedulerDefaults.SHUTDOWN_TIMEOUT;

    public InstantSource clock = InstantSource.system();

    public JobCodec codec = new JsonJobCodec();

    public TaskRegistry taskRegistry = TaskRegistry.withServiceLoaderProviders(classLoader());

    public RandomGenerator random = new Random();

    final Map<String, JobExecutorFactory> executorFactories = new TreeMap<>();

    final Map<String, JobStoreFactory> storeFactories = new TreeMap<>();

    public final Components components = new Components();

    public Settings() {
        register(new BuiltInExecutorFactories.ThreadPool());
        register(new BuiltInExecutorFactories.VirtualThread());
        register(new BuiltInExecutorFactories.Direct());
        register(new JobStoreFactory() {

            @Override
            public String type() {
                return "memory";
            }

            @Override
            public io.kairos.scheduler.store.JobStore create(ComponentOptions options) {
                options.requireOnly(java.util.Set.of());
                return new MemoryJobStore();
            }
        });
        ServiceLoader.load(JobExecutorFactory.class).forEach(this::register);
        ServiceLoader.load(JobStoreFactory.class).forEach(this::register);
    }

    public void register(JobExecutorFactory factory) {
        this.executorFactories.put(factory.type(), factory);
    }

    public void register(JobStoreFactory factory) {
        this.storeFactories.put(factory.type(), factory);
    }

    // The checked setters below are the one place where scheduler configuration values are validated: the
    // SchedulerBuilder's typed methods and the flat kairos.* keys (FlatConfig) both come through them, so a value is
    // valid or not whichever way it is given, and an error names its kairos.* key.

    /** @param id the scheduler id, see {@code SchedulerBuilder.schedulerId} */
    public void schedulerId(String id) {
        this.schedulerId = ConfigChecks.notBlank("kairos.scheduler-id", id);
    }

    /** @param interval positive */
    public void pollInterval(Duration interval) {
        this.pollInterval = ConfigChecks.positive("kairos.poll-interval", interval);
    }

    /** @param leaseTime positive */
    public void leaseTime(Duration leaseTime) {
        this.leaseTime = ConfigChecks.positive("kairos.lease-time", leaseTime);
    }

    /** @param retention positive */
    public void finishedJobRetention(Duration retention) {
        this.finishedJobRetention = ConfigChecks.positive("kairos.finished-job-retention", retention);
    }

    /** @param timeout not negative */
    public void shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = ConfigChecks.notNegative("kairos.shutdown.timeout", java.util.Objects.requireNonNull(timeout, "timeout"));
    }

    /** @param grace positive, or {@code null} for no limit */
    public void defaultMisfireGraceTime(@Nullable Duration grace) {
        JobDefaults d = this.jobDefaults;
        this.jobDefaults = new JobDefaults(ConfigChecks.positiveOrNone("kairos.job-defaults.misfire-grace-time", grace),
                d.coalesce(), d.maxInstances(), d.jitter(), d.retry());
    }

    /** @param coalesce the policy */
    public void defaultCoalesce(boolean coalesce) {
        JobDefaults d = this.jobDefaults;
        this.jobDefaults = new JobDefaults(d.misfireGraceTime(), coalesce, d.maxInstances(), d.jitter(), d.retry());
    }

    /** @param maxInstances at least 1 */
    public void defaultMaxInstances(int maxInstances) {
        JobDefaults d = this.jobDefaults;
        this.jobDefaults = new JobDefaults(d.misfireGraceTime(), d.coalesce(),
                ConfigChecks.atLeast("kairos.job-defaults.max-instances", maxInstances, 1), d.jitter(), d.retry());
    }

    /** @param jitter not negative, or {@code null} for the trigger's own */
    public void defaultJitter(Duration jitter) {
        JobDefaults d = this.jobDefaults;
        this.jobDefaults = new JobDefaults(d.misfireGraceTime(), d.coalesce(), d.maxInstances(),
                ConfigChecks.notNegative("kairos.job-defaults.jitter", jitter), d.retry());
    }

    /** @param policy the default retry policy; not {@code null} */
    public void defaultRetry(RetryPolicy policy) {
        this.jobDefaults = this.jobDefaults.withRetry(java.util.Objects.requireNonNull(policy, "policy"));
    }

    /** @param enabled whether runs are recorded */
    public void historyEnabled(boolean enabled) {
        this.history = this.history.withEnabled(enabled);
    }

    /** @param maxRunsPerJob at least 1 */
    public void historyMaxRunsPerJob(int maxRunsPerJob) {
        this.history = this.history.withRetention(new RunRetention(
                ConfigChecks.atLeast("kairos.history.max-runs-per-job", maxRunsPerJob, 1), this.history.retention().maxAge()));
    }

    /** @param maxAge positive */
    public void historyMaxAge(Duration maxAge) {
        this.history = this.history.withRetention(new RunRetention(this.history.retention().maxRunsPerJob(),
                ConfigChecks.positive("kairos.history.max-age", maxAge)));
    }

    /** @param length at least 256 */
    public void historyMaxStackTraceLength(int length) {
        this.history = this.history.withLimits(ConfigChecks.atLeast("kairos.history.max-stack-trace-length", length, 256),
                this.history.maxResultLength());
    }

    /** @param length at least 16 */
    public void historyMaxResultLength(int length) {
        this.history = this.history.withLimits(this.history.maxStackTraceLength(),
                ConfigChecks.atLeast("kairos.history.max-result-length", length, 16));
    }

    /**
     * Creates an executor of a registered type and adds it.
     *
     * @param alias the alias
     * @param type the type, matched without case, '-' or '_'
     * @param options its options besides the type
     * @throws InvalidConfigurationException naming {@code kairos.executors.<alias>.type} for an unknown type
     * @throws IllegalArgumentException naming the key for an invalid option
     */
    public void executor(String alias, @Nullable String type, Map<String, String> options) {
        JobExecutor executor = factory("executors", alias, type, this.executorFactories).create(options("executors", alias, options));
        this.components.executors().put(alias, executor);
    }

    /**
     * Creates a job store of a registered type and adds it.
     *
     * @param alias the alias
     * @param type the type, matched without case, '-' or '_'
     * @param options its options besides the type
     * @throws InvalidConfigurationException naming {@code kairos.jobstores.<alias>.type} for an unknown type
     * @throws IllegalArgumentException naming the key for an invalid option
     */
    public void jobStore(String alias, @Nullable String type, Map<String, String> options) {
        JobStore store = factory("jobstores", alias, type, this.storeFactories).create(options("jobstores", alias, options));
        this.components.stores().put(alias, store);
    }

    private static <F> F factory(String kind, String alias, @Nullable String type, Map<String, F> factories) {
        String typeKey = "kairos." + kind + "." + alias + ".type";
        if (type == null || type.isBlank()) {
            throw new InvalidConfigurationException("'" + typeKey + "' is required; valid types: " + factories.keySet(), typeKey, type,
                    "is required", "one of " + factories.keySet(), null);
        }
        String wanted = canonicalType(type);
        F factory = factories.entrySet().stream().filter((entry) -> canonicalType(entry.getKey()).equals(wanted))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (factory == null) {
            String valid = factories.keySet() + " (case, '-' and '_' do not matter: 'threadpool' is 'thread-pool', as in APScheduler)"
                    + (kind.equals("jobstores") ? " (stores needing a DataSource or a Redis client are registered in code "
                            + "with SchedulerBuilder.jobStoreFactory)" : "");
            throw new InvalidConfigurationException("'" + typeKey + "': unknown type '" + type + "'; valid types: " + valid, typeKey,
                    type, "is an unknown type", "one of " + valid, null);
        }
        return factory;
    }

    /** A type name without case, '-' or '_': {@code thread-pool}, {@code threadpool} and {@code THREAD_POOL} are one type. */
    private static String canonicalType(String type) {
        return type.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static ComponentOptions options(String kind, String alias, Map<String, String> options) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        rest.remove("type");
        return new ComponentOptions("kairos." + kind + "." + alias, alias, rest);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Settings.class.getClassLoader();
    }

    static String defaultSchedulerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (Exception ex) {
            host = "localhost";
        }
        long pid = ProcessHandle.current().pid();
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
