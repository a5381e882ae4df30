package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobDefaults;

import io.kairos.scheduler.config.ComponentOptions;
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

    public Duration pollInterval = Duration.ofSeconds(5);

    public Duration leaseTime = Duration.ofSeconds(30);

    public Duration finishedJobRetention = io.kairos.scheduler.internal.LoopContext.DEFAULT_FINISHED_MARKER_RETENTION;

    public Duration shutdownTimeout = Duration.ofSeconds(30);

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
