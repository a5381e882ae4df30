package io.kairos.scheduler.executor.process;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The worker processes of one pool: at most {@code maxWorkers} alive or starting, idle ones kept most recently
 * used first. A worker is lent to one runner at a time ({@link #borrow}) and given back or discarded. Thread-safe.
 */
final class Workers {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final List<String> command;

    private final Duration startTimeout;

    private final ScheduledExecutorService timer;

    private final LinkedBlockingDeque<WorkerProcess> idle = new LinkedBlockingDeque<>();

    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();

    /** One permit per worker that may still be started: live and starting workers hold one each. */
    private final Semaphore slots;

    private volatile @Nullable String killReason;

    Workers(List<String> command, int maxWorkers, Duration startTimeout, ScheduledExecutorService timer) {
        this.command = command;
        this.startTimeout = startTimeout;
        this.timer = timer;
        this.slots = new Semaphore(maxWorkers);
    }

    /** The pids of the live workers. */
    Set<Long> pids() {
        return live.stream().map(WorkerProcess::pid).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Lends a worker: an idle one, else a new one when a slot is free, else the next one given back.
     *
     * @throws WorkerProcessException when a new worker fails to start
     * @throws InterruptedException when interrupted while waiting
     */
    WorkerProcess borrow() throws WorkerProcessException, InterruptedException {
        while (true) {
            WorkerProcess worker = idle.pollFirst();
            if (worker == null && slots.tryAcquire()) {
                return start();
            }
            if (worker == null) {
                worker = idle.pollFirst(50, TimeUnit.MILLISECONDS);
            }
            if (worker != null && worker.isUsable()) {
                return worker;
            }
            if (worker != null) {
                discard(worker);
            }
        }
    }

    /**
     * Starts one idle worker when a slot is free.
     *
     * @return {@code false} when every slot is taken
     * @throws WorkerProcessException when the worker fails to start
     */
    boolean startIdle() throws WorkerProcessException {
        if (!slots.tryAcquire()) {
            return false;
        }
        idle.addFirst(start());
        return true;
    }

    /** Takes a worker back after a run: idle again when usable, else discarded. */
    void giveBack(WorkerProcess worker) {
        if (killReason != null || !worker.isUsable()) {
            discard(worker);
        } else {
            idle.addFirst(worker);
        }
    }

    /** Kills a worker and frees its slot. */
    void discard(WorkerProcess worker) {
        if (live.remove(worker)) {
            slots.release();
        }
        worker.kill("was discarded by the pool");
    }

    /** Starts a replacement for a discarded worker, so the pool keeps its size; a failure is only logged. */
    void replace() {
        try {
            startIdle();
        } catch (WorkerProcessException | RuntimeException e) {
            LOG.warn("process pool: could not start a replacement worker: {}", e.getMessage());
        }
    }

    /** Asks every worker to exit (stdin closed), killing those still alive after {@code grace}. */
    void closeAll(Duration grace) {
        live.forEach(worker -> worker.close(grace));
        live.clear();
    }

    /** Kills every worker, now and any started later, with the reason, and waits up to {@code grace} for each. */
    void killAll(String reason, Duration grace) {
        killReason = reason;
        live.forEach(worker -> worker.kill(reason));
        live.forEach(worker -> worker.awaitExit(grace));
    }

    /** Kills every live worker without waiting: the JVM shutdown hook. */
    void destroyAll() {
        live.forEach(WorkerProcess::destroyForcibly);
    }

    /** Starts a worker in a slot the caller acquired; gives the slot back when the start fails. */
    private WorkerProcess start() throws WorkerProcessException {
        WorkerProcess worker;
        try {
            worker = WorkerProcess.start(command, startTimeout, timer);
        } catch (WorkerProcessException | RuntimeException e) {
            slots.release();
            throw e;
        }
        live.add(worker);
        String reason = killReason;
        if (reason != null) {
            worker.kill(reason);
            worker.awaitExit(Duration.ofSeconds(10));
        }
        return worker;
    }
}
