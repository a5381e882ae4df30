package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.RunRecord;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run records that stores failed to take, kept per store in arrival order until the store takes them, with a
 * back-off per store: the first retry {@link #FIRST_BACKOFF} after the failure, the delay doubling after each
 * failed retry up to {@link #MAX_BACKOFF}, and the next chunk at once after a successful one. At most
 * {@code capacity} records are held in all; beyond that the oldest (earliest finish time, across stores) are
 * dropped and counted, with one WARN per store and outage. A store that had failed and whose backlog is written
 * out is logged once at INFO. Times come from a monotonic nanosecond source. Not thread-safe: confined to the
 * recorder's writer thread.
 */
final class RunBacklog {

    private static final Logger logger = LoggerFactory.getLogger(RunRecorder.class);

    /** The delay before the first retry of a store that failed. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    /** The longest delay between two retries of a store. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final int capacity;

    private final LongSupplier nanoTime;

    private final AtomicLong dropped;

    private final Map<String, Pending> stores = new LinkedHashMap<>();

    private int size;

    /**
     * @param capacity the most records held in all, at least 1
     * @param nanoTime the monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
     * @param dropped counts the records dropped beyond the capacity (shared with the recorder)
     */
    RunBacklog(int capacity, LongSupplier nanoTime, AtomicLong dropped) {
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.dropped = dropped;
    }

    /** Whether records of the store wait here (new ones then queue up behind them). */
    boolean holds(String store) {
        return this.stores.containsKey(store);
    }

    /** The records held in all. */
    int size() {
        return this.size;
    }

    /** Keeps records the store failed to take (or that wait behind older ones); starts its back-off when needed. */
    void hold(String store, List<RunRecord> runs, @Nullable RuntimeException failure) {
        Pending pending = this.stores.get(store);
        if (pending == null) {
            pending = new Pending(this.nanoTime.getAsLong());
            this.stores.put(store, pending);
        }
        if (failure != null && !pending.failing) {
            pending.fail(this.nanoTime.getAsLong());
            logger.warn("Run history: store '{}' failed to record {} runs ({}); they are kept and retried, with a back-off up to {} s",
                    store, runs.size(), failure.toString(), MAX_BACKOFF.toSeconds());
        }
        pending.runs.addAll(runs);
        this.size += runs.size();
        while (this.size > this.capacity) {
            dropOldest();
        }
    }

    /** The stores whose retry is due now, in the order they first failed. */
    List<String> due() {
        long now = this.nanoTime.getAsLong();
        List<String> due = new ArrayList<>();
        this.stores.forEach((store, pending) -> {
            if (now - pending.dueNanos >= 0) {
                due.add(store);
            }
        });
        return due;
    }

    /** How long until the next retry is due, in nanoseconds ({@code Long.MAX_VALUE} when nothing is held). */
    long nanosUntilDue() {
        long now = this.nanoTime.getAsLong();
        long least = Long.MAX_VALUE;
        for (Pending pending : this.stores.values()) {
            least = Math.min(least, Math.max(0, pending.dueNanos - now));
        }
        return least;
    }

    /** A copy of the store's oldest {@code max} held records (empty when none). */
    List<RunRecord> oldest(String store, int max) {
        Pending pending = this.stores.get(store);
        List<RunRecord> runs = new ArrayList<>(pending == null ? 0 : Math.min(max, pending.runs.size()));
        if (pending != null) {
            Iterator<RunRecord> it = pending.runs.iterator();
            while (it.hasNext() && runs.size() < max) {
                runs.add(it.next());
            }
        }
        return runs;
    }

    /** The store took its oldest {@code count} records: they are removed and its next chunk is due at once. */
    void written(String store, int count) {
        Pending pending = this.stores.get(store);
        if (pending == null) {
            return;
        }
        for (int i = 0; i < count && !pending.runs.isEmpty(); i++) {
            pending.runs.removeFirst();
            this.size--;
            pending.written++;
        }
        pending.delayNanos = 0;
        pending.dueNanos = this.nanoTime.getAsLong();
        if (pending.runs.isEmpty()) {
            this.stores.remove(store);
            if (pending.failing) {
                logger.info("Run history: store '{}' takes run records again after {} s; {} records held meanwhile were written, {} dropped",
                        store, TimeUnit.NANOSECONDS.toSeconds(this.nanoTime.getAsLong() - pending.failedAtNanos), pending.written,
                        pending.dropped);
            }
        }
    }

    /** The store failed again: its next retry waits twice as long as the last one, at most {@link #MAX_BACKOFF}. */
    void failed(String store) {
        Pending pending = this.stores.get(store);
        if (pending != null) {
            pending.fail(this.nanoTime.getAsLong());
        }
    }

    /** How many records are held per store. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        this.stores.forEach((store, pending) -> counts.put(store, pending.runs.size()));
        return counts;
    }

    private void dropOldest() {
        @Nullable Pending pending = null;
        @Nullable RunRecord oldest = null;
        for (Pending candidate : this.stores.values()) {
            RunRecord head = candidate.runs.peekFirst();
            if (head != null && (oldest == null || head.finishedAt().isBefore(oldest.finishedAt()))) {
                oldest = head;
                pending = candidate;
            }
        }
        if (pending == null || oldest == null) {
            return;
        }
        pending.runs.removeFirst();
        this.size--;
        this.dropped.incrementAndGet();
        if (pending.dropped++ == 0) {
            logger.warn("Run history: more than {} run records wait for stores that do not take them; the oldest are dropped"
                    + " (first: job '{}' in store '{}', finished {})", this.capacity, oldest.jobId(), oldest.jobStore(), oldest.finishedAt());
        }
    }

    /** One store's held records and back-off. */
    private static final class Pending {

        final ArrayDeque<RunRecord> runs = new ArrayDeque<>();

        boolean failing;

        long failedAtNanos;

        long delayNanos;

        long dueNanos;

        long written;

        long dropped;

        Pending(long now) {
            this.dueNanos = now;
        }

        void fail(long now) {
            if (!this.failing) {
                this.failing = true;
                this.failedAtNanos = now;
            }
            this.delayNanos = (this.delayNanos == 0) ? FIRST_BACKOFF.toNanos() : Math.min(this.delayNanos * 2, MAX_BACKOFF.toNanos());
            this.dueNanos = now + this.delayNanos;
        }
    }
}
