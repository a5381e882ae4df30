package io.kairos.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;


/**
 * The loop's wake-up: a flag plus the waiting thread, so a {@link #signal()} that arrives while the loop is busy
 * (not yet waiting) is never lost; the next {@link #await} returns at once. Signals that arrive while one is
 * already pending cost one atomic exchange and no lock, so a burst of adds or of finished runs wakes the loop
 * once, not once each. Thread-safe; only the loop thread calls {@link #beginPass()} and {@link #await}.
 *
 * <p>The loop also publishes until when it sleeps ({@link #await}'s {@code until}), so that
 * {@link #signalIfBefore} — an added job — wakes it only when the job is due before that time: adding a million
 * jobs due in an hour does not wake a sleeping loop a million times.
 */
public final class LoopSignal {

    /** {@link #sleepUntil} while the loop runs a pass or sleeps without a deadline: every signal counts. */
    private static final Instant ALWAYS = Instant.MAX;

    /**
     * {@link #sleepUntil} while the loop waits for something no added job brings sooner ({@link #awaitSignal}): no
     * run time is before it, so {@link #signalIfBefore} never signals.
     */
    private static final Instant NEVER = Instant.MIN;

    private final AtomicBoolean signalled = new AtomicBoolean();

    private volatile @Nullable Thread waiter;

    private volatile Instant sleepUntil = ALWAYS;

    /**
     * Wakes the loop now, or makes its next wait return at once. Non-blocking; callable from any thread.
     */
    public void signal() {
        // a set flag is left alone (a plain read, no write to the line the loop also writes): the loop has not
        // consumed it yet, so its consuming exchange comes after this read, and the pass that follows sees the
        // caller's earlier writes made under a lock or through a volatile or atomic (the job it stored under the
        // store's lock, the run count it decremented)
        if (!this.signalled.get() && !this.signalled.getAndSet(true)) {
            Thread thread = this.waiter;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * Signals unless the loop sleeps until a time no later than {@code runTime} anyway (scheduler clock). Call it
     * after the job is stored: a pass that began before the store write then either saw the job or publishes a
     * sleep deadline this call reads.
     *
     * @param runTime the added or changed job's next run time; {@code null} (paused) never signals
     */
    public void signalIfBefore(@Nullable Instant runTime) {
        if (runTime != null && runTime.isBefore(this.sleepUntil)) {
            signal();
        }
    }

    /**
     * Marks the start of a pass (before it reads any store): until the next {@link #await}, every
     * {@link #signalIfBefore} signals.
     */
    public void beginPass() {
        this.sleepUntil = ALWAYS;
    }

    /**
     * Waits until signalled or until {@code timeout} passes (real time), then clears the flag; meanwhile
     * {@link #signalIfBefore} signals only for run times before {@code until}.
     *
     * @param timeout the longest wait; {@code null} waits until signalled; zero or negative does not wait
     * @param until the scheduler-clock time the wait ends at, or {@code null} when it has no deadline
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void await(@Nullable Duration timeout, @Nullable Instant until) throws InterruptedException {
        park(timeout, until != null && timeout != null ? until : ALWAYS);
    }

    /**
     * Waits until {@link #signal()}led or until {@code timeout} passes (real time), then clears the flag; meanwhile
     * {@link #signalIfBefore} does not wake the loop (an added job, however early, stays for the next pass). For a
     * loop that waits for something an added job cannot bring sooner: free executor slots (which
     * {@code ExecutorSlots} signals) or a resume (which signals every loop). A signal from {@code signalIfBefore} that
     * arrived before this call (during the pass) still makes it return at once.
     *
     * @param timeout the longest wait; {@code null} waits until signalled; zero or negative does not wait
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitSignal(@Nullable Duration timeout) throws InterruptedException {
        park(timeout, NEVER);
    }

    private void park(@Nullable Duration timeout, Instant until) throws InterruptedException {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            this.signalled.set(false);
            return;
        }
        this.waiter = Thread.currentThread();
        this.sleepUntil = until;
        try {
            long deadline = timeout == null ? 0 : System.nanoTime() + saturatedNanos(timeout);
            while (!this.signalled.getAndSet(false)) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (timeout == null) {
                    LockSupport.park(this);
                }
                else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return;
                    }
                    LockSupport.parkNanos(this, remaining);
                }
            }
        }
        finally {
            this.sleepUntil = ALWAYS;
            this.waiter = null;
        }
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE / 4;
        }
    }
}
