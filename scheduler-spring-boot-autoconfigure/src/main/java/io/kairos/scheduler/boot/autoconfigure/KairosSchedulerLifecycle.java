package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import io.kairos.scheduler.boot.DeclaredJobExecutorException;
import io.kairos.scheduler.boot.annotation.DeclaredJobExecutorCheck;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.boot.annotation.ScheduledJobDefinition;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the engine {@link Scheduler} with the application context.
 *
 * <p><b>Start</b> (at the end of the context's refresh): the executors are asked whether they accept the declared
 * tasks ({@link DeclaredJobExecutorCheck}), then the scheduler starts paused (stores open, nothing runs),
 * the {@code @ScheduledJob} declarations are written to the stores ({@link DeclaredJobSynchronizer}), then it
 * resumes, unless {@code kairos.start-paused} is set. A declaration that fails leaves the scheduler stopped and fails
 * the start-up.
 *
 * <p><b>Stop</b> (in the context's graceful shutdown): the scheduler shuts down on a separate thread, waiting for
 * running jobs up to {@code kairos.shutdown.timeout} when {@code kairos.shutdown.wait} is set. Spring waits for each
 * lifecycle phase up to {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default): set it at least as
 * long as {@code kairos.shutdown.timeout}.
 *
 * <p><b>Phase</b> {@value #PHASE}: below the web server's phases, so the scheduler starts before the web server
 * accepts requests and stops after it has stopped (a request that adds a job never meets a stopped scheduler, whose
 * added jobs would only be pending). Thread-safe.
 */
public final class KairosSchedulerLifecycle implements SmartLifecycle {

    /** The lifecycle phase: {@code SmartLifecycle.DEFAULT_PHASE - 4096}. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Scheduler engine;

    private final Supplier<List<ScheduledJobDefinition>> declarations;

    private final DeclaredJobSynchronizer synchronizer;

    private final boolean autoStartup;

    private final boolean startPaused;

    private final boolean waitForJobs;

    /**
     * Creates the lifecycle.
     *
     * @param engine the scheduler
     * @param declarations supplies the {@code @ScheduledJob} declarations at start
     * @param synchronizer writes them to the stores
     * @param autoStartup whether to start with the context ({@code kairos.auto-startup})
     * @param startPaused whether to stay paused after the start ({@code kairos.start-paused})
     * @param waitForJobs whether stopping waits for running jobs ({@code kairos.shutdown.wait})
     */
    public KairosSchedulerLifecycle(Scheduler engine, Supplier<List<ScheduledJobDefinition>> declarations,
            DeclaredJobSynchronizer synchronizer, boolean autoStartup, boolean startPaused, boolean waitForJobs) {
        this.engine = engine;
        this.declarations = declarations;
        this.synchronizer = synchronizer;
        this.autoStartup = autoStartup;
        this.startPaused = startPaused;
        this.waitForJobs = waitForJobs;
    }

    /**
     * Starts the scheduler and writes the declared jobs; does nothing when it runs already.
     *
     * @throws DeclaredJobExecutorException when executors refuse declared tasks (the scheduler is not started)
     * @throws ScheduledJobDeclarationException when a declaration names an unknown store or executor or has an
     *     invalid trigger (the scheduler is stopped again)
     */
    @Override
    public void start() {
        if (isRunning()) {
            return;
        }
        List<ScheduledJobDefinition> declared = this.declarations.get();
        // before the start: a process-pool executor would start its worker JVMs first
        DeclaredJobExecutorCheck.check(this.engine, declared);
        this.engine.start(true);
        try {
            this.synchronizer.synchronize(this.engine, declared);
        }
        catch (RuntimeException ex) {
            this.engine.shutdown(false);
            throw ex;
        }
        if (!this.startPaused) {
            this.engine.resume();
        }
    }

    @Override
    public void stop() {
        if (isRunning()) {
            this.engine.shutdown(this.waitForJobs);
        }
    }

    @Override
    public void stop(Runnable callback) {
        if (!isRunning()) {
            callback.run();
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                stop();
            }
            finally {
                callback.run();
            }
        }, "kairos-shutdown");
        thread.start();
    }

    @Override
    public boolean isRunning() {
        return this.engine.state() != SchedulerState.STOPPED;
    }

    @Override
    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
