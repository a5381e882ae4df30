package io.kairos.scheduler.benchmarks.e2e;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every peer's job body calls: records that job {@code id} ran. One per JVM (the peers instantiate job
 * classes reflectively, so the recorder is static). Thread-safe.
 *
 * <p>Counts executions per id (duplicates and missing ids), the {@link System#nanoTime()} of the execution that
 * completed the set (the "last" first execution), and, when enabled, the lateness of each id's first
 * execution: wall clock ({@link Instant#now()}, microseconds) minus the scheduled instant (epoch milliseconds).
 */
public final class Probe {

    private static volatile Round round = new Round(0, false);

    private Probe() {
    }

    /**
     * Starts a new round of {@code n} ids (0 .. n-1).
     *
     * @param n ids expected
     * @param lateness whether to record lateness per id
     */
    public static void reset(int n, boolean lateness) {
        round = new Round(n, lateness);
    }

    /**
     * Records one execution of {@code id}, due at {@code dueEpochMillis} (ignored unless lateness is recorded).
     * Ids outside the round (a previous round's stragglers) are counted as strays.
     *
     * @param id the job id
     * @param dueEpochMillis the scheduled instant, epoch milliseconds
     */
    public static void ran(int id, long dueEpochMillis) {
        Round r = round;
        r.ran(id, dueEpochMillis);
    }

    /** @return the current round */
    public static Round current() {
        return round;
    }

    /** The executions of one measured repetition. */
    public static final class Round {

        private final int n;

        private final AtomicIntegerArray counts;

        private final long[] latenessMicros;

        private final AtomicInteger left;

        private final CountDownLatch done = new CountDownLatch(1);

        private final AtomicLong firstNanos = new AtomicLong();

        private final AtomicLong strays = new AtomicLong();

        private volatile long lastNanos;

        Round(int n, boolean lateness) {
            this.n = n;
            this.counts = new AtomicIntegerArray(n);
            this.latenessMicros = lateness ? new long[n] : null;
            this.left = new AtomicInteger(n);
            if (n == 0) {
                this.done.countDown();
            }
        }

        void ran(int id, long dueEpochMillis) {
            long micros = 0;
            if (this.latenessMicros != null) {
                Instant now = Instant.now();
                micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - dueEpochMillis * 1_000L;
            }
            if (id < 0 || id >= this.n) {
                this.strays.incrementAndGet();
                return;
            }
            if (this.counts.getAndIncrement(id) != 0) {
                return;
            }
            long t = System.nanoTime();
            this.firstNanos.compareAndSet(0, t);
            if (this.latenessMicros != null) {
                this.latenessMicros[id] = micros;
            }
            if (this.left.decrementAndGet() == 0) {
                this.lastNanos = t;
                this.done.countDown();
            }
        }

        /**
         * Waits until every id ran once.
         *
         * @param timeoutMillis how long at most
         * @return whether all ran
         * @throws InterruptedException when interrupted
         */
        public boolean await(long timeoutMillis) throws InterruptedException {
            return this.done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** @return ids not run yet */
        public long remaining() {
            return this.left.get();
        }

        /** @return {@link System#nanoTime()} of the first execution, 0 when none */
        public long firstNanos() {
            return this.firstNanos.get();
        }

        /** @return {@link System#nanoTime()} of the execution that completed the round, 0 before */
        public long lastNanos() {
            return this.lastNanos;
        }

        /** @return ids run more than once */
        public int duplicateIds() {
            int d = 0;
            for (int i = 0; i < this.n; i++) {
                if (this.counts.get(i) > 1) {
                    d++;
                }
            }
            return d;
        }

        /** @return executions beyond the first per id, plus executions of ids outside the round */
        public long extraExecutions() {
            long e = this.strays.get();
            for (int i = 0; i < this.n; i++) {
                e += Math.max(0, this.counts.get(i) - 1);
            }
            return e;
        }

        /** @return ids never run */
        public int missingIds() {
            int m = 0;
            for (int i = 0; i < this.n; i++) {
                if (this.counts.get(i) == 0) {
                    m++;
                }
            }
            return m;
        }

        /**
         * Lateness of the first execution of ids {@code from} .. n-1 (those that ran), in milliseconds.
         *
         * @param from first id to include (ids before it are warm-up)
         * @return the values, unsorted
         */
        public double[] latenessMillis(int from) {
            return latenessMillis(from, this.n);
        }

        /**
         * Lateness of the first execution of ids {@code from} .. {@code to - 1} (those that ran), in milliseconds.
         *
         * @param from first id to include
         * @param to first id not to include, at most n
         * @return the values, unsorted
         */
        public double[] latenessMillis(int from, int to) {
            double[] out = new double[to - from];
            int k = 0;
            for (int i = from; i < to; i++) {
                if (this.counts.get(i) > 0) {
                    out[k++] = this.latenessMicros[i] / 1000.0;
                }
            }
            return java.util.Arrays.copyOf(out, k);
        }
    }
}
