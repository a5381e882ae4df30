package io.kairos.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link LoopSignal}: signals are never lost, several pending signals wake once, {@code signalIfBefore} wakes a
 * sleeping loop only for run times before the end of its sleep, and never one in {@code awaitSignal}.
 */
class LoopSignalTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final LoopSignal signal = new LoopSignal();

    @Test
    void signalBeforeAwaitMakesTheAwaitReturnAndIsConsumedOnce() {
        this.signal.signal();
        this.signal.signal();
        // a wait without deadline returns only when signalled
        assertThat(CompletableFuture.runAsync(this::awaitSignal)).succeedsWithin(Duration.ofSeconds(20));
        CompletableFuture<Void> second = CompletableFuture.runAsync(this::awaitSignal);
        // both signals were consumed by the first wait: the second keeps waiting until signalled again
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20)).until(() -> !second.isDone());
        this.signal.signal();
        assertThat(second).succeedsWithin(Duration.ofSeconds(20));
    }

    @Test
    void signalWakesAWaitWithoutDeadline() {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                this.signal.await(null, null);
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
    void duringAPassEverySignalIfBeforeCounts() {
        this.signal.beginPass();
        this.signal.signalIfBefore(T0.plusSeconds(3600));
        assertThat(CompletableFuture.runAsync(this::awaitSignal)).succeedsWithin(Duration.ofSeconds(20));
    }

    @Test
    void awaitSignalIsNotWokenBySignalIfBeforeButBySignal() {
        Thread[] waiter = new Thread[1];
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            waiter[0] = Thread.currentThread();
            try {
                this.signal.awaitSignal(null);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        // parked in awaitSignal (not before it, where a signal would count as one of the pass)
        await().atMost(Duration.ofSeconds(20)).until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.WAITING);
        // however early the added job, the loop waits for something else (free executor slots, a resume)
        this.signal.signalIfBefore(Instant.MIN.plusSeconds(1));
        this.signal.signalIfBefore(T0);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20)).until(() -> !waiting.isDone());
        this.signal.signal();
        assertThat(waiting).succeedsWithin(Duration.ofSeconds(20));
    }

    @Test
    void aSignalIfBeforeOfThePassStillEndsAnAwaitSignal() {
        this.signal.beginPass();
        this.signal.signalIfBefore(T0.plusSeconds(3600));
        assertThat(CompletableFuture.runAsync(() -> {
            try {
                this.signal.awaitSignal(null);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        })).succeedsWithin(Duration.ofSeconds(20));
        // the wait is over: signalIfBefore counts again for the next pass
        this.signal.beginPass();
        this.signal.signalIfBefore(T0);
        assertThat(CompletableFuture.runAsync(this::awaitSignal)).succeedsWithin(Duration.ofSeconds(20));
    }

    @Test
    void interruptEndsTheWait() {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                this.signal.await(null, null);
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

    private void awaitSignal() {
        try {
            this.signal.await(null, null);
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
