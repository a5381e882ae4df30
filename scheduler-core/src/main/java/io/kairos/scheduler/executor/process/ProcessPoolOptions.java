package io.kairos.scheduler.executor.process;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * How a process pool starts and uses its worker JVMs. Immutable; build from {@link #defaults()} with the
 * {@code with*} methods.
 *
 * @param maxWorkers the most worker JVMs alive at once, each running one job at a time; at least 1
 *     (APScheduler's {@code ProcessPoolExecutor(max_workers)}; default 5, where APScheduler's is 10: each worker
 *     here is a whole JVM, and 5 is what the usual configuration asks for)
 * @param jvmArguments extra arguments for each worker's {@code java} command, placed before the class path,
 *     e.g. {@code ["-Xmx64m"]}; never {@code null}, immutable
 * @param timeout the default longest run of a job; a run still going after it has its worker killed and fails
 *     with {@link JobTimeoutException}; {@code null} for no limit; positive otherwise
 * @param taskTimeouts timeouts for the jobs of particular tasks, overriding {@code timeout}: task name (as
 *     stored in the job, e.g. {@code com.acme.Reports::monthly}) to a positive duration; never {@code null},
 *     immutable, iteration order kept
 * @param startTimeout the longest a new worker may take to report ready before it is killed; positive
 * @param javaCommand the {@code java} executable; defaults to the running JVM's
 * @param classPath the workers' class path; defaults to this JVM's {@code java.class.path}
 */
public record ProcessPoolOptions(int maxWorkers, List<String> jvmArguments, @Nullable Duration timeout,
        Map<String, Duration> taskTimeouts, Duration startTimeout, String javaCommand, String classPath) {

    /** The default {@link #maxWorkers()}. */
    public static final int DEFAULT_MAX_WORKERS = 5;

    /** The default {@link #startTimeout()}: 60 seconds, generous for a loaded machine. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the option, the value and what is valid, when {@code maxWorkers}
     *     is below 1, a duration is zero or negative, a task timeout has a blank name, or the java command or class path is blank
     * @throws NullPointerException when {@code jvmArguments}, {@code taskTimeouts}, {@code startTimeout}, {@code javaCommand} or
     *     {@code classPath} is {@code null}
     */
    public ProcessPoolOptions {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("process-pool max-workers must be at least 1, got " + maxWorkers);
        }
        jvmArguments = List.copyOf(Objects.requireNonNull(jvmArguments, "jvmArguments"));
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("process-pool timeout must be positive (or unset for no limit), got " + timeout);
        }
        taskTimeouts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(taskTimeouts, "taskTimeouts")));
        taskTimeouts.forEach((task, limit) -> {
            if (task == null || task.isBlank() || limit == null || limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("process-pool task-timeouts: entry '" + task + "=" + limit
                        + "' needs a task name and a positive duration");
            }
        });
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("process-pool start-timeout must be positive, got " + startTimeout);
        }
        if (Objects.requireNonNull(javaCommand, "javaCommand").isBlank()) {
            throw new IllegalArgumentException("process-pool java-command must not be blank");
        }
        if (Objects.requireNonNull(classPath, "classPath").isBlank()) {
            throw new IllegalArgumentException("process-pool class-path must not be blank");
        }
    }

    /**
     * The defaults: 5 workers, no extra JVM arguments, no timeout, 60 s start timeout, this JVM's
     * {@code java} and class path.
     *
     * @return the default options
     */
    public static ProcessPoolOptions defaults() {
        return new ProcessPoolOptions(DEFAULT_MAX_WORKERS, List.of(), null, Map.of(), DEFAULT_START_TIMEOUT,
                WorkerCommand.currentJava(), System.getProperty("java.class.path"));
    }

    /**
     * @param maxWorkers the most worker JVMs, at least 1
     * @return a copy with that many workers
     */
    public ProcessPoolOptions withMaxWorkers(int maxWorkers) {
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, taskTimeouts, startTimeout, javaCommand, classPath);
    }

    /**
     * @param jvmArguments extra {@code java} arguments for each worker, e.g. {@code -Xmx64m}
     * @return a copy with those arguments
     */
    public ProcessPoolOptions withJvmArguments(List<String> jvmArguments) {
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, taskTimeouts, startTimeout, javaCommand, classPath);
    }

    /**
     * @param timeout the default longest run, or {@code null} for none
     * @return a copy with that timeout
     */
    public ProcessPoolOptions withTimeout(@Nullable Duration timeout) {
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, taskTimeouts, startTimeout, javaCommand, classPath);
    }

    /**
     * @param task a task name, as jobs store it (e.g. {@code com.acme.Reports::monthly})
     * @param taskTimeout the longest run of that task's jobs, overriding {@link #timeout()}; positive
     * @return a copy with that task timeout added (or replaced)
     */
    public ProcessPoolOptions withTaskTimeout(String task, Duration taskTimeout) {
        Map<String, Duration> copy = new LinkedHashMap<>(taskTimeouts);
        copy.put(task, taskTimeout);
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, copy, startTimeout, javaCommand, classPath);
    }

    /**
     * The timeout of a task's runs: its entry in {@link #taskTimeouts()}, else {@link #timeout()}.
     *
     * @param task the task name
     * @return the timeout, or {@code null} for no limit
     */
    public @Nullable Duration timeoutFor(String task) {
        return taskTimeouts.getOrDefault(task, timeout);
    }

    /**
     * @param startTimeout the longest a worker may take to start
     * @return a copy with that start timeout
     */
    public ProcessPoolOptions withStartTimeout(Duration startTimeout) {
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, taskTimeouts, startTimeout, javaCommand, classPath);
    }

    /**
     * @param classPath the workers' class path ({@code :}-separated on Unix)
     * @return a copy with that class path
     */
    public ProcessPoolOptions withClassPath(String classPath) {
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, taskTimeouts, startTimeout, javaCommand, classPath);
    }

    /**
     * @param javaCommand the {@code java} executable for workers
     * @return a copy with that command
     */
    public ProcessPoolOptions withJavaCommand(String javaCommand) {
        return new ProcessPoolOptions(maxWorkers, jvmArguments, timeout, taskTimeouts, startTimeout, javaCommand, classPath);
    }
}
