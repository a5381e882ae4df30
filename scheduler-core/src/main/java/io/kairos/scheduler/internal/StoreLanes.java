package io.kairos.scheduler.internal;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.JobStoreStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;


/**
 * The scheduler's store loops: one {@link StoreLane} per job store, each with its own thread, back-off, wake-ups and
 * held jobs, so that a store that fails or hangs stalls only its own jobs. They share the executors (through
 * {@link ExecutorSlots}), the clock, the listeners and the task lookup. This class routes the API's wake-ups and
 * changes to the loop of the store concerned, and starts and stops the loops with the scheduler and with stores added
 * or removed while it runs. Lives as long as the scheduler; the loops of one start live from {@link #open} to
 * {@link #close}.
 *
 * <p>Thread-safe: the lifecycle methods are synchronized; the routing methods read a concurrent map and never block.
 */
public final class StoreLanes {

    private final BooleanSupplier paused;

    private final Map<String, StoreLane> lanes = new ConcurrentSkipListMap<>();

    private @Nullable LoopContext context;

    private @Nullable ExecutorSlots slots;

    private boolean threads;

    private boolean daemon;

    /**
     * Creates the holder, without loops.
     *
     * @param paused whether the scheduler is paused now (then the loops acquire and submit nothing)
     */
    public StoreLanes(BooleanSupplier paused) {
        this.paused = paused;
    }

    /**
     * Makes one loop per store of a start, not yet running (the pending jobs are stored first).
     *
     * @param context what the loops share; its components' stores get a loop each
     */
    public synchronized void open(LoopContext context) {
        this.context = context;
        this.slots = new ExecutorSlots(context.components());
        this.threads = false;
        this.lanes.clear();
        context.components().stores().forEach(this::create);
    }

    /**
     * Starts a thread per loop; stores added from now on get a running loop at once.
     *
     * @param daemon whether the threads are daemons
     */
    public synchronized void startThreads(boolean daemon) {
        this.threads = true;
        this.daemon = daemon;
        this.lanes.values().forEach((lane) -> lane.startThread(daemon));
    }

    /**
     * Gives a store added while the scheduler runs its loop (started when the loops run). Does nothing before
     * {@link #open}.
     *
     * @param alias the store's alias
     * @param store the started store
     */
    public synchronized void add(String alias, JobStore store) {
        if (this.context == null) {
            return;
        }
        StoreLane lane = create(alias, store);
        if (this.threads) {
            lane.startThread(this.daemon);
        }
    }

    /**
     * Stops the loop of a store removed while the scheduler runs, then releases its held jobs without runs in
     * flight (jobs with runs in flight keep their leases until they lapse).
     *
     * @param alias the store's alias
     */
    public void remove(String alias) {
        StoreLane lane;
        synchronized (this) {
            lane = this.lanes.remove(alias);
        }
        if (lane != null) {
            lane.requestStop();
            lane.awaitStopped();
            lane.processor().releaseIdle();
        }
    }

    /**
     * Stops every loop: asks all to stop first, then waits for each to end its current pass (a loop waiting for a
     * slow store does not delay the others' stop). The caller's own loop, if any, is not waited for.
     */
    public void stop() {
        List<StoreLane> all;
        synchronized (this) {
            all = new ArrayList<>(this.lanes.values());
        }
        all.forEach(StoreLane::requestStop);
        all.forEach(StoreLane::awaitStopped);
    }

    /**
     * After {@link #stop()} and the executors' shutdown: releases the held jobs without runs in flight, store by
     * store, and forgets the loops.
     */
    public void close() {
        List<StoreLane> all;
        synchronized (this) {
            all = new ArrayList<>(this.lanes.values());
            this.lanes.clear();
            this.context = null;
            this.threads = false;
        }
        all.forEach((lane) -> lane.processor().releaseIdle());
    }

    private StoreLane create(String alias, JobStore store) {
        LoopSignal signal = new LoopSignal();
        LoopContext started = Objects.requireNonNull(this.context, "the lanes are not started");
        JobProcessor processor = new JobProcessor(started, alias, store, signal, Objects.requireNonNull(this.slots));
        StoreLane lane = new StoreLane(alias, processor, signal, started.clock(), this.paused);
        this.lanes.put(alias, lane);
        return lane;
    }

    /**
     * Wakes the loop of a store now. Non-blocking; callable from any thread (e.g. a store's remote wake-up).
     *
     * @param alias the store's alias; an unknown one is ignored
     */
    public void signal(String alias) {
        StoreLane lane = this.lanes.get(alias);
        if (lane != null) {
            lane.signal().signal();
        }
    }

    /**
     * Wakes the loop of a store unless it sleeps until no later than {@code runTime} anyway (see
     * {@link LoopSignal#signalIfBefore}). Call it after the job is stored.
     *
     * @param alias the store's alias; an unknown one is ignored
     * @param runTime the added or changed job's next run time; {@code null} never signals
     */
    public void signalIfBefore(String alias, @Nullable Instant runTime) {
        StoreLane lane = this.lanes.get(alias);
        if (lane != null) {
            lane.signal().signalIfBefore(runTime);
        }
    }

    /**
     * Wakes every loop. Non-blocking.
     */
    public void signalAll() {
        this.lanes.values().forEach((lane) -> lane.signal().signal());
    }

    /**
     * Tells a store's loop that the API changed one of its jobs (see {@link HeldJobs#changed}).
     *
     * @param alias the store's alias
     * @param jobId the job's id
     * @param version the job's version after the change; {@link Long#MAX_VALUE} when it was removed
     */
    public void jobChanged(String alias, String jobId, long version) {
        StoreLane lane = this.lanes.get(alias);
        if (lane != null) {
            lane.processor().jobChanged(jobId, version);
        }
    }

    /**
     * Records that the API dropped a job's pending retry (paused, removed, rescheduled or changed it), as a
     * {@link io.kairos.scheduler.history.RunOutcome#CANCELLED} run; nothing when the job had none.
     *
     * @param alias the job's store
     * @param before the job as it was before the change
     * @param after the job after it, or {@code null} when it was removed
     * @param reason what happened, e.g. {@code "the job was paused"}
     */
    public void retryDropped(String alias, StoredJob before, @Nullable StoredJob after, String reason) {
        LoopContext current = this.context;
        if (current != null && before.pendingRetry() != null && (after == null || after.pendingRetry() == null)) {
            RetryCancellations.record(current, before, alias, before.pendingRetry(), current.clock().instant(), reason);
        }
    }

    /**
     * Records a pending retry dropped with its job when all jobs of a store were removed.
     *
     * @param alias the store's alias
     * @param job the id, name, task and executor of the job the retry belonged to
     * @param retry the dropped retry
     * @param reason why it was dropped
     */
    public void retryDropped(String alias, RecordedJob job, PendingRetry retry, String reason) {
        LoopContext current = this.context;
        if (current != null) {
            RetryCancellations.record(current.recorder(), job, alias, retry, current.clock().instant(), reason);
        }
    }

    /**
     * Tells a store's loop that the API removed all its jobs.
     *
     * @param alias the store's alias
     */
    public void storeCleared(String alias) {
        StoreLane lane = this.lanes.get(alias);
        if (lane != null) {
            lane.processor().storeCleared();
        }
    }

    /**
     * The number of runs in flight of a job held by this scheduler.
     *
     * @param alias the store's alias
     * @param jobId the job's id
     * @return zero or more
     */
    public int runsInFlight(String alias, String jobId) {
        StoreLane lane = this.lanes.get(alias);
        return lane == null ? 0 : lane.processor().runsInFlight(jobId);
    }

    /**
     * Each store's health as its loop last found it; makes no store call.
     *
     * @return the statuses by store alias, sorted by alias; empty while the scheduler is stopped
     */
    public Map<String, JobStoreStatus> status() {
        Map<String, JobStoreStatus> statuses = new LinkedHashMap<>();
        this.lanes.forEach((alias, lane) -> statuses.put(alias, lane.status()));
        return Collections.unmodifiableMap(statuses);
    }

    /**
     * Per shared store, the jobs that wait for an executor this scheduler lacks, as its loop last counted them;
     * makes no store call.
     *
     * @return store alias to (executor alias to number of jobs), only stores with waiting jobs, sorted by alias
     */
    public Map<String, Map<String, Integer>> waitingForExecutor() {
        Map<String, Map<String, Integer>> waiting = new LinkedHashMap<>();
        this.lanes.forEach((alias, lane) -> {
            Map<String, Integer> counts = lane.processor().waitingForExecutor();
            if (!counts.isEmpty()) {
                waiting.put(alias, new TreeMap<>(counts));
            }
        });
        return Collections.unmodifiableMap(waiting);
    }
}
