package io.kairos.scheduler.internal;

import io.kairos.scheduler.SchedulerAlreadyRunningException;
import io.kairos.scheduler.SchedulerNotRunningException;
import io.kairos.scheduler.SchedulerState;

import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.event.SchedulerPaused;
import io.kairos.scheduler.event.SchedulerResumed;
import io.kairos.scheduler.event.SchedulerShutdown;
import io.kairos.scheduler.event.SchedulerStarted;
import io.kairos.scheduler.store.JobStoreStatus;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The lifecycle of a {@link Scheduler}: its state and the transitions between states (start, start blocking,
 * shutdown, pause, resume, configure), storing the pending jobs at start (putting back the rest when one fails),
 * and keeping jobs pending while stopped. The executors, stores and what a start makes of them are its
 * {@link ComponentLifecycle}.
 *
 * <p><b>Thread-safety.</b> Owns the {@code lifecycle} lock, which serializes the transitions, {@code configure},
 * the executor and store changes (taken by {@link ComponentLifecycle}) and the stopped-check of
 * {@link #addPending} (so a job added during a start is either among the pending jobs the start stores or stored
 * by the started scheduler). {@code state} and the stopped latch are volatile, read without the lock. Events are
 * published outside the lock. {@link #shutdown} stops the components outside the lock (with {@code stopping} set
 * under it) so that the loop thread may still call back into the scheduler while it is stopped.
 */
public final class SchedulerRuntime {

    private final Object lifecycle = new Object();

    private final Settings settings;

    private final EventDispatcher events;

    private final StoreLanes lanes = new StoreLanes(() -> this.state == SchedulerState.PAUSED);

    private final ComponentLifecycle components;

    private final TaskLookup tasks;

    private final JobAssembler assembler;

    private final PendingJobs pending;

    private volatile SchedulerState state = SchedulerState.STOPPED;

    /** Set (under {@code lifecycle}) while {@link #shutdown(boolean)} stops the components outside the lock. */
    private boolean stopping;

    private volatile CountDownLatch stopped = new CountDownLatch(0);

    public SchedulerRuntime(Settings settings, EventDispatcher events, TaskLookup tasks, FireTimes fireTimes, JobAssembler assembler,
            PendingJobs pending) {
        this.settings = settings;
        this.events = events;
        this.tasks = tasks;
        this.assembler = assembler;
        this.pending = pending;
        this.components = new ComponentLifecycle(this.lifecycle, () -> this.state != SchedulerState.STOPPED, settings, events,
                this.lanes, tasks, fireTimes, assembler);
    }

    public SchedulerState state() {
        return this.state;
    }

    public boolean isStopped() {
        return this.state == SchedulerState.STOPPED;
    }

    void requireStarted(String what) {
        if (this.state == SchedulerState.STOPPED) {
            throw new SchedulerNotRunningException(what);
        }
    }

    /** The executors and stores, and what a start makes of them. */
    public ComponentLifecycle components() {
        return this.components;
    }

    /** Wakes every store loop; non-blocking. */
    public void wakeup() {
        this.lanes.signalAll();
    }

    /** Each store's health as its loop last found it; empty while stopped. Makes no store call. */
    public Map<String, JobStoreStatus> jobStoreStatus() {
        return this.lanes.status();
    }

    /** Per shared store, the jobs waiting for an executor this scheduler lacks; empty while stopped. */
    public Map<String, Map<String, Integer>> jobsWaitingForExecutor() {
        return this.lanes.waitingForExecutor();
    }

    /** The job API of the started scheduler; meaningful only when {@link #isStopped()} was {@code false}. */
    JobOperations operations() {
        return this.components.operations();
    }

    public void configure(Map<String, ?> properties) {
        synchronized (this.lifecycle) {
            if (this.state != SchedulerState.STOPPED || this.stopping) {
                throw new SchedulerAlreadyRunningException("configure");
            }
            FlatConfig.apply(this.settings, properties);
        }
    }

    /**
     * Keeps a job pending when the scheduler is stopped (binding its task when it was kept): returns the pending
     * job kept under its id, or {@code null} when the scheduler is started.
     */
    PendingJob addPending(PendingJob job) {
        synchronized (this.lifecycle) {
            if (this.state != SchedulerState.STOPPED) {
                return null;
            }
            PendingJob kept = this.pending.add(job);
            if (kept == job && job.task() != null) {
                this.tasks.bind(job.template().id(), job.task());
            }
            return kept;
        }
    }

    public void start(boolean paused) {
        startComponents(paused, true);
    }

    /**
     * Starts with non-daemon loop threads and waits until the scheduler is shut down; an interrupt of the waiting
     * thread shuts it down (waiting for running jobs) and is passed on.
     */
    public void startBlocking() {
        CountDownLatch latch = startComponents(this.settings.startPaused, false);
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            if (this.state != SchedulerState.STOPPED) {
               shutdown(true);
            }
            Thread.currentThread().interrupt();
        }
    }

    private CountDownLatch startComponents(boolean paused, boolean daemon) {
        List<SchedulerEvent> added = new ArrayList<>();
        CountDownLatch latch;
        synchronized (this.lifecycle) {
            if (this.state != SchedulerState.STOPPED || this.stopping) {
                throw new SchedulerAlreadyRunningException("start");
            }
            this.components.start();
            storePending(added);
            latch = new CountDownLatch(1);
            this.stopped = latch;
            this.state = paused ? SchedulerState.PAUSED : SchedulerState.RUNNING;
        }
        this.events.publishAll(added);
        StartupReport.log(this.settings, paused ? SchedulerState.PAUSED : SchedulerState.RUNNING);
        this.events.publish(new SchedulerStarted(this.settings.clock.instant()));
        // outside the lock, as the loops' first events come after SchedulerStarted
        this.components.startLoops(daemon);
        return latch;
    }

    private void storePending(List<SchedulerEvent> added) {
        List<PendingJob> jobs = this.pending.drain();
        for (PendingJob job : jobs) {
            Task task = job.task() != null ? job.task() : this.tasks.resolve(job.template().id(), job.template().task());
            this.assembler.checkPlacement(task, job.template().executor(), job.template().jobstore());
        }
        for (int i = 0; i < jobs.size(); i++) {
            try {
                StoredJob stored = this.components.operations().store(jobs.get(i), false);
                added.add(new JobAdded(this.settings.clock.instant(), stored.id(), stored.jobstore()));
            }
            catch (RuntimeException ex) {
                jobs.subList(i + 1, jobs.size()).forEach(this.pending::add);
                stopComponents(false);
                throw ex;
            }
        }
    }

    public void shutdown(boolean wait) {
        CountDownLatch latch;
        synchronized (this.lifecycle) {
            if (this.state == SchedulerState.STOPPED) {
                throw new SchedulerNotRunningException("shutdown");
            }
            this.state = SchedulerState.STOPPED;
            this.stopping = true;
            latch = this.stopped;
        }
        // outside the lock: the loop thread (listeners, direct-executor jobs) may call addJob/pause/resume (jobs
        // added now are pending) while stop() waits for it
        try {
            stopComponents(wait);
        }
        finally {
            synchronized (this.lifecycle) {
                this.stopping = false;
            }
        }
        this.events.publish(new SchedulerShutdown(this.settings.clock.instant()));
        latch.countDown();
    }

    private void stopComponents(boolean wait) {
        this.components.stop(wait);
        this.state = SchedulerState.STOPPED;
    }

    public void close() {
        synchronized (this.lifecycle) {
            if (this.state == SchedulerState.STOPPED) {
                return;
            }
        }
       shutdown(true);
    }

    public void pause() {
        synchronized (this.lifecycle) {
            requireStarted("pause");
            if (this.state != SchedulerState.RUNNING) {
                return;
            }
            this.state = SchedulerState.PAUSED;
        }
        this.events.publish(new SchedulerPaused(this.settings.clock.instant()));
    }

    public void resume() {
        synchronized (this.lifecycle) {
            requireStarted("resume");
            if (this.state != SchedulerState.PAUSED) {
                return;
            }
            this.state = SchedulerState.RUNNING;
        }
        this.events.publish(new SchedulerResumed(this.settings.clock.instant()));
        this.lanes.signalAll();
    }
}
