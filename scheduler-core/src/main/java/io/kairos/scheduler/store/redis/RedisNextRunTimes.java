package io.kairos.scheduler.store.redis;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;


/**
 * Saves the scheduler loop a round trip per pass: {@code acquire.lua} and {@code release.lua} end by computing
 * the store's next run time (as {@code next_run_time.lua} would, atomically with their writes), and a
 * {@link RedisJobStore#nextRunTime()} that follows on the same thread answers from that reply instead of
 * asking Redis again.
 *
 * <p>The answer is taken at most once, and only when nothing else happened in between: every store call, and
 * every wake-up message from another scheduler, counts as a change and voids it. It is then exactly what a
 * fresh call would have returned had it run right after the script, and a change that another scheduler makes
 * later publishes a wake-up, which wakes the loop as it would after a fresh read. Thread-safe (lock-free).
 */
final class RedisNextRunTimes {

    private final AtomicLong changes = new AtomicLong();

    private final AtomicReference<@Nullable Known> known = new AtomicReference<>();

    private record Known(Optional<Instant> next, long changes, Thread thread) {
    }

    /**
     * Counts a store call (at its start) or another scheduler's wake-up.
     *
     * @return the count after this change, for {@link #end(long, Optional)}
     */
    long change() {
        return this.changes.incrementAndGet();
    }

    /**
     * Ends a call that computed the next run time: keeps it when no other change came since {@code begun}.
     *
     * @param begun what {@link #change()} returned when the call began
     * @param next the next run time the script computed
     */
    void end(long begun, Optional<Instant> next) {
        if (this.changes.compareAndSet(begun, begun + 1)) {
            this.known.set(new Known(next, begun + 1, Thread.currentThread()));
        }
        else {
            failed();
        }
    }

    /**
     * Ends a call that failed: counts a change and forgets any known next run time.
     */
    void failed() {
        this.changes.incrementAndGet();
        this.known.set(null);
    }

    /**
     * Takes the next run time the last call computed, when that call was on this thread and nothing changed
     * since; either way it is not offered again.
     *
     * @return the next run time (empty when no job is scheduled), or {@code null} when Redis must be asked
     */
    @Nullable Optional<Instant> take() {
        Known last = this.known.getAndSet(null);
        if (last == null || last.thread() != Thread.currentThread() || last.changes() != this.changes.get()) {
            return null;
        }
        return last.next();
    }

    /**
     * Reads a script's next-run-time reply.
     *
     * @param reply epoch milliseconds ({@link Long}), or an empty string when no job is scheduled
     * @return the instant, or empty
     */
    static Optional<Instant> parse(Object reply) {
        return reply instanceof Long millis ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
    }
}
