package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes run records to their stores' histories from one background thread, in batches, so that recording never
 * waits on a store in the loop or in a worker; and enforces the retention from the same thread.
 *
 * <p>Records are queued without blocking, at most {@link #QUEUE_CAPACITY} (beyond that new records are dropped and
 * counted, with a WARN; the writer empties the queue at least every 200 ms, so it fills only while a store call
 * hangs). Records a store fails to take (its server is down) are kept in that store's backlog, in order, and retried
 * with a back-off per store (0.5 s, doubling up to 30 s); records of that store that arrive meanwhile wait behind
 * them, while the other stores' records go on being written: the writer never sleeps on one store's behalf. The
 * backlogs hold at most {@link #BACKLOG_CAPACITY} records in all; beyond that the oldest are dropped and counted
 * ({@link #droppedRecords()}), with one WARN per store and outage, and one INFO when the store has taken what it
 * held. At {@link #stop} every store gets one last attempt; what is still not written is reported at WARN.
 *
 * <p>Thread-safe: {@link #add} and {@link #droppedRecords()} from any thread.
 */
public final class RunRecorder {

    private static final Logger logger = LoggerFactory.getLogger(RunRecorder.class);

    /** The most records queued. */
    static final int QUEUE_CAPACITY = 65_536;

    /** The most records held in all stores' backlogs while the stores do not take them. */
    static final int BACKLOG_CAPACITY = 65_536;

    /** The most records written in one call to a store. */
    static final int BATCH_SIZE = 2000;

    /**
     * How long the writer waits for more records after the first of a batch: under a burst it writes a few large
     * batches (one statement and one commit each) instead of many small ones; a lone record waits this long.
     */
    static final Duration LINGER = Duration.ofMillis(100);

    /**
     * How long the writer sleeps at a time while it lingers: short enough that the queue cannot fill meanwhile
     * ({@link #QUEUE_CAPACITY} records in 5 ms would be 13 million runs a second).
     */
    static final Duration LINGER_SLICE = Duration.ofMillis(5);

    /** The most records removed by retention in one call to a store. */
    static final int RETENTION_BATCH = 1000;

    /** How often retention runs. */
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);

    // a disabled recorder records nothing and starts no thread, so it never reads its id, clock or stores
    @SuppressWarnings("NullAway")
    private static final RunRecorder DISABLED = new RunRecorder(null, null, null, HistorySettings.DEFAULTS.withEnabled(false));

    private final String schedulerId;

    private final InstantSource clock;

    private final Components components;

    private final HistorySettings settings;

    private final RunRecords records;

    private final BlockingQueue<RunRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

    private final AtomicLong dropped = new AtomicLong();

    private final RunWriter writer;

    private volatile boolean stopping;

    private @Nullable Thread thread;

    private Instant nextRetention = Instant.MIN;

    /**
     * Creates a recorder (not started).
     *
     * @param schedulerId the scheduler's id (the records' instance and the retention lease owner)
     * @param clock the scheduler's clock
     * @param components the stores
     * @param settings whether and how to record
     */
    public RunRecorder(String schedulerId, InstantSource clock, Components components, HistorySettings settings) {
        this(schedulerId, clock, components, settings, System::nanoTime);
    }

    /** With the monotonic time (nanoseconds) that paces the stores' back-offs: tests pass a manual one. */
    RunRecorder(String schedulerId, InstantSource clock, Components components, HistorySettings settings, LongSupplier nanoTime) {
        this.writer = new RunWriter(components, new RunBacklog(BACKLOG_CAPACITY, nanoTime, this.dropped));
        this.schedulerId = schedulerId;
        this.clock = clock;
        this.components = components;
        this.settings = settings;
        this.records = new RunRecords(schedulerId == null ? "none" : schedulerId, settings);
    }

    /**
     * A recorder that records nothing.
     *
     * @return the shared instance
     */
    public static RunRecorder disabled() {
        return DISABLED;
    }

    /**
     * Whether records are kept: callers skip building records otherwise.
     *
     * @return the {@code kairos.history.enabled} setting
     */
    public boolean isEnabled() {
        return this.settings.enabled();
    }

    /**
     * The factory of this recorder's records.
     *
     * @return the factory
     */
    public RunRecords records() {
        return this.records;
    }

    /**
     * Queues a record for writing; never blocks.
     *
     * @param run the record
     */
    public void add(RunRecord run) {
        if (!isEnabled()) {
            return;
        }
        if (!this.queue.offer(run)) {
            long count = this.dropped.incrementAndGet();
            if (count == 1 || Long.bitCount(count) == 1) {
                logger.warn("Run history queue is full ({} records): {} run records not recorded so far (last: job '{}', {})",
                        QUEUE_CAPACITY, count, run.jobId(), run.outcome());
            }
        }
    }

    /**
     * How many records were dropped because the queue was full or the backlogs of stores that did not take
     * them exceeded their bound.
     *
     * @return the count since start
     */
    public long droppedRecords() {
        return this.dropped.get();
    }

    /**
     * Starts the writer thread (when enabled).
     */
    public synchronized void start() {
        if (!isEnabled() || this.thread != null) {
            return;
        }
        this.stopping = false;
        this.components.stores().forEach((alias, store) -> {
            if (!store.runHistory().isRecording()) {
                logger.info("Job store '{}' ({}) keeps no run history: runs of its jobs are not recorded", alias,
                        store.getClass().getSimpleName());
            }
        });
        this.thread = new Thread(this::run, "kairos-history-" + this.schedulerId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Stops the writer thread after it wrote what is queued (waiting at most {@code timeout}).
     *
     * @param timeout how long to wait for the last writes
     */
    public void stop(Duration timeout) {
        Thread running;
        synchronized (this) {
            running = this.thread;
            this.thread = null;
        }
        if (running == null) {
            return;
        }
        this.stopping = true;
        try {
            running.join(Math.max(1, timeout.toMillis()));
            if (running.isAlive()) {
                running.interrupt();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (!this.queue.isEmpty()) {
            logger.warn("Run history: {} run records not written at shutdown", this.queue.size());
            this.queue.clear();
        }
    }

    private void run() {
        List<RunRecord> batch = new ArrayList<>(BATCH_SIZE);
        while (!this.stopping) {
            try {
                long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(200), this.writer.nanosUntilDue());
                RunRecord first = this.queue.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    fill(batch);
                }
                this.writer.write(batch);
                batch.clear();
                enforceRetentionWhenDue();
            }
            catch (InterruptedException ex) {
                break;
            }
            catch (RuntimeException ex) {
                batch.clear();
                logger.error("Run history writer failed; it goes on", ex);
            }
        }
        batch.clear();
        this.queue.drainTo(batch);
        this.writer.flush(batch);
    }

    /**
     * Adds queued records to the batch until it is full, {@link #LINGER} has passed, or the recorder stops. It waits
     * in slices of {@link #LINGER_SLICE}, not for each record: under a burst, a record queued while the writer waits
     * would otherwise wake it once per record.
     */
    private void fill(List<RunRecord> batch) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER.toNanos();
        while (!this.stopping) {
            this.queue.drainTo(batch, BATCH_SIZE - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= BATCH_SIZE || left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, LINGER_SLICE.toNanos()));
        }
    }

    /** Writes what is queued now, in batches, without waiting, then retries the backlogs that are due (for tests). */
    void writeQueued() {
        List<RunRecord> batch = new ArrayList<>(BATCH_SIZE);
        do {
            batch.clear();
            this.queue.drainTo(batch, BATCH_SIZE);
            this.writer.write(batch);
        }
        while (!this.queue.isEmpty());
    }

    private void enforceRetentionWhenDue() {
        Instant now = this.clock.instant();
        if (now.isBefore(this.nextRetention)) {
            return;
        }
        this.nextRetention = now.plus(RETENTION_INTERVAL);
        enforceRetention(now);
    }

    /**
     * Removes expired runs from every store, in batches, until a batch removes fewer than the batch size (at most
     * 100 batches per store and call). Called from the writer thread; public for tests.
     *
     * @param now the current time
     * @return how many records were removed
     */
    public int enforceRetention(Instant now) {
        int total = 0;
        for (Map.Entry<String, JobStore> entry : this.components.stores().entrySet()) {
            RunHistory history = entry.getValue().runHistory();
            if (!history.isRecording()) {
                continue;
            }
            try {
                for (int i = 0; i < 100 && !this.stopping; i++) {
                    int removed = history.removeExpiredRuns(this.schedulerId, this.settings.retention(), now, RETENTION_BATCH);
                    total += removed;
                    if (removed < RETENTION_BATCH) {
                        break;
                    }
                }
            }
            catch (RuntimeException ex) {
                logger.warn("Run history: retention failed in store '{}': {}", entry.getKey(), ex.toString());
            }
        }
        return total;
    }
}
