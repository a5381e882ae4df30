package io.kairos.scheduler.benchmarks.e2e.peer;

import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;
import io.kairos.scheduler.benchmarks.e2e.Probe;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Instant;

/** {@code spring-tps}: Spring's {@link ThreadPoolTaskScheduler}, {@code poolSize=threads}, {@code schedule(Runnable, Instant)}. */
public final class SpringTps implements BenchScheduler {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    private final int threads;

    /** @param config worker threads */
    public SpringTps(PeerConfig config) {
        this.threads = config.threads();
        this.scheduler.setPoolSize(config.threads());
        this.scheduler.setThreadNamePrefix("spring-tps-");
    }

    @Override
    public String variant() {
        return "ThreadPoolTaskScheduler(poolSize=" + this.threads + ")";
    }

    @Override
    public void start() {
        this.scheduler.initialize();
    }

    @Override
    public void schedule(int id, long dueEpochMillis) {
        this.scheduler.schedule(() -> Probe.ran(id, dueEpochMillis), Instant.ofEpochMilli(dueEpochMillis));
    }

    @Override
    public void close() {
        this.scheduler.setWaitForTasksToCompleteOnShutdown(false);
        this.scheduler.shutdown();
    }
}
