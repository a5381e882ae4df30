package io.kairos.scheduler.benchmarks.e2e;

import com.zaxxer.hikari.HikariDataSource;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.benchmarks.e2e.peer.BaselineRedis;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.store.redis.RedisJobStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code W5-add} (issue 21, part of W5): how fast one client adds date jobs to a shared store holding a background
 * of pending jobs, one {@code addJob} at a time and through {@code addJobs} in lists of {@code bench.bulk.list} jobs
 * (default 1,000). The scheduler is
 * started paused (jobs go to the store; nothing runs); every job is due in 1 h or later, so none falls due.
 *
 * <p>Peers: {@code kairos-jdbc} (PostgreSQL, {@link Db#URL}), {@code kairos-mariadb}
 * ({@code bench.mariadb.url}, default the loopback {@code test} database as root), {@code kairos-redis}. Parameters:
 * {@code bench.background} (pending jobs loaded first with {@code addJobs}, default 0), {@code bench.single.n}
 * (default 20,000), {@code bench.bulk.n} (default 100,000), {@code bench.bulk.list} (jobs per {@code addJobs} call,
 * default 1,000: one store batch per call; {@code bench.bulk.n} makes the bulk adds one call, whose batches a store may
 * pipeline), {@code bench.reps} (default 3). Prints one Markdown row:
 * background, single adds/s and bulk adds/s, each the median (min–max) of the reps. Drops its table / keys at the end.
 */
public final class ScaleAddWorkload {

    private static final String TABLE = "bench_w5_jobs";

    private static final String REDIS_PREFIX = "bench_w5.";

    private static final String TASK = "bench.noop";

    private ScaleAddWorkload() {
    }

    /**
     * Runs the workload for one peer.
     *
     * @param peer {@code kairos-jdbc}, {@code kairos-mariadb} or {@code kairos-redis}
     * @throws Exception when the store fails
     */
    public static void run(String peer) throws Exception {
        int background = Integer.getInteger("bench.background", 0);
        int singleN = Integer.getInteger("bench.single.n", 20_000);
        int bulkN = Integer.getInteger("bench.bulk.n", 100_000);
        int list = Integer.getInteger("bench.bulk.list", 1_000);
        int reps = Integer.getInteger("bench.reps", 3);
        HikariDataSource pool = switch (peer) {
            case "kairos-jdbc" -> Db.pool("w5", 4);
            case "kairos-mariadb" -> Db.mariaDbPool("w5-mariadb", 4);
            case "kairos-redis" -> null;
            default -> throw new IllegalArgumentException("W5-add peers: kairos-jdbc, kairos-mariadb, kairos-redis; not '" + peer + "'");
        };
        JobStore store = pool == null ? RedisJobStore.builder().uri(BaselineRedis.URI).keyPrefix(REDIS_PREFIX).build()
                : new JdbcJobStore(pool, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true));
        Scheduler scheduler = Scheduler.builder().executor("default", new ThreadPoolJobExecutor(1)).jobStore("default", store).build();
        scheduler.taskRegistry().register(TASK, (args, kwargs) -> null);
        scheduler.start(true);
        try {
            Instant due = Instant.now().plusSeconds(3_600);
            double[] single = new double[reps];
            double[] bulk = new double[reps];
            for (int rep = 0; rep < reps; rep++) {
                // each rep starts from the background alone
                scheduler.removeAllJobs();
                addBulk(scheduler, "bg-", background, due.plusSeconds(3_600), 1_000);
                long start = System.nanoTime();
                for (int i = 0; i < singleN; i++) {
                    scheduler.addJob(request("s-" + i, due.plusMillis(i)));
                }
                single[rep] = singleN / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                addBulk(scheduler, "b-", bulkN, due, list);
                bulk[rep] = bulkN / ((System.nanoTime() - start) / 1e9);
                System.out.printf("rep %d: single %.0f/s, bulk %.0f/s%n", rep, single[rep], bulk[rep]);
            }
            System.out.printf("| %s | %,d | %s | %s |%n", peer, background, range(single), range(bulk));
            scheduler.removeAllJobs();
        }
        finally {
            scheduler.shutdown();
            if (pool != null) {
                try (var c = pool.getConnection(); var s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + TABLE);
                }
                pool.close();
            }
        }
    }

    private static String range(double[] rates) {
        return String.format("%,.0f (%,.0f–%,.0f)", Stats.median(rates), Stats.min(rates), Stats.max(rates));
    }

    private static void addBulk(Scheduler scheduler, String prefix, int n, Instant due, int list) {
        List<JobRequest> batch = new ArrayList<>(Math.min(n, list));
        for (int i = 0; i < n; i++) {
            batch.add(request(prefix + i, due.plusMillis(i)));
            if (batch.size() == list || i == n - 1) {
                scheduler.addJobs(batch);
                batch.clear();
            }
        }
    }

    private static JobRequest request(String id, Instant due) {
        return JobRequest.of(TASK).id(id).trigger(Map.of("type", "date", "run_date", due.toString()));
    }
}
