package io.kairos.scheduler.internal;

import java.time.Duration;

/**
 * The loop's wake-up: a flag plus a monitor, so a {@link #signal()} that arrives while the loop is busy (not
 * yet waiting) is never lost; the next {@link #await} returns at once. Thread-safe.
 */
public final class LoopSignal {

    private boolean signalled;

    /**
     * Wakes the loop now, or makes its next wait return at once. Cheap and non-blocking; callable from any
     * thread.
     */
    public synchronized void signal() {
        this.signalled = true;
        notifyAll();
    }

    /**
     * Waits until signalled or until {@code timeout} passes (real time), then clears the flag.
     *
     * @param timeout the longest wait; {@code null} waits until signalled; zero or negative does not wait
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized void await(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            while (!this.signalled) {
                wait();
            }
        }
        else if (!timeout.isNegative() && !timeout.isZero()) {
            long deadline = System.nanoTime() + saturatedNanos(timeout);
            long remaining;
            while (!this.signalled && (remaining = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, remaining / 1_000_000L));
            }
        }
        this.signalled = false;
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
