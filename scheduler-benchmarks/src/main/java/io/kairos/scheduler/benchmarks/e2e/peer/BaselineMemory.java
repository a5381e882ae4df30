package io.kairos.scheduler.benchmarks.e2e.peer;

import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;
import io.kairos.scheduler.benchmarks.e2e.Probe;

import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code baseline-mem}, the in-memory "physical limit": a {@link DelayQueue} of 24-byte entries (id + due instant),
 * one dispatcher thread doing {@code take()} then {@code execute()} on a fixed pool of {@code threads}. Not a
 * scheduler (no triggers, no misfire handling); it bounds what one can do with the JDK's primitives.
 */
public final class BaselineMemory implements BenchScheduler {

    /** Wall clock (epoch ns) minus {@link System#nanoTime()}, taken once. */
    static final long EPOCH_NANOS_OFFSET = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    private final DelayQueue<Entry> queue = new DelayQueue<>();

    private final ExecutorService pool;

    private final Thread dispatcher;

    private final int threads;

    /** @param config worker threads */
    public BaselineMemory(PeerConfig config) {
        this.threads = config.threads();
        this.pool = Executors.newFixedThreadPool(config.threads());
        this.dispatcher = new Thread(this::dispatch, "baseline-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    @Override
    public String variant() {
        return "DelayQueue+1 dispatcher+TPE(" + this.threads + ")";
    }

    @Override
    public void start() {
        this.dispatcher.start();
    }

    @Override
    public void schedule(int id, long dueEpochMillis) {
        this.queue.put(new Entry(id, dueEpochMillis));
    }

    private void dispatch() {
        try {
            while (true) {
                this.pool.execute(this.queue.take());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        this.dispatcher.interrupt();
        this.pool.shutdownNow();
        this.pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Object header 12 B + int + long = 24 B with compressed class pointers. */
    private static final class Entry implements Delayed, Runnable {

        private final int id;

        private final long due;

        Entry(int id, long dueEpochMillis) {
            this.id = id;
            this.due = dueEpochMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            long nanos = this.due * 1_000_000L - (System.nanoTime() + EPOCH_NANOS_OFFSET);
            return unit.convert(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Entry other = (Entry) o;
            return Long.compare(this.due, other.due);
        }

        @Override
        public void run() {
            Probe.ran(this.id, this.due);
        }
    }
}
