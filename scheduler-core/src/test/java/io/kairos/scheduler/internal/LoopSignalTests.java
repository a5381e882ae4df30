package io.kairos.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link LoopSignal}: signals are never lost, several pending signals wake once, and {@code signalIfBefore} wakes a
 * sleeping loop only for run times before the end of its sleep.
 */
class LoopSignalTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final LoopSignal signal = new LoopSignal();

    @Test
    void signalBeforeAwaitMakesTheAwaitReturnAtOnceAndIsConsumedOnce() throws Exception {
        this.signal.signal();
        this.signal.signal();
        long start = System.nanoTime();
        this.signal.await(null);
        // consumed: the next wait runs into its timeout instead of returning at once
        this.signal.await(Duration.ofMillis(50));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void signalWakesAWaitWithoutDeadline() {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                this.signal.await(null);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            this.signal.signal();
            assertThat(waiting).isDone();
        });
    }

    @Test
    void signalIfBeforeWakesOnlyForRunTimesBeforeTheSleepEnds() throws Exception {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                this.signal.await(Duration.ofSeconds(30), T0.plusSeconds(60));
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            // once the loop sleeps until T0+60s, a job due then or later does not wake it
            this.signal.signalIfBefore(T0.plusSeconds(60));
            this.signal.signalIfBefore(null);
            return !waiting.isDone();
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            this.signal.signalIfBefore(T0.plusSeconds(59));
            assertThat(waiting).isDone();
        });
    }

    @Test
    void duringAPassEverySignalIfBeforeCounts() throws Exception {
        this.signal.beginPass();
        this.signal.signalIfBefore(T0.plusSeconds(3600));
        long start = System.nanoTime();
        this.signal.await(Duration.ofSeconds(30), T0);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    void interruptEndsTheWait() {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                this.signal.await(null);
                interrupted.complete(false);
            }
            catch (InterruptedException ex) {
                interrupted.complete(true);
            }
        });
        waiter.start();
        waiter.interrupt();
        assertThat(interrupted).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(true);
    }
}
