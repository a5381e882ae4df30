package io.kairos.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.config.SchedulerDefaults;
import io.kairos.scheduler.history.HistorySettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of the Kairos scheduler under {@code kairos.*}: APScheduler's {@code BackgroundScheduler(jobstores=...,
 * executors=..., job_defaults=..., timezone=...)} in Spring's shape.
 *
 * <p>Durations without a unit are seconds ({@code misfire-grace-time: 30} is 30 seconds, as APScheduler); any
 * Spring Boot duration ({@code 500ms}, {@code 5m}, {@code PT1H}) works too. Properties start from the engine's
 * defaults ({@link SchedulerDefaults}, {@code JobDefaults.DEFAULTS}, {@link HistorySettings#DEFAULTS}); the engine
 * checks each value once, whichever way it is given, and names the property when one is out of range. Nested groups
 * ({@code job-defaults}, {@code history}) are classes of their own. When no store or executor is configured, a {@code default} memory store and a
 * {@code default} thread-pool executor are used. A {@code kairos.*} property that binds to nothing (a misspelled
 * key, an option under the wrong section) fails start-up naming the nearest valid property, as the engine rejects
 * unknown keys. Not thread-safe: bound once at start-up, then only read.
 */
@ConfigurationProperties(prefix = "kairos", ignoreUnknownFields = false)
public class KairosProperties {

    /**
     * Time zone in which triggers without their own time zone compute fire times (cron fields, date strings
     * without an offset). An IANA id such as 'Asia/Shanghai', 'UTC' or an offset such as '+08:00'. Defaults to
     * the JVM's default time zone.
     */
    private @Nullable ZoneId timezone;

    /**
     * Identity of this scheduler instance, recorded as the owner of the leases it takes on jobs in shared stores.
     * Must differ between instances sharing a store. Defaults to host name + process id + a random suffix.
     */
    private @Nullable String schedulerId;

    /** Whether to start the scheduler in the paused state: stores and executors run, but no job is submitted until resumed. */
    private boolean startPaused;

    /** Whether to start the scheduler when the application context starts. When false, call JobScheduler.start() yourself. */
    private boolean autoStartup = true;

    /**
     * Shared stores (jdbc, redis): how long a lease on acquired jobs lasts unless extended while they run; a dead
     * instance's jobs are taken over after this. Seconds when no unit is given. Defaults to 30 seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration leaseTime = SchedulerDefaults.LEASE_TIME;

    /**
     * Shared stores (jdbc, redis): how often to look for jobs added or changed by other instances when no wake-up
     * arrives. Seconds when no unit is given. Defaults to 5 seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration pollInterval = SchedulerDefaults.POLL_INTERVAL;

    /**
     * How long the finished marker of a job whose id was chosen (a declared @ScheduledJob, an explicit id) is kept
     * after its trigger's last run: while it is kept, adding the id again with the keep-existing policy (as declared
     * jobs are added at every start-up) does not run it again. Removed hourly after this. Days when no unit is given.
     * Defaults to 30 days.
     */
    @DurationUnit(ChronoUnit.DAYS)
    private Duration finishedJobRetention = SchedulerDefaults.FINISHED_JOB_RETENTION;

    /** Policies that jobs get unless the job sets its own (APScheduler's job_defaults). */
    private final JobDefaults jobDefaults = new JobDefaults();

    /**
     * Job stores by alias. A job names its store by alias; jobs that name none go to 'default'. Defaults to one
     * memory store named 'default'.
     */
    private final Map<String, Store> jobstores = new LinkedHashMap<>();

    /**
     * Executors by alias. A job names its executor by alias; jobs that name none use 'default'. Defaults to one
     * thread pool named 'default'.
     */
    private final Map<String, Executor> executors = new LinkedHashMap<>();

    /** What stopping the application does to running jobs. */
    private final Shutdown shutdown = new Shutdown();

    /** Which tasks the names stored in jobs may reach. */
    private final Tasks tasks = new Tasks();

    /** Run history: a record of every run attempt, kept in the job's own store. */
    private final History history = new History();

    /** The dashboard web page (module scheduler-spring-boot-dashboard). */
    private final Dashboard dashboard = new Dashboard();

    public @Nullable ZoneId getTimezone() {
        return this.timezone;
    }

    public void setTimezone(@Nullable ZoneId timezone) {
        this.timezone = timezone;
    }

    public @Nullable String getSchedulerId() {
        return this.schedulerId;
    }

    public void setSchedulerId(@Nullable String schedulerId) {
        this.schedulerId = schedulerId;
    }

    public boolean isStartPaused() {
        return this.startPaused;
    }

    public void setStartPaused(boolean startPaused) {
        this.startPaused = startPaused;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Duration getLeaseTime() {
        return this.leaseTime;
    }

    public void setLeaseTime(Duration leaseTime) {
        this.leaseTime = leaseTime;
    }

    public Duration getFinishedJobRetention() {
        return this.finishedJobRetention;
    }

    public void setFinishedJobRetention(Duration finishedJobRetention) {
        this.finishedJobRetention = finishedJobRetention;
    }

    public Duration getPollInterval() {
        return this.pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public JobDefaults getJobDefaults() {
        return this.jobDefaults;
    }

    public Map<String, Store> getJobstores() {
        return this.jobstores;
    }

    public Map<String, Executor> getExecutors() {
        return this.executors;
    }

    public Shutdown getShutdown() {
        return this.shutdown;
    }

    public Tasks getTasks() {
        return this.tasks;
    }

    public History getHistory() {
        return this.history;
    }

    public Dashboard getDashboard() {
        return this.dashboard;
    }

    /** Job policies applied to jobs that do not set their own, starting from the engine's {@code JobDefaults.DEFAULTS}. */
    public static class JobDefaults {

        /**
         * Whether several run times that are due at once (after downtime, or a slow previous run) are folded
         * into one run. Defaults to true.
         */
        private boolean coalesce = io.kairos.scheduler.JobDefaults.DEFAULTS.coalesce();

        /** Most runs of one job that may be in flight at once, across all instances sharing its store. Defaults to 1. */
        private int maxInstances = io.kairos.scheduler.JobDefaults.DEFAULTS.maxInstances();

        /**
         * How late a run may start and still run; later runs are skipped and reported as missed. Seconds when
         * no unit is given. Defaults to no limit: a late run still runs.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration misfireGraceTime = io.kairos.scheduler.JobDefaults.DEFAULTS.misfireGraceTime();

        /** Largest random delay added to each fire time. Seconds when no unit is given. Defaults to none. */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration jitter;

        /** How failed attempts (an exception, or the timeout) are retried. Defaults to no retry. */
        private final Retry retry = new Retry();

        public Retry getRetry() {
            return this.retry;
        }

        public boolean isCoalesce() {
            return this.coalesce;
        }

        public void setCoalesce(boolean coalesce) {
            this.coalesce = coalesce;
        }

        public int getMaxInstances() {
            return this.maxInstances;
        }

        public void setMaxInstances(int maxInstances) {
            this.maxInstances = maxInstances;
        }

        public @Nullable Duration getMisfireGraceTime() {
            return this.misfireGraceTime;
        }

        public void setMisfireGraceTime(@Nullable Duration misfireGraceTime) {
            this.misfireGraceTime = misfireGraceTime;
        }

        public @Nullable Duration getJitter() {
            return this.jitter;
        }

        public void setJitter(@Nullable Duration jitter) {
            this.jitter = jitter;
        }
    }

    /**
     * The default retry policy of jobs: a failed attempt is followed by another attempt of the same fire time, kept
     * in the job's store until it runs. Checked by the engine (io.kairos.scheduler.retry.RetryPolicy).
     */
    public static class Retry {

        /** Most attempts of one fire time, the first included: 1 (no retry) to 1000. Defaults to 1. */
        private @Nullable Integer maxAttempts;

        /** Delay before the first retry; positive. Seconds when no unit is given. Defaults to 10s. */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration backoff;

        /** Factor the delay grows by from one retry to the next, 1 to 100. Defaults to 2. */
        private @Nullable Double multiplier;

        /** Longest delay between attempts; at least the backoff. Seconds when no unit is given. Defaults to 10m. */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration maxBackoff;

        /** Fraction (0 to 1) by which each delay is spread at random, never beyond max-backoff. Defaults to 0.1. */
        private @Nullable Double jitter;

        /**
         * Exception classes (binary names) that are retried, with their subclasses. Defaults to every exception. Each
         * must load as a Throwable with the application's class loader, or start-up fails.
         */
        private @Nullable List<String> retryOn;

        /**
         * Exception classes (binary names) never retried, with their subclasses; wins over retry-on. Each must load as
         * a Throwable with the application's class loader, or start-up fails.
         */
        private @Nullable List<String> noRetryOn;

        public @Nullable Integer getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getBackoff() {
            return this.backoff;
        }

        public void setBackoff(@Nullable Duration backoff) {
            this.backoff = backoff;
        }

        public @Nullable Double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(@Nullable Double multiplier) {
            this.multiplier = multiplier;
        }

        public @Nullable Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public @Nullable Double getJitter() {
            return this.jitter;
        }

        public void setJitter(@Nullable Double jitter) {
            this.jitter = jitter;
        }

        public @Nullable List<String> getRetryOn() {
            return this.retryOn;
        }

        public void setRetryOn(@Nullable List<String> retryOn) {
            this.retryOn = retryOn;
        }

        public @Nullable List<String> getNoRetryOn() {
            return this.noRetryOn;
        }

        public void setNoRetryOn(@Nullable List<String> noRetryOn) {
            this.noRetryOn = noRetryOn;
        }
    }

    /**
     * One job store. Options of another store type than {@link #getType()} are rejected at start-up, naming the
     * property.
     */
    public static class Store {

        /** Kind of store. */
        private JobStoreType type = JobStoreType.MEMORY;

        /** jdbc: name of the jobs table, optionally schema-qualified. Defaults to kairos_jobs. */
        private @Nullable String tableName;

        /**
         * jdbc: when to create the jobs table from the schema script for the database ('embedded': only for
         * embedded databases such as H2; 'always'; 'never'). The script never drops anything. Defaults to embedded.
         */
        private @Nullable DatabaseInitializationMode initializeSchema;

        /**
         * redis: prefix of every key the store uses (jobs, run_times, fire_times, versions, leases, lease_owners,
         * broken, and the wakeup channel). For Redis Cluster use a hash tag, e.g. '{kairos}.'. Defaults to 'kairos.'.
         */
        private @Nullable String keyPrefix;

        /** redis: key of the hash holding jobs (APScheduler's jobs_key). Defaults to the key prefix + 'jobs'. */
        private @Nullable String jobsKey;

        /**
         * redis: key of the sorted set of next run times (APScheduler's run_times_key). Defaults to the key prefix +
         * 'run_times'.
         */
        private @Nullable String runTimesKey;

        /** mongodb: the database holding the jobs collection. Defaults to 'kairos'. */
        private @Nullable String database;

        /** mongodb: the collection holding one document per job. Defaults to 'jobs'. */
        private @Nullable String collection;

        /**
         * jdbc, redis: the longest one store call waits for the database or Redis to answer (jdbc: the connection's
         * network timeout; redis: the command timeout); a store that does not answer within it counts as down, and
         * only its own jobs wait. Defaults to 10s (jdbc) and 5s (redis).
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration timeout;

        /**
         * zookeeper: the servers, 'host:port[,host:port...][/chroot]'. Ignored (with a warning) when the application
         * defines a CuratorFramework bean, which the store then uses. Defaults to 127.0.0.1:2181.
         */
        private @Nullable String connectString;

        /** zookeeper: the znode under which the store keeps its jobs, an absolute path. Defaults to /kairos. */
        private @Nullable String rootPath;

        /**
         * zookeeper: the session timeout asked of the server (kept by the server within 2 to 20 ticks); an instance
         * cut off longer than this loses its leases and its jobs are taken over. Defaults to 30s.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration sessionTimeout;

        /** zookeeper: how long to wait for a connection, at start and per store call while disconnected. Defaults to 5s. */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration connectionTimeout;

        public @Nullable String getConnectString() {
            return this.connectString;
        }

        public void setConnectString(@Nullable String connectString) {
            this.connectString = connectString;
        }

        public @Nullable String getRootPath() {
            return this.rootPath;
        }

        public void setRootPath(@Nullable String rootPath) {
            this.rootPath = rootPath;
        }

        public @Nullable Duration getSessionTimeout() {
            return this.sessionTimeout;
        }

        public void setSessionTimeout(@Nullable Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public @Nullable Duration getConnectionTimeout() {
            return this.connectionTimeout;
        }

        public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public JobStoreType getType() {
            return this.type;
        }

        public void setType(JobStoreType type) {
            this.type = type;
        }

        public @Nullable String getTableName() {
            return this.tableName;
        }

        public void setTableName(@Nullable String tableName) {
            this.tableName = tableName;
        }

        public @Nullable DatabaseInitializationMode getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(@Nullable DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public @Nullable String getJobsKey() {
            return this.jobsKey;
        }

        public void setJobsKey(@Nullable String jobsKey) {
            this.jobsKey = jobsKey;
        }

        public @Nullable String getRunTimesKey() {
            return this.runTimesKey;
        }

        public void setRunTimesKey(@Nullable String runTimesKey) {
            this.runTimesKey = runTimesKey;
        }

        public @Nullable String getDatabase() {
            return this.database;
        }

        public void setDatabase(@Nullable String database) {
            this.database = database;
        }

        public @Nullable String getCollection() {
            return this.collection;
        }

        public void setCollection(@Nullable String collection) {
            this.collection = collection;
        }

        public @Nullable String getKeyPrefix() {
            return this.keyPrefix;
        }

        public void setKeyPrefix(@Nullable String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public @Nullable Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** One executor. Options of another executor type are rejected at start-up, naming the property. */
    public static class Executor {

        /** Kind of executor. */
        private ExecutorType type = ExecutorType.THREAD_POOL;

        /** Most runs this executor runs at once (threads or worker processes). Defaults to 10 (as APScheduler). */
        private @Nullable Integer maxWorkers;

        /**
         * thread-pool: most runs waiting for a free thread, beyond 'max-workers'. Lets the scheduler acquire due
         * jobs in batches; a queued job stays leased and its misfire grace time is checked again when it starts.
         * 0 leaves jobs that cannot start at once to other instances sharing the store. Defaults to 16 times
         * 'max-workers'.
         */
        private @Nullable Integer queueCapacity;

        /** process-pool: extra JVM arguments for each worker process, e.g. '-Xmx256m'. */
        private List<String> jvmArguments = new ArrayList<>();

        /**
         * process-pool: longest a run may take before its worker is killed and replaced and the run fails with a
         * timeout. A job's own timeout, then 'task-timeouts', win over this. Seconds when no unit is given. Default: none.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration timeout;

        /**
         * process-pool: timeouts of particular tasks (task name to duration), overriding 'timeout'. Seconds when no
         * unit is given.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Map<String, Duration> taskTimeouts = new LinkedHashMap<>();

        public ExecutorType getType() {
            return this.type;
        }

        public void setType(ExecutorType type) {
            this.type = type;
        }

        public @Nullable Integer getMaxWorkers() {
            return this.maxWorkers;
        }

        public void setMaxWorkers(@Nullable Integer maxWorkers) {
            this.maxWorkers = maxWorkers;
        }

        public @Nullable Integer getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(@Nullable Integer queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public List<String> getJvmArguments() {
            return this.jvmArguments;
        }

        public void setJvmArguments(List<String> jvmArguments) {
            this.jvmArguments = jvmArguments;
        }

        public @Nullable Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        public Map<String, Duration> getTaskTimeouts() {
            return this.taskTimeouts;
        }

        public void setTaskTimeouts(Map<String, Duration> taskTimeouts) {
            this.taskTimeouts = taskTimeouts;
        }
    }

    /**
     * Which code a task name may reach. A job store is untrusted input: whoever can write it can rewrite a job's
     * task name, so a name resolves only to '@ScheduledJob' and '@KairosTask' methods, registered tasks, and code
     * under the allowed packages.
     */
    public static class Tasks {

        /**
         * Packages (each with its sub-packages) whose classes task names may reach: public methods of beans whose
         * class and method are declared there ('orderService.cancelUnpaid'), and public static methods and no-arg
         * classes ('com.acme.Jobs::purge', 'com.acme.PurgeJob'). Replaces the default, so list the application's
         * own package too when adding one. Defaults to the package of the @SpringBootApplication class (Spring
         * Boot's auto-configuration packages); an empty list allows none.
         */
        private @Nullable List<String> allowedPackages;

        public @Nullable List<String> getAllowedPackages() {
            return this.allowedPackages;
        }

        public void setAllowedPackages(@Nullable List<String> allowedPackages) {
            this.allowedPackages = allowedPackages;
        }
    }

    /** Shutdown behaviour, applied in Spring's (graceful) shutdown of the application context. */
    public static class Shutdown {

        /** Whether stopping waits for running jobs to finish (up to the timeout) before stores and executors close. */
        private boolean wait = true;

        /** Longest time stopping waits for running jobs. Seconds when no unit is given. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration timeout = SchedulerDefaults.SHUTDOWN_TIMEOUT;

        public boolean isWait() {
            return this.wait;
        }

        public void setWait(boolean wait) {
            this.wait = wait;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /**
     * Run history: every run attempt recorded in the job's own store (memory, jdbc, redis, zookeeper, mongodb),
     * written in batches off the scheduler loop. Starts from the engine's {@link HistorySettings#DEFAULTS}.
     */
    public static class History {

        /** Whether run attempts are recorded. Defaults to true. */
        private boolean enabled = HistorySettings.DEFAULTS.enabled();

        /**
         * Each job's newest runs kept by the retention; older ones are removed in batches. At most 5,000 with a
         * ZooKeeper store (a job's run names are read in one reply of at most 1 MiB). Defaults to 100.
         */
        private int maxRunsPerJob = HistorySettings.DEFAULTS.retention().maxRunsPerJob();

        /**
         * Runs that finished longer ago are removed by the retention. Seconds when no unit is given ('7d', 'PT12H'
         * work too). Defaults to 7 days.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration maxAge = HistorySettings.DEFAULTS.retention().maxAge();

        /** Characters of a failed run's stack trace kept (at least 256). Defaults to 16384. */
        private int maxStackTraceLength = HistorySettings.DEFAULTS.maxStackTraceLength();

        /** Characters of a run's result (as JSON) kept (at least 16). Defaults to 4096. */
        private int maxResultLength = HistorySettings.DEFAULTS.maxResultLength();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRunsPerJob() {
            return this.maxRunsPerJob;
        }

        public void setMaxRunsPerJob(int maxRunsPerJob) {
            this.maxRunsPerJob = maxRunsPerJob;
        }

        public Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public int getMaxStackTraceLength() {
            return this.maxStackTraceLength;
        }

        public void setMaxStackTraceLength(int maxStackTraceLength) {
            this.maxStackTraceLength = maxStackTraceLength;
        }

        public int getMaxResultLength() {
            return this.maxResultLength;
        }

        public void setMaxResultLength(int maxResultLength) {
            this.maxResultLength = maxResultLength;
        }
    }

    /**
     * The dashboard (module scheduler-spring-boot-dashboard): a web page to see and steer the scheduler.
     */
    public static class Dashboard {

        /** Whether to serve the dashboard. Off by default, like Spring Boot's H2 console. */
        private boolean enabled;

        /** Where the dashboard is served: a path starting with '/', e.g. '/kairos' (the default) or '/ops/jobs'. */
        private String path = "/kairos";

        /**
         * Whether the dashboard refuses every change (pause, resume, run now, reschedule, remove). Defaults to false
         * with Spring Security on the class path (changes then need 'authority') and to true without it: set it to
         * false to allow changes without Spring Security, e.g. behind a gateway that authenticates.
         */
        private @Nullable Boolean readOnly;

        /** With Spring Security: the authority a user needs to change jobs through the dashboard. */
        private String authority = "KAIROS_ADMIN";

        /** How often the open page asks for fresh data. Seconds when no unit is given. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration pollInterval = Duration.ofSeconds(5);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public @Nullable Boolean getReadOnly() {
            return this.readOnly;
        }

        public void setReadOnly(@Nullable Boolean readOnly) {
            this.readOnly = readOnly;
        }

        public String getAuthority() {
            return this.authority;
        }

        public void setAuthority(String authority) {
            this.authority = authority;
        }

        public Duration getPollInterval() {
            return this.pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }
}
