package io.kairos.scheduler.benchmarks.e2e.outage;

import com.zaxxer.hikari.HikariDataSource;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.benchmarks.e2e.Db;
import io.kairos.scheduler.benchmarks.e2e.Params;
import io.kairos.scheduler.benchmarks.e2e.Probe;
import io.kairos.scheduler.benchmarks.e2e.Row;
import io.kairos.scheduler.benchmarks.e2e.Stats;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code OUTAGE}: does an outage of one job store delay the jobs of another? One Kairos scheduler with two stores:
 * {@code default} on PostgreSQL (table {@code bench_outage_jobs}) receives a steady stream of one-shot jobs
 * ({@code rate}/s, each added {@code lead.ms} before it is due, through the scheduler's API as an application
 * does), and {@code cache} on a private {@code redis-server} ({@link RedisProcess}) receives {@code redis.rate}/s
 * short jobs and {@code redis.long.rate}/s jobs that run {@code redis.long.ms} (executor {@code long}, 16 threads), so
 * that when Redis goes down some of its jobs are in flight and their lease extensions (every third of the 30 s lease
 * time) fail, as with reports or batch jobs.
 * Each run lasts {@code warmup.s} (not reported) + {@code seconds}; in the {@code kill} run the Redis server is killed
 * ({@code kill -9}) {@code outage.start.s} into the measured part and started again {@code outage.s} later, in the
 * {@code none} run nothing happens. Both runs go one after the other in the same JVM ({@code bench.outage.modes},
 * default {@code none,kill}). Reported per run: the lateness (actual start − due) of the PostgreSQL jobs due during
 * the outage window (the same window in both runs), nearest-rank percentiles.
 */
public final class OutageWorkload {

    private static final String TABLE = "bench_outage_jobs";

    private static final ZoneId ZONE = ZoneId.systemDefault();

    private OutageWorkload() {
    }

    /**
     * Runs the workload: every mode of {@code bench.outage.modes} once.
     *
     * @param workload the workload name for the rows
     * @throws Exception when a run fails
     */
    public static void run(String workload) throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            redis.start();
            for (String mode : System.getProperty("bench.outage.modes", "none,kill").split(",")) {
                once(workload, mode.trim(), redis);
            }
        }
    }

    private static void once(String workload, String mode, RedisProcess redis) throws Exception {
        int rate = Params.integer("rate", 50);
        int redisRate = Params.integer("redis.rate", 20);
        int longRate = Params.integer("redis.long.rate", 1);
        long longMillis = Params.longValue("redis.long.ms", 12_000);
        int seconds = Params.integer("seconds", 30);
        int warmupSeconds = Params.integer("warmup.s", 5);
        int outageStart = Params.integer("outage.start.s", 5);
        int outageSeconds = Params.integer("outage.s", 15);
        long lead = Params.longValue("lead.ms", 1_000);
        int threads = Params.threads();
        boolean kill = mode.equals("kill");
        Db.exec("DROP TABLE IF EXISTS " + TABLE);
        HikariDataSource pool = Db.pool("kairos-outage", threads + 3);
        Scheduler scheduler = Scheduler.builder().schedulerId("bench-outage").executor("default", new ThreadPoolJobExecutor(threads))
                .executor("long", new ThreadPoolJobExecutor(16))
                .jobStore("default", new JdbcJobStore(pool, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true)))
                .jobStore("cache", RedisJobStore.builder().uri(redis.uri()).keyPrefix("bench_outage_" + mode + ".").build())
                .build();
        AtomicInteger redisRuns = new AtomicInteger();
        scheduler.taskRegistry().register("bench.probe", (args, kwargs) -> {
            Probe.ran(((Number) args.get(0)).intValue(), ((Number) args.get(1)).longValue());
            return null;
        });
        scheduler.taskRegistry().register("bench.noop", (args, kwargs) -> {
            redisRuns.incrementAndGet();
            return null;
        });
        scheduler.taskRegistry().register("bench.long", (args, kwargs) -> {
            Thread.sleep(longMillis);
            redisRuns.incrementAndGet();
            return null;
        });
        scheduler.start();
        int warm = rate * warmupSeconds;
        int n = warm + rate * seconds;
        Probe.reset(n, true);
        Probe.Round round = Probe.current();
        long baseMillis = System.currentTimeMillis();
        long baseNanos = System.nanoTime();
        long t0 = baseMillis + lead + 200;
        long end = t0 + (warmupSeconds + seconds) * 1000L;
        long outageAt = t0 + (warmupSeconds + outageStart) * 1000L;
        AtomicInteger redisAddFailures = new AtomicInteger();
        Thread redisProducer = new Thread(() -> {
            for (int j = 0;; j++) {
                long due = t0 + Math.round(j * 1000.0 / redisRate);
                if (due >= end) {
                    return;
                }
                parkUntil(baseNanos, baseMillis, due - lead);
                boolean slow = longRate > 0 && j % Math.max(1, redisRate / longRate) == 0;
                try {
                    scheduler.addJob(JobRequest.of(slow ? "bench.long" : "bench.noop").jobstore("cache").executor(slow ? "long" : "default")
                            .trigger(trigger(due)));
                }
                catch (RuntimeException ex) {
                    redisAddFailures.incrementAndGet();
                }
            }
        }, "redis-producer");
        Thread outage = new Thread(() -> {
            try {
                parkUntil(baseNanos, baseMillis, outageAt);
                redis.crash();
                parkUntil(baseNanos, baseMillis, outageAt + outageSeconds * 1000L);
                redis.start();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, "outage");
        redisProducer.start();
        if (kill) {
            outage.start();
        }
        for (int i = 0; i < n; i++) {
            long due = t0 + Math.round(i * 1000.0 / rate);
            parkUntil(baseNanos, baseMillis, due - lead);
            scheduler.addJob(JobRequest.of("bench.probe").trigger(trigger(due)).args(i, due));
        }
        boolean all = round.await(lead + Params.longValue("timeout.ms", 60_000));
        redisProducer.join();
        if (kill) {
            outage.join();
        }
        Thread.sleep(Params.longValue("settle.ms", 2_000));
        scheduler.shutdown(false);
        pool.close();
        Db.exec("DROP TABLE IF EXISTS " + TABLE);
        int from = (warmupSeconds + outageStart) * rate;
        double[] window = round.latenessMillis(from, Math.min(n, from + outageSeconds * rate));
        double[] measured = round.latenessMillis(warm);
        System.err.printf("%s %s: all ran %s; outage window p50 %.1f p99 %.1f max %.1f ms; whole measured part p99 %.1f max %.1f ms;"
                + " redis: %d runs, %d adds failed%n", workload, mode, all, Stats.percentile(window, 50), Stats.percentile(window, 99),
                Stats.max(window), Stats.percentile(measured, 99), Stats.max(measured), redisRuns.get(), redisAddFailures.get());
        new Row(workload, "kairos", "default=JdbcJobStore(postgresql)+cache=RedisJobStore(private),ThreadPoolJobExecutor(" + threads
                + "),rate=" + rate + "/s+" + redisRate + "/s(" + longRate + "/s of " + longMillis + "ms on long(16)),lead=" + lead + "ms,outage=" + (kill ? "kill -9 redis " + outageSeconds + "s" : "none")
                + ",window=" + outageStart + "s+" + outageSeconds + "s,redis_runs=" + redisRuns.get() + ",redis_add_failures="
                + redisAddFailures.get())
                .put("n", window.length).put("threads", threads).put("instances", 1)
                .put("p50_ms", Stats.percentile(window, 50)).put("p99_ms", Stats.percentile(window, 99))
                .put("max_ms", Stats.max(window)).put("min_ms", Stats.min(window)).put("mean_ms", Stats.mean(window))
                .put("duplicate_ids", round.duplicateIds()).put("missing_ids", round.missingIds())
                .put("extra_executions", round.extraExecutions())
                .append(Params.out());
    }

    private static DateTrigger trigger(long dueEpochMillis) {
        return new DateTrigger(Instant.ofEpochMilli(dueEpochMillis).atZone(ZONE));
    }

    private static void parkUntil(long baseNanos, long baseMillis, long epochMillis) {
        long planned = baseNanos + (epochMillis - baseMillis) * 1_000_000L;
        long wait;
        while ((wait = planned - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
