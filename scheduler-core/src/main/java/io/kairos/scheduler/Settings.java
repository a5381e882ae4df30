package io.kairos.scheduler;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.executor.JobExecutorFactory;
import io.kairos.scheduler.internal.BuiltInExecutorFactories;
import io.kairos.scheduler.internal.Components;
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
final class Settings {

    ZoneId timezone = ZoneId.systemDefault();

    JobDefaults jobDefaults = JobDefaults.DEFAULTS;

    io.kairos.scheduler.history.HistorySettings history = io.kairos.scheduler.history.HistorySettings.DEFAULTS;

    io.kairos.scheduler.internal.RunTracer tracer = io.kairos.scheduler.internal.RunTracer.NONE;

    String schedulerId = defaultSchedulerId();

    boolean startPaused;

    Duration pollInterval = Duration.ofSeconds(5);

    Duration leaseTime = Duration.ofSeconds(30);

    Duration finishedJobRetention = io.kairos.scheduler.internal.LoopContext.DEFAULT_FINISHED_MARKER_RETENTION;

    Duration shutdownTimeout = Duration.ofSeconds(30);

    InstantSource clock = InstantSource.system();

    JobCodec codec = new JsonJobCodec();

    TaskRegistry taskRegistry = TaskRegistry.withServiceLoaderProviders(classLoader());

    RandomGenerator random = new Random();

    final Map<String, JobExecutorFactory> executorFactories = new TreeMap<>();

    final Map<String, JobStoreFactory> storeFactories = new TreeMap<>();

    final Components components = new Components();

    Settings() {
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

    void register(JobExecutorFactory factory) {
        this.executorFactories.put(factory.type(), factory);
    }

    void register(JobStoreFactory factory) {
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
