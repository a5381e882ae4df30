package io.kairos.scheduler.benchmarks.e2e.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;

import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.Db;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;
import io.kairos.scheduler.benchmarks.e2e.Probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dbsched-lock} / {@code dbsched-fetch}: db-scheduler one-time task (row deleted on completion), its
 * documented PostgreSQL DDL in table {@code bench_scheduled_tasks}, {@code threads(threads)},
 * {@code pollingInterval(poll)}, lock-and-fetch or fetch with limits (4.0, 20.0), {@code scheduleBatch} of 1,000
 * per call, immediate execution off. Jobs scheduled while running go through a {@link SchedulerClient} on its
 * own pool (a producer instance that runs nothing).
 */
public final class DbSchedulerPeer implements BenchScheduler {

    private static final String TABLE = "bench_scheduled_tasks";

    private static final OneTimeTask<Integer> TASK = Tasks.oneTime("bench", Integer.class)
            .execute((instance, ctx) -> Probe.ran(instance.getData(), ctx.getExecution().executionTime.toEpochMilli()));

    private final boolean lockAndFetch;

    private final PeerConfig config;

    private final List<HikariDataSource> pools = new ArrayList<>();

    private final List<Scheduler> schedulers = new ArrayList<>();

    private final SchedulerClient producer;

    private DbSchedulerPeer(boolean lockAndFetch, PeerConfig config) throws Exception {
        this.lockAndFetch = lockAndFetch;
        this.config = config;
        Db.exec("DROP TABLE IF EXISTS " + TABLE, "CREATE TABLE " + TABLE + " (task_name text not null, "
                + "task_instance text not null, task_data bytea, execution_time timestamp with time zone not null, "
                + "picked boolean not null, picked_by text, last_success timestamp with time zone, "
                + "last_failure timestamp with time zone, consecutive_failures int, "
                + "last_heartbeat timestamp with time zone, version bigint not null, priority smallint, "
                + "primary key (task_name, task_instance))",
                "CREATE INDEX bench_st_execution_time_idx ON " + TABLE + " (execution_time)",
                "CREATE INDEX bench_st_last_heartbeat_idx ON " + TABLE + " (last_heartbeat)",
                "CREATE INDEX bench_st_priority_execution_time_idx ON " + TABLE + " (priority desc, execution_time asc)");
        for (int i = 0; i < config.instances(); i++) {
            HikariDataSource pool = Db.pool("dbsched-" + i, config.poolSize());
            this.pools.add(pool);
            SchedulerBuilder b = Scheduler.create(pool, TASK).tableName(TABLE).threads(config.threads())
                    .pollingInterval(Duration.ofMillis(config.pollMillis())).shutdownMaxWait(Duration.ofSeconds(1));
            if (lockAndFetch) {
                b.pollUsingLockAndFetch(4.0, 20.0);
            }
            else {
                b.pollUsingFetchAndLockOnExecute(4.0, 20.0);
            }
            this.schedulers.add(b.build());
        }
        HikariDataSource producerPool = Db.pool("dbsched-producer", 2);
        this.pools.add(producerPool);
        this.producer = SchedulerClient.Builder.create(producerPool, TASK).tableName(TABLE).build();
    }

    /** @param config threads, instances, poll interval */
    public static DbSchedulerPeer lockAndFetch(PeerConfig config) throws Exception {
        return new DbSchedulerPeer(true, config);
    }

    /** @param config threads, instances, poll interval */
    public static DbSchedulerPeer fetch(PeerConfig config) throws Exception {
        return new DbSchedulerPeer(false, config);
    }

    @Override
    public String variant() {
        return (this.lockAndFetch ? "lock-and-fetch" : "fetch") + "(4.0,20.0),poll=" + this.config.pollMillis()
                + "ms,pool=" + this.config.poolSize() + ",instances=" + this.config.instances();
    }

    @Override
    public void start() {
        for (Scheduler s : this.schedulers) {
            s.start();
        }
    }

    @Override
    public void schedule(int id, long dueEpochMillis) {
        this.producer.schedule(TASK.instance(String.valueOf(id), id), Instant.ofEpochMilli(dueEpochMillis));
    }

    @Override
    public void load(int count, long dueEpochMillis) {
        List<TaskInstance<?>> batch = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            batch.add(TASK.instance(String.valueOf(i), i));
            if (batch.size() == 1000 || i == count - 1) {
                this.producer.scheduleBatch(batch, Instant.ofEpochMilli(dueEpochMillis));
                batch.clear();
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (Scheduler s : this.schedulers) {
            s.stop();
        }
        for (HikariDataSource p : this.pools) {
            p.close();
        }
        Db.exec("DROP TABLE IF EXISTS " + TABLE);
    }
}
