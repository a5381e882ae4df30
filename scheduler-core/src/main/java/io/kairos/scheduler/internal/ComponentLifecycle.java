package io.kairos.scheduler.internal;

import io.kairos.scheduler.config.ComponentOptions;
import io.kairos.scheduler.event.ExecutorAdded;
import io.kairos.scheduler.event.ExecutorRemoved;
import io.kairos.scheduler.event.JobStoreAdded;
import io.kairos.scheduler.event.JobStoreRemoved;
import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreFactory;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;


/**
 * The components of a scheduler and their lifecycle: the executors and job stores (the missing {@code default}
 * ones created at start, each started and shut down, added and removed while the scheduler runs) and what a start
 * makes: the store loops ({@link StoreLanes}, one per store) and the {@link JobOperations}. {@link SchedulerRuntime}
 * decides when.
 *
 * <p><b>Thread-safety.</b> Guarded by the scheduler's {@code lifecycle} lock, which {@link SchedulerRuntime} owns
 * and passes in: {@link #start}, {@link #startLoops} and a failed start's {@link #stop} run under it, the executor and
 * store changes take it; {@link SchedulerRuntime#shutdown} calls {@link #stop} outside it. The job operations are
 * volatile, read without the lock; the store loops are thread-safe. Events are published outside the lock.
 */
public final class ComponentLifecycle {

    private final Object lifecycle;

    private final BooleanSupplier started;

    private final Settings settings;

    private final EventDispatcher events;

    private final StoreLanes lanes;

    private final TaskLookup tasks;

    private final FireTimes fireTimes;

    private final JobAssembler assembler;

    private volatile @Nullable JobOperations operations;

    private volatile RunRecorder recorder = RunRecorder.disabled();

    /** Takes the scheduler's {@code lifecycle} lock and whether the scheduler is started (a volatile read). */
    ComponentLifecycle(Object lifecycle, BooleanSupplier started, Settings settings, EventDispatcher events,
            StoreLanes lanes, TaskLookup tasks, FireTimes fireTimes, JobAssembler assembler) {
        this.lifecycle = lifecycle;
        this.started = started;
        this.settings = settings;
        this.events = events;
        this.lanes = lanes;
        this.tasks = tasks;
        this.fireTimes = fireTimes;
        this.assembler = assembler;
    }

    /** The job API of the last start; {@code null} before the first. */
    @Nullable JobOperations operations() {
        return this.operations;
    }

    public int runsInFlight(String jobstore, String id) {
        return this.lanes.runsInFlight(jobstore, id);
    }

    /**
     * Under the lock, the first half of a start: creates the missing defaults, starts the executors and then the
     * stores, and makes this start's store loops (not yet running) and job operations.
     */
    void start() {
        ensureDefaults();
        this.settings.components.executors().forEach(this::startExecutor);
        this.settings.components.stores().forEach(this::startStore);
        this.recorder = new RunRecorder(this.settings.schedulerId, this.settings.clock, this.settings.components, this.settings.history);
        this.recorder.start();
        LoopContext context = new LoopContext(this.settings.schedulerId, this.settings.clock, this.settings.leaseTime,
                this.settings.pollInterval, this.settings.components, this.tasks, this.events, this.fireTimes, this.recorder,
                this.settings.tracer, this.settings.finishedJobRetention);
        this.lanes.open(context);
        this.operations = new JobOperations(this.settings, this.assembler, this.tasks, this.events, this.lanes);
    }

    /**
     * The last half of a start (once the pending jobs are stored): starts a thread per store loop.
     *
     * @param daemon whether the loop threads are daemons
     */
    void startLoops(boolean daemon) {
        this.lanes.startThreads(daemon);
    }

    private void ensureDefaults() {
        this.settings.components.executors().computeIfAbsent(JobAssembler.DEFAULT, (a) -> new ThreadPoolJobExecutor());
        if (!this.settings.components.stores().containsKey(JobAssembler.DEFAULT)) {
            JobStoreFactory memory = this.settings.storeFactories.get("memory");
            if (memory == null) {
                throw new IllegalStateException("No job store 'default' is configured and no 'memory' job store type is available; "
                        + "add one with SchedulerBuilder.jobStore(\"default\", store)");
            }
            this.settings.components.stores().put(JobAssembler.DEFAULT,
                    memory.create(new ComponentOptions("kairos.jobstores.default", JobAssembler.DEFAULT, Map.of())));
        }
    }

    private void startExecutor(String alias, JobExecutor executor) {
        executor.start(new ExecutorContext(alias, this.settings.clock, this.settings.taskRegistry.allowedPackages()));
    }

    private void startStore(String alias, JobStore store) {
        JobCodec codec = this.settings.codec;
        store.start(new JobStoreContext(alias, this.settings.schedulerId, this.settings.clock, codec, () -> this.lanes.signal(alias)));
        if (this.settings.history.enabled()) {
            try {
                store.runHistory().checkRetention(this.settings.history.retention());
            }
            catch (RuntimeException ex) {
                store.shutdown();
                throw ex;
            }
        }
    }

    /**
     * Stops, in this order, the store loops, the executors ({@code wait}: running jobs may finish for up to the
     * shutdown timeout), the held jobs whose runs ended (released store by store) and the stores.
     */
    void stop(boolean wait) {
        this.lanes.stop();
        this.settings.components.executors().values().forEach((e) -> e.shutdown(wait, this.settings.shutdownTimeout));
        this.lanes.close();
        this.recorder.stop(this.settings.shutdownTimeout);
        this.settings.components.stores().values().forEach(JobStore::shutdown);
    }

    public void addExecutor(String alias, JobExecutor executor) {
        synchronized (this.lifecycle) {
            if (this.settings.components.executors().containsKey(alias)) {
                throw new IllegalArgumentException("This scheduler already has an executor by the alias of '" + alias + "'");
            }
            if (this.started.getAsBoolean()) {
                startExecutor(alias, executor);
            }
            this.settings.components.executors().put(alias, executor);
        }
        this.events.publish(new ExecutorAdded(this.settings.clock.instant(), alias));
    }

    public void removeExecutor(String alias) {
        JobExecutor removed;
        synchronized (this.lifecycle) {
            removed = this.settings.components.executors().remove(alias);
            if (removed == null) {
                throw new IllegalArgumentException("No executor by the alias of '" + alias + "'");
            }
        }
        removed.shutdown(true, this.settings.shutdownTimeout);
        this.events.publish(new ExecutorRemoved(this.settings.clock.instant(), alias));
    }

    public void addJobStore(String alias, JobStore store) {
        synchronized (this.lifecycle) {
            if (this.settings.components.stores().containsKey(alias)) {
                throw new IllegalArgumentException("This scheduler already has a job store by the alias of '" + alias + "'");
            }
            boolean running = this.started.getAsBoolean();
            if (running) {
                startStore(alias, store);
            }
            this.settings.components.stores().put(alias, store);
            if (running) {
                this.lanes.add(alias, store);
            }
        }
        this.events.publish(new JobStoreAdded(this.settings.clock.instant(), alias));
    }

    public void removeJobStore(String alias) {
        JobStore removed;
        synchronized (this.lifecycle) {
            removed = this.settings.components.stores().remove(alias);
            if (removed == null) {
                throw new IllegalArgumentException("No job store by the alias of '" + alias + "'");
            }
        }
        if (this.started.getAsBoolean()) {
            this.lanes.remove(alias);
            removed.shutdown();
        }
        this.events.publish(new JobStoreRemoved(this.settings.clock.instant(), alias));
    }
}
