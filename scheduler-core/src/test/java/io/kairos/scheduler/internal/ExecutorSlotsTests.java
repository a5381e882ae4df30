package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.testing.MutableClock;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store loops share the executors' free slots: what one loop reserved is not free for another until it gives
 * the reservation back, so two loops acquiring at once never take more jobs than the executors accept.
 */
class ExecutorSlotsTests {

    private final ThreadPoolJobExecutor executor = new ThreadPoolJobExecutor(2, 8);

    private final ExecutorSlots slots;

    ExecutorSlotsTests() {
        this.executor.start(new ExecutorContext("default", MutableClock.startingAt2030()));
        Components components = new Components();
        components.executors().put("default", this.executor);
        this.slots = new ExecutorSlots(components);
    }

    @AfterEach
    void stop() {
        this.executor.shutdown(false, Duration.ZERO);
    }

    @Test
    void aReservationIsNotFreeForAnotherLoopUntilReturned() {
        assertThat(this.slots.available()).isEqualTo(10);
        assertThat(this.slots.reserve(8)).as("first loop").isEqualTo(8);
        assertThat(this.slots.reserve(8)).as("second loop, at the same time").isEqualTo(2);
        assertThat(this.slots.reserve(8)).as("a third").isZero();
        assertThat(this.slots.available()).isZero();
        this.slots.release(8);
        assertThat(this.slots.available()).isEqualTo(8);
        this.slots.release(2);
        this.slots.release(0);
        assertThat(this.slots.reserve(256)).isEqualTo(10);
    }
}
