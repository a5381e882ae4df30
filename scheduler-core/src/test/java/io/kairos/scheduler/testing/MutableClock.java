package io.kairos.scheduler.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests: it stands still until {@link #set} or {@link #advance} moves it. Thread-safe. Shipped in the
 * core test-jar for other modules' tests.
 */
public final class MutableClock implements InstantSource {

    private final AtomicReference<Instant> now;

    /**
     * Creates the clock.
     *
     * @param start the initial time
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * A clock at {@code 2030-01-01T00:00:00Z}.
     *
     * @return the clock
     */
    public static MutableClock startingAt2030() {
        return new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Override
    public Instant instant() {
        return this.now.get();
    }

    /**
     * Moves the clock to an instant (may go backwards).
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        this.now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     * @return the new time
     */
    public Instant advance(Duration duration) {
        return this.now.updateAndGet((t) -> t.plus(duration));
    }
}
