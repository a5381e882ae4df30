package io.kairos.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main loop: runs {@link JobProcessor} passes and waits in between until the time the pass asked for, a
 * wake-up ({@link LoopSignal}), or a back-off after a store failure (1 s doubling to 30 s). Nothing ends the loop
 * but {@link #stop()}. Runs in its own thread ({@link #startThread}) or in the caller's ({@link #run}).
 */
public final class SchedulerLoop implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(SchedulerLoop.class);

    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JobProcessor processor;

    private final LoopContext context;

    private final BooleanSupplier paused;

    private volatile boolean running = true;

    private volatile Thread thread;

    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    private Duration backoff;

    /**
     * Creates the loop.
     *
     * @param processor runs the passes
     * @param context the clock and the signal
     * @param paused whether the scheduler is paused now
     */
    public SchedulerLoop(JobProcessor processor, LoopContext context, BooleanSupplier paused) {
        this.processor = processor;
        this.context = context;
        this.paused = paused;
    }

    /**
     * Starts the loop in a new thread named {@code kairos-scheduler}.
     *
     * @param daemon whether the thread is a daemon
     */
    public void startThread(boolean daemon) {
        Thread loopThread = new Thread(this, "kairos-scheduler");
        loopThread.setDaemon(daemon);
        this.thread = loopThread;
        loopThread.start();
    }

    /**
     * Runs the loop in the calling thread until {@link #stop()} or an interrupt.
     */
    @Override
    public void run() {
        this.thread = Thread.currentThread();
        try {
            loop();
        }
        finally {
            this.done.countDown();
        }
    }

    private void loop() {
        while (this.running) {
            Wait wait = runPass();
            try {
                this.context.signal().await(wait.timeout(), wait.until());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Runs one pass and says how long to wait before the next: the loop's work between two waits. Loop thread
     * only; tests call it to check the waits without waiting.
     *
     * @return the wait, never {@code null}
     */
    Wait runPass() {
        this.context.signal().beginPass();
        try {
            JobProcessor.PassResult result = this.processor.runPass(this.paused.getAsBoolean());
            return new Wait(waitFor(result), result.storeFailed() ? null : result.wakeAt());
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            logger.error("Scheduler loop pass failed; retrying after back-off", ex);
            return new Wait(nextBackoff(), null);
        }
    }

    /**
     * How long the loop waits after a pass, unless signalled.
     *
     * @param timeout the longest wait (real time); {@code null} waits until signalled; zero or negative does not
     *     wait
     * @param until the scheduler-clock time the wait ends at, or {@code null} when it has none (no deadline, or a
     *     back-off after a failure)
     */
    record Wait(Duration timeout, Instant until) {
    }

    private Duration waitFor(JobProcessor.PassResult result) {
        Duration wait = null;
        if (result.wakeAt() != null) {
            Instant now = this.context.clock().instant();
            wait = Duration.between(now, result.wakeAt());
        }
        if (result.storeFailed()) {
            Duration delay = nextBackoff();
            wait = wait == null || delay.compareTo(wait) < 0 ? delay : wait;
            if (wait.isNegative() || wait.isZero()) {
                wait = delay;
            }
        }
        else {
            this.backoff = null;
        }
        return wait;
    }

    private Duration nextBackoff() {
        this.backoff = this.backoff == null ? MIN_BACKOFF : min(this.backoff.multipliedBy(2), MAX_BACKOFF);
        return this.backoff;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Whether the calling thread is the loop's thread.
     *
     * @return {@code true} inside a pass (e.g. a job run by the direct executor)
     */
    public boolean isLoopThread() {
        return Thread.currentThread() == this.thread;
    }

    /**
     * Stops the loop and waits until its current pass ended (unless called from the loop thread itself, e.g. by a
     * job on the direct executor).
     */
    public void stop() {
        this.running = false;
        this.context.signal().signal();
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
