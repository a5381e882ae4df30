package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.JobStoreStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of one job store: runs {@link JobProcessor} passes over its store in its own thread (named
 * {@code kairos-scheduler-<alias>}) and waits in between until the time the pass asked for, a wake-up of its own
 * {@link LoopSignal}, or a back-off after a store failure, so that a store that fails or hangs delays no other
 * store's jobs. The back-off starts at {@link #MIN_BACKOFF} and doubles up to {@link #MAX_BACKOFF} while the store
 * keeps failing; the loop tries earlier when work it knows of comes sooner (a held job's next run time or lease
 * extension, the poll interval of a shared store) or when signalled (a store that learns it is connected again
 * wakes the loop), and starts over at the first pass without failure. The cap is short so that jobs resume within
 * seconds of a store coming back even when the store cannot tell, and a long outage still costs one failed pass
 * per {@link #MAX_BACKOFF}. Nothing ends the loop but {@link #requestStop()}. Its store's health is kept in a {@link StoreHealth}.
 */
final class StoreLane implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(StoreLane.class);

    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String alias;

    private final JobProcessor processor;

    private final LoopSignal signal;

    private final InstantSource clock;

    private final BooleanSupplier paused;

    private final StoreHealth health;

    private final CountDownLatch done = new CountDownLatch(1);

    private volatile boolean running = true;

    private volatile @Nullable Thread thread;

    private @Nullable Duration backoff;

    StoreLane(String alias, JobProcessor processor, LoopSignal signal, InstantSource clock, BooleanSupplier paused) {
        this.alias = alias;
        this.processor = processor;
        this.signal = signal;
        this.clock = clock;
        this.paused = paused;
        this.health = new StoreHealth(alias);
    }

    /**
     * Starts the loop in a new thread named {@code kairos-scheduler-<alias>}, unless it was started already.
     *
     * @param daemon whether the thread is a daemon
     */
    synchronized void startThread(boolean daemon) {
        if (this.thread != null) {
            return;
        }
        Thread loopThread = new Thread(this, "kairos-scheduler-" + this.alias);
        loopThread.setDaemon(daemon);
        this.thread = loopThread;
        loopThread.start();
    }

    /**
     * Runs the loop in the calling thread until {@link #requestStop()} or an interrupt.
     */
    @Override
    public void run() {
        this.thread = Thread.currentThread();
        try {
            while (this.running) {
                Wait wait = runPass();
                try {
                    if (wait.deaf()) {
                        this.signal.awaitSignal(wait.timeout());
                    }
                    else {
                        this.signal.await(wait.timeout(), wait.until());
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        finally {
            this.done.countDown();
        }
    }

    /**
     * Runs one pass and says how long to wait before the next: the loop's work between two waits. Loop thread
     * only; tests call it to check the waits without waiting.
     *
     * @return the wait, never {@code null}
     */
    Wait runPass() {
        this.signal.beginPass();
        JobProcessor.PassResult result;
        try {
            result = this.processor.runPass(this.paused.getAsBoolean(), this.health.isDown());
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            logger.error("Scheduler loop pass over job store '{}' failed; retrying after back-off", this.alias, ex);
            return new Wait(nextBackoff(), null);
        }
        Wait wait = waitFor(result);
        this.health.record(result, this.clock.instant(), wait.timeout());
        return wait;
    }

    /**
     * How long the loop waits after a pass, unless signalled.
     *
     * @param timeout the longest wait (real time); {@code null} waits until signalled; zero or negative does not
     *     wait
     * @param until the scheduler-clock time the wait ends at, or {@code null} when it has none (no deadline, or a
     *     back-off after a failure)
     * @param deaf whether only {@link LoopSignal#signal()} ends the wait early, not an added job
     *     ({@link LoopSignal#signalIfBefore}): the scheduler is paused, or the executors are full
     */
    record Wait(@Nullable Duration timeout, @Nullable Instant until, boolean deaf) {

        /** A wait that an added job due before {@code until} ends early. */
        Wait(@Nullable Duration timeout, @Nullable Instant until) {
            this(timeout, until, false);
        }
    }

    private Wait waitFor(JobProcessor.PassResult result) {
        Duration wait = null;
        if (result.wakeAt() != null) {
            wait = Duration.between(this.clock.instant(), result.wakeAt());
        }
        if (result.failure() == null) {
            this.backoff = null;
            return new Wait(wait, result.wakeAt(), result.deaf());
        }
        Duration delay = nextBackoff();
        if (wait == null || wait.isNegative() || wait.isZero() || delay.compareTo(wait) < 0) {
            wait = delay;
        }
        return new Wait(wait, null);
    }

    private Duration nextBackoff() {
        this.backoff = this.backoff == null ? MIN_BACKOFF : min(this.backoff.multipliedBy(2), MAX_BACKOFF);
        return this.backoff;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The store's health as this loop last found it. Callable from any thread; makes no store call.
     *
     * @return the status
     */
    JobStoreStatus status() {
        return this.health.status();
    }

    /** The pass logic, for the calls of other threads (API changes, look-ups, shutdown). */
    JobProcessor processor() {
        return this.processor;
    }

    /** The loop's signal. */
    LoopSignal signal() {
        return this.signal;
    }

    /**
     * Asks the loop to end after its current pass. Non-blocking.
     */
    void requestStop() {
        this.running = false;
        this.signal.signal();
    }

    /**
     * Waits until the loop ended its current pass, unless called from the loop thread itself (e.g. by a job on the
     * direct executor) or the loop never started.
     */
    void awaitStopped() {
        Thread loopThread = this.thread;
        if (loopThread != null && loopThread != Thread.currentThread()) {
            try {
                this.done.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
