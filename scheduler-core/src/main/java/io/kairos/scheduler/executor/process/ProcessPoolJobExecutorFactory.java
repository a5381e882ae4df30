package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.executor.JobExecutorFactory;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.config.Durations;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;


/**
 * Creates {@code process-pool} executors from configuration; found through {@link java.util.ServiceLoader}.
 * Options (kebab-case; {@code max_workers} works too):
 * <ul>
 *   <li>{@code max-workers}: the most worker JVMs, default 5</li>
 *   <li>{@code jvm-arguments}: extra {@code java} arguments for each worker, separated by spaces, e.g.
 *       {@code -Xmx256m -XX:+UseSerialGC} (an argument cannot itself contain a space)</li>
 *   <li>{@code timeout}: the longest run of each job ({@code 30s}, {@code 5m}, {@code PT30S}); its worker is
 *       killed after it; default none</li>
 *   <li>{@code task-timeouts}: timeouts of particular tasks, overriding {@code timeout}, as
 *       {@code <task name>=<duration>} separated by commas:
 *       {@code com.acme.Reports::monthly=30m, com.acme.Jobs::purge=30s}</li>
 *   <li>{@code start-timeout}: the longest a worker may take to start, default 60s</li>
 *   <li>{@code java-command}: the {@code java} executable, default the running JVM's</li>
 *   <li>{@code class-path}: the workers' class path, default this JVM's {@code java.class.path}</li>
 * </ul>
 * Thread-safe.
 */
public final class ProcessPoolJobExecutorFactory implements JobExecutorFactory {

    private static final Set<String> KNOWN = Set.of("max-workers", "jvm-arguments", "timeout", "task-timeouts",
            "start-timeout", "java-command", "class-path");

    /** @return {@code process-pool} */
    @Override
    public String type() {
        return ProcessPoolJobExecutor.TYPE;
    }

    /**
     * @throws IllegalArgumentException naming the key when an option is unknown or invalid
     */
    @Override
    public JobExecutor create(ComponentOptions options) {
        options.requireOnly(KNOWN);
        ProcessPoolOptions defaults = ProcessPoolOptions.defaults();
        List<String> jvmArguments = options.string("jvm-arguments")
                .map(text -> text.isBlank() ? List.<String>of() : Arrays.asList(text.trim().split("\\s+")))
                .orElse(List.of());
        String prefix = "kairos.executors." + options.alias() + ".";
        return new ProcessPoolJobExecutor(new ProcessPoolOptions(
                options.positiveInt("max-workers", ProcessPoolOptions.DEFAULT_MAX_WORKERS),
                jvmArguments,
                positive(prefix + "timeout", options.duration("timeout").orElse(null)),
                taskTimeouts(prefix + "task-timeouts", options.string("task-timeouts").orElse("")),
                positive(prefix + "start-timeout", options.duration("start-timeout", ProcessPoolOptions.DEFAULT_START_TIMEOUT)),
                options.string("java-command").orElse(defaults.javaCommand()),
                options.string("class-path").orElse(defaults.classPath())));
    }

    private static <D extends @Nullable Duration> D positive(String key, D value) {
        if (value != null && value.isZero()) {
            throw new IllegalArgumentException("'" + key + "': value 0 must be a positive duration (remove it for no limit)");
        }
        return value;
    }

    private static Map<String, Duration> taskTimeouts(String key, String text) {
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("'" + key + "': entry '" + entry.trim() + "' is not <task name>=<duration>,"
                        + " e.g. 'com.acme.Reports::monthly=30m'");
            }
            String task = entry.substring(0, eq).trim();
            timeouts.put(task, positive(key + "[" + task + "]", Durations.parse(key + "[" + task + "]", entry.substring(eq + 1))));
        }
        return timeouts;
    }
}
