package io.kairos.scheduler;

import io.kairos.scheduler.internal.FlatConfig;
import io.kairos.scheduler.internal.Settings;

import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobExecutorFactory;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreFactory;
import io.kairos.scheduler.task.TaskRegistry;
import io.kairos.scheduler.task.TaskResolver;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link Scheduler}; obtained from {@link Scheduler#builder()}. Every setting has a default (see the
 * README's table); {@link #properties(Map)} applies flat {@code kairos.*} keys. Not thread-safe; use it from one
 * thread and call {@link #build()} once.
 */
public final class SchedulerBuilder {

    private final Settings settings = new Settings();

    SchedulerBuilder() {
    }

    /**
     * The scheduler's time zone: the default zone of trigger specs without {@code timezone}. Default: the
     * system's.
     *
     * @param zone the zone
     * @return this builder
     */
    public SchedulerBuilder timezone(ZoneId zone) {
        this.settings.timezone = Objects.requireNonNull(zone, "zone");
        return this;
    }

    /**
     * The policies of jobs that leave them unset. Default {@link JobDefaults#DEFAULTS}.
     *
     * @param defaults the defaults
     * @return this builder
     */
    public SchedulerBuilder jobDefaults(JobDefaults defaults) {
        this.settings.jobDefaults = Objects.requireNonNull(defaults, "defaults");
        return this;
    }

    /**
     * Whether and how runs are recorded in the stores' run history. Default {@link io.kairos.scheduler.history.HistorySettings#DEFAULTS}.
     *
     * @param history the settings, not {@code null}
     * @return this builder
     */
    public SchedulerBuilder history(io.kairos.scheduler.history.HistorySettings history) {
        this.settings.history = Objects.requireNonNull(history, "history");
        return this;
    }

    /**
     * Makes every run time a Micrometer {@code Observation} named {@code kairos.job.run} (a span per run with
     * Micrometer Tracing or OpenTelemetry): low-cardinality keys {@code task}, {@code executor}, {@code store},
     * {@code outcome}; high-cardinality keys {@code job.id}, {@code attempt}; a failed run's exception as its error.
     * The observation is current on the worker thread while the task runs, so spans the task opens are its children.
     * Each run is a new trace: a trace context current when the job was added is not stored with the job. Needs
     * {@code io.micrometer:micrometer-observation} on the class path (an optional dependency; Spring Boot has it).
     * Default: none.
     *
     * @param registry the registry, or {@code null} for none
     * @return this builder
     */
    public SchedulerBuilder observationRegistry(io.micrometer.observation.ObservationRegistry registry) {
        this.settings.tracer = registry == null ? io.kairos.scheduler.internal.RunTracer.NONE
                : new io.kairos.scheduler.internal.ObservationRunTracer(registry);
        return this;
    }

    /**
     * This scheduler's id: the lease owner in shared stores. Default host name, process id and a random part.
     *
     * @param id a non-blank id, unique among schedulers sharing a store
     * @return this builder
     */
    public SchedulerBuilder schedulerId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("scheduler id must not be blank");
        }
        this.settings.schedulerId = id;
        return this;
    }

    /**
     * Whether {@link Scheduler#start()} starts paused. Default {@code false}.
     *
     * @param paused the flag
     * @return this builder
     */
    public SchedulerBuilder startPaused(boolean paused) {
        this.settings.startPaused = paused;
        return this;
    }

    /**
     * How often the loop looks at shared stores for jobs other schedulers added, when no remote wake-up arrives.
     * Default 5 seconds. Memory stores are never polled.
     *
     * @param interval positive
     * @return this builder
     */
    public SchedulerBuilder pollInterval(Duration interval) {
        this.settings.pollInterval = positive("poll interval", interval);
        return this;
    }

    /**
     * How long the marker of a finished job is kept (see {@link io.kairos.scheduler.store.JobState#FINISHED}): a job
     * whose id the caller chose, once its trigger has no fire time left, leaves a marker so that adding the same id
     * again with {@link io.kairos.scheduler.store.ConflictPolicy#KEEP_EXISTING} (declared jobs at every start-up)
     * does not run it again. After this time, counted from when it finished, the marker is removed (checked hourly
     * by each store's loop) and such an add runs the job again. Default 30 days.
     *
     * @param retention positive
     * @return this builder
     */
    public SchedulerBuilder finishedJobRetention(Duration retention) {
        this.settings.finishedJobRetention = positive("finished job retention", retention);
        return this;
    }

    /**
     * How long a lease on an acquired job lasts unless extended (it is extended every third of it while the job
     * runs). Default 30 seconds.
     *
     * @param leaseTime positive
     * @return this builder
     */
    public SchedulerBuilder leaseTime(Duration leaseTime) {
        this.settings.leaseTime = positive("lease time", leaseTime);
        return this;
    }

    /**
     * How long {@code shutdown(true)} waits for running jobs before interrupting them. Default 30 seconds.
     *
     * @param timeout not negative
     * @return this builder
     */
    public SchedulerBuilder shutdownTimeout(Duration timeout) {
        this.settings.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * The clock. Default {@link InstantSource#system()}; tests pass a mutable clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public SchedulerBuilder clock(InstantSource clock) {
        this.settings.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The JSON codec stores and {@link Scheduler#exportJobs} use. Default {@link io.kairos.scheduler.store.JsonJobCodec}.
     *
     * @param codec the codec
     * @return this builder
     */
    public SchedulerBuilder jobCodec(JobCodec codec) {
        this.settings.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * The task registry that resolves task names. Default
     * {@link TaskRegistry#withServiceLoaderProviders(ClassLoader)} with the context class loader: registered
     * lambdas, {@code TaskProvider} tasks, and {@code com.acme.Jobs::purge} references and no-arg classes under the
     * {@linkplain #allowTaskPackages allowed packages} (none by default). Call before {@link #allowTaskPackages},
     * {@link #taskResolver} and {@link #properties} when they are used: they change the registry in place.
     *
     * @param registry the registry
     * @return this builder
     */
    public SchedulerBuilder taskRegistry(TaskRegistry registry) {
        this.settings.taskRegistry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Adds a resolver to the task registry (e.g. the Spring module's bean-method resolver), consulted after
     * registered names. Call after {@link #taskRegistry} when both are used.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public SchedulerBuilder taskResolver(TaskResolver resolver) {
        this.settings.taskRegistry.addResolver(Objects.requireNonNull(resolver, "resolver"));
        return this;
    }

    /**
     * Allows task names to reference static methods and classes ({@code com.acme.Jobs::purge},
     * {@code com.acme.PurgeJob}) in these packages and below them: the flat key {@code kairos.tasks.allowed-packages}.
     * By default no package is allowed, so only registered names, {@code TaskProvider} tasks and resolver tasks run:
     * a task name read from a job store is untrusted input and must not reach any public static method on the
     * class path. Adds to the packages allowed before; also applies to {@code process-pool} worker JVMs.
     *
     * @param packages package names such as {@code com.acme}
     * @return this builder
     * @throws IllegalArgumentException when a name is blank or not a package name
     * @see TaskRegistry#allowPackages(String...)
     */
    public SchedulerBuilder allowTaskPackages(String... packages) {
        this.settings.taskRegistry.allowPackages(packages);
        return this;
    }

    /**
     * The randomness of jitter. Default a {@link java.util.Random}.
     *
     * @param random a thread-safe generator
     * @return this builder
     */
    public SchedulerBuilder random(RandomGenerator random) {
        this.settings.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Adds (or replaces) an executor. Without one under {@code default}, a thread pool of 10 is created at start.
     *
     * @param alias the alias
     * @param executor an unstarted executor
     * @return this builder
     */
    public SchedulerBuilder executor(String alias, JobExecutor executor) {
        this.settings.components.executors().put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(executor, "executor"));
        return this;
    }

    /**
     * Adds (or replaces) a job store. Without one under {@code default}, a {@code memory} store is created at
     * start.
     *
     * @param alias the alias
     * @param store an unstarted store
     * @return this builder
     */
    public SchedulerBuilder jobStore(String alias, JobStore store) {
        this.settings.components.stores().put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(store, "store"));
        return this;
    }

    /**
     * Registers an executor type for {@code kairos.executors.<alias>.type}.
     *
     * @param factory the factory
     * @return this builder
     */
    public SchedulerBuilder executorFactory(JobExecutorFactory factory) {
        this.settings.register(factory);
        return this;
    }

    /**
     * Registers a job store type for {@code kairos.jobstores.<alias>.type}.
     *
     * @param factory the factory
     * @return this builder
     */
    public SchedulerBuilder jobStoreFactory(JobStoreFactory factory) {
        this.settings.register(factory);
        return this;
    }

    /**
     * Applies flat {@code kairos.}-prefixed keys (or nested maps under {@code kairos}), as {@link Scheduler#configure}.
     * Register factories first.
     *
     * @param properties the keys and values
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key, an invalid value, or an unknown type
     */
    public SchedulerBuilder properties(Map<String, ?> properties) {
        FlatConfig.apply(this.settings, properties);
        return this;
    }

    /**
     * Builds the scheduler, stopped.
     *
     * @return the scheduler
     */
    public Scheduler build() {
        return new Scheduler(this.settings);
    }

    private static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }
}
