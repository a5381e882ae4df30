package io.kairos.scheduler.benchmarks.e2e.kairos;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerBuilder;
import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.Db;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;
import io.kairos.scheduler.benchmarks.e2e.Probe;
import io.kairos.scheduler.benchmarks.e2e.peer.BaselineRedis;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.benchmarks.e2e.servers.JvmStoreServer;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.store.mongodb.MongoJobStore;
import io.kairos.scheduler.store.redis.RedisJobStore;
import io.kairos.scheduler.store.zookeeper.ZooKeeperJobStore;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code kairos-mem}, {@code kairos-jdbc}, {@code kairos-mariadb}, {@code kairos-redis}, {@code kairos-mongo},
 * {@code kairos-zk}: Kairos schedulers with a {@link ThreadPoolJobExecutor} of {@code threads} and the memory, JDBC
 * (PostgreSQL or MariaDB, table {@code bench_kairos_jobs}, HikariCP pool of {@code threads + 3} per instance), Redis (key prefix
 * {@code bench_kairos.}), MongoDB (collection {@code kairos.bench_kairos_jobs} on mongo-java-server, not a real
 * {@code mongod}) or ZooKeeper store (root {@code /bench_kairos}); the MongoDB and ZooKeeper servers run in a child
 * JVM ({@link JvmStoreServer}) started once per benchmark JVM, emptied for each round. Job defaults (misfire grace unlimited, coalesce, max instances 1), default poll interval
 * and lease time. Each job runs task {@code bench.probe} with arguments (id, due epoch ms) on a {@link DateTrigger} in the
 * system zone (the scheduler's default zone).
 *
 * <p>Shared stores: jobs are added through a separate producer scheduler on the same store, started paused (it
 * stores jobs, never runs them), so the measured instances learn of them as another instance would (PostgreSQL
 * {@code NOTIFY}, Redis pub/sub) or, before {@link #start()}, find them at start-up.
 */
public final class KairosPeer implements BenchScheduler {

    /** The task every job runs. */
    public static final String TASK = "bench.probe";

    /**
     * {@code -Dbench.kairos.queue=N}: the thread pool's {@code queue-capacity} (default: the executor's default,
     * 16 × threads); {@code 0} acquires only as many jobs per pass as there are idle threads.
     */
    static final Integer QUEUE = Integer.getInteger("bench.kairos.queue");

    private static final ZoneId ZONE = ZoneId.systemDefault();

    /** The job table of the JDBC peers. */
    public static final String TABLE = "bench_kairos_jobs";

    /** The JDBC store's run history table and the MongoDB store's run history collection ({@code <table>_runs}). */
    private static final String RUNS_TABLE = TABLE + "_runs";

    private static final String REDIS_PREFIX = "bench_kairos.";

    private enum Kind { MEMORY, JDBC, MARIADB, REDIS, MONGODB, ZOOKEEPER }

    private static final String ZK_ROOT = "/bench_kairos";

    private static JvmStoreServer mongoServer;

    private static JvmStoreServer zooKeeperServer;

    private final Kind kind;

    /** Whether run history is recorded ({@code kairos-jdbc}) or not ({@code kairos-jdbc-nohistory}, {@code kairos-zk-nohistory}). */
    private final boolean history;

    private final PeerConfig config;

    private final List<Scheduler> instances = new ArrayList<>();

    private final List<HikariDataSource> pools = new ArrayList<>();

    private final Scheduler producer;

    private KairosPeer(Kind kind, PeerConfig config) throws Exception {
        this(kind, config, true);
    }

    private KairosPeer(Kind kind, PeerConfig config, boolean history) throws Exception {
        this.kind = kind;
        this.config = config;
        this.history = history;
        if (kind == Kind.JDBC) {
            Db.exec("DROP TABLE IF EXISTS " + TABLE);
            Db.exec("DROP TABLE IF EXISTS " + RUNS_TABLE);
        }
        if (kind == Kind.MARIADB) {
            Db.execMariaDb("DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + RUNS_TABLE);
        }
        if (kind == Kind.REDIS) {
            clearRedis();
        }
        if (kind == Kind.MONGODB && mongoServer == null) {
            mongoServer = JvmStoreServer.start("mongodb");
        }
        if (kind == Kind.ZOOKEEPER && zooKeeperServer == null) {
            zooKeeperServer = JvmStoreServer.start("zookeeper");
        }
        clearServerStores();
        int n = kind == Kind.MEMORY ? 1 : config.instances();
        for (int i = 0; i < n; i++) {
            this.instances.add(build("bench-" + i, config.threads(), config.poolSize()));
        }
        if (kind == Kind.MEMORY) {
            this.producer = this.instances.get(0);
        }
        else {
            this.producer = build("bench-producer", 1, 5);
            this.producer.start(true);
        }
    }

    /** @param config threads */
    public static KairosPeer memory(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.MEMORY, config);
    }

    /**
     * {@code kairos-mem-nohistory}: {@code kairos-mem} with {@code kairos.history.enabled=false}, to measure what
     * recording run history costs in memory.
     *
     * @param config threads
     */
    public static KairosPeer memoryWithoutHistory(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.MEMORY, config, false);
    }

    /** @param config threads, instances */
    public static KairosPeer jdbc(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.JDBC, config);
    }

    /**
     * {@code kairos-jdbc-nohistory}: {@code kairos-jdbc} with {@code kairos.history.enabled=false}, to measure what
     * recording run history costs.
     *
     * @param config threads, instances
     */
    public static KairosPeer jdbcWithoutHistory(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.JDBC, config, false);
    }

    /** @param config threads, instances */
    public static KairosPeer mariadb(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.MARIADB, config);
    }

    /** @param config threads, instances */
    public static KairosPeer redis(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.REDIS, config);
    }

    /** @param config threads, instances */
    public static KairosPeer mongodb(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.MONGODB, config);
    }

    /** @param config threads, instances */
    public static KairosPeer zookeeper(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.ZOOKEEPER, config);
    }

    /**
     * {@code kairos-zk-nohistory}: {@code kairos-zk} with {@code kairos.history.enabled=false}, to measure what
     * recording run history in ZooKeeper costs.
     *
     * @param config threads, instances
     */
    public static KairosPeer zookeeperWithoutHistory(PeerConfig config) throws Exception {
        return new KairosPeer(Kind.ZOOKEEPER, config, false);
    }

    private static String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoServer.port();
    }

    private static String zooKeeperConnect() {
        return "127.0.0.1:" + zooKeeperServer.port();
    }

    /**
     * Drops the MongoDB collections (jobs and run history) or the ZooKeeper root left by the previous round, when that
     * is this peer's store.
     */
    private void clearServerStores() throws Exception {
        if (this.kind == Kind.MONGODB) {
            try (MongoClient client = MongoClients.create(mongoUri())) {
                client.getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(TABLE).drop();
                client.getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(RUNS_TABLE).drop();
            }
        }
        if (this.kind == Kind.ZOOKEEPER) {
            try (CuratorFramework client = CuratorFrameworkFactory.newClient(zooKeeperConnect(), new RetryOneTime(100))) {
                client.start();
                client.blockUntilConnected();
                if (client.checkExists().forPath(ZK_ROOT) != null) {
                    client.delete().deletingChildrenIfNeeded().forPath(ZK_ROOT);
                }
            }
        }
    }

    private Scheduler build(String id, int threads, int poolSize) {
        SchedulerBuilder b = Scheduler.builder().schedulerId(id)
                .history(io.kairos.scheduler.history.HistorySettings.DEFAULTS.withEnabled(this.history))
                .executor("default", QUEUE == null ? new ThreadPoolJobExecutor(threads)
                        : new ThreadPoolJobExecutor(threads, QUEUE))
                .jobStore("default", store(id, poolSize));
        Scheduler s = b.build();
        s.taskRegistry().register(TASK, (args, kwargs) -> {
            Probe.ran(((Number) args.get(0)).intValue(), ((Number) args.get(1)).longValue());
            return null;
        });
        return s;
    }

    private JobStore store(String id, int poolSize) {
        return switch (this.kind) {
            case MEMORY -> new MemoryJobStore();
            case JDBC -> {
                HikariDataSource pool = Db.pool("kairos-" + id, poolSize);
                this.pools.add(pool);
                yield new JdbcJobStore(pool, JdbcJobStoreSettings.defaults().withTableName(TABLE)
                        .withCreateSchema(true));
            }
            case MARIADB -> {
                HikariDataSource pool = Db.mariaDbPool("kairos-" + id, poolSize);
                this.pools.add(pool);
                yield new JdbcJobStore(pool, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true));
            }
            case REDIS -> RedisJobStore.builder().uri(BaselineRedis.URI).keyPrefix(REDIS_PREFIX).build();
            case MONGODB -> MongoJobStore.builder().connectionString(mongoUri()).collection(TABLE).build();
            case ZOOKEEPER -> ZooKeeperJobStore.builder().connectString(zooKeeperConnect()).rootPath(ZK_ROOT).build();
        };
    }

    @Override
    public String variant() {
        return (QUEUE != null ? "queue=" + QUEUE + "," : "") + switch (this.kind) {
            case MEMORY -> "MemoryJobStore,ThreadPoolJobExecutor(" + this.config.threads() + ")" + (this.history ? "" : ",history=off");
            case JDBC -> "JdbcJobStore(postgresql),ThreadPoolJobExecutor(" + this.config.threads() + "),pool="
                    + this.config.poolSize() + ",poll=default(5s)+NOTIFY,instances=" + this.config.instances()
                    + ",history=" + (this.history ? "on" : "off");
            case MARIADB -> "JdbcJobStore(mariadb),ThreadPoolJobExecutor(" + this.config.threads() + "),pool="
                    + this.config.poolSize() + ",poll=default(5s),instances=" + this.config.instances() + ",history="
                    + (this.history ? "on" : "off");
            case REDIS -> "RedisJobStore,ThreadPoolJobExecutor(" + this.config.threads()
                    + "),poll=default(5s)+pubsub,instances=" + this.config.instances() + ",history=" + (this.history ? "on" : "off");
            case MONGODB -> "MongoJobStore(mongo-java-server),ThreadPoolJobExecutor(" + this.config.threads()
                    + "),poll=default(5s),instances=" + this.config.instances() + ",history=" + (this.history ? "on" : "off");
            case ZOOKEEPER -> "ZooKeeperJobStore,ThreadPoolJobExecutor(" + this.config.threads()
                    + "),poll=default(5s)+watches,instances=" + this.config.instances() + ",history=" + (this.history ? "on" : "off");
        };
    }

    @Override
    public void start() {
        for (Scheduler s : this.instances) {
            s.start();
        }
    }

    @Override
    public void schedule(int id, long dueEpochMillis) {
        this.producer.addJob(JobRequest.of(TASK).trigger(new DateTrigger(Instant.ofEpochMilli(dueEpochMillis), ZONE))
                .args(id, dueEpochMillis));
    }

    /** Adds the jobs from 4 threads through the producer (Kairos has no bulk add). */
    @Override
    public void load(int count, long dueEpochMillis) throws Exception {
        ExecutorService loaders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                parts.add(loaders.submit(() -> {
                    for (int i = first; i < count; i += 4) {
                        schedule(i, dueEpochMillis);
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        }
        finally {
            loaders.shutdown();
        }
    }

    /**
     * Adds {@code count} pending jobs due in 30 days (never due during a run), ids {@code bg-0 ..}: the background of
     * W5.
     *
     * @param count how many
     */
    public void loadBackground(int count) {
        addJobs("bg-", count, System.currentTimeMillis() + 30L * 24 * 3_600_000);
    }

    /**
     * Adds jobs through the producer's {@code addJobs} in lists of 1,000, ids {@code prefix + i}, job i due at
     * {@code dueEpochMillis + i}; they do not report to the {@link Probe} (argument -1) and are not meant to run.
     *
     * @param prefix id prefix
     * @param count how many
     * @param dueEpochMillis when the first is due
     */
    public void addJobs(String prefix, int count, long dueEpochMillis) {
        addInLists(count, (i) -> JobRequest.of(TASK).id(prefix + i)
                .trigger(new DateTrigger(Instant.ofEpochMilli(dueEpochMillis + i), ZONE)).args(-1, dueEpochMillis + i));
    }

    /**
     * Loads probe jobs {@code 0 .. count-1} (generated ids), all due at {@code dueEpochMillis}, through the producer's
     * {@code addJobs} in lists of 1,000.
     *
     * @param count how many
     * @param dueEpochMillis when they are due
     */
    public void loadInLists(int count, long dueEpochMillis) {
        addInLists(count, (i) -> JobRequest.of(TASK).trigger(new DateTrigger(Instant.ofEpochMilli(dueEpochMillis), ZONE))
                .args(i, dueEpochMillis));
    }

    private void addInLists(int count, java.util.function.IntFunction<JobRequest> request) {
        List<JobRequest> list = new ArrayList<>(1_000);
        for (int i = 0; i < count; i++) {
            list.add(request.apply(i));
            if (list.size() == 1_000 || i == count - 1) {
                this.producer.addJobs(list);
                list.clear();
            }
        }
    }

    /**
     * Adds one job through the producer's {@code addJob}, with the id given.
     *
     * @param id the job id
     * @param dueEpochMillis when it is due
     */
    public void addJob(String id, long dueEpochMillis) {
        this.producer.addJob(JobRequest.of(TASK).id(id).trigger(new DateTrigger(Instant.ofEpochMilli(dueEpochMillis), ZONE))
                .args(-1, dueEpochMillis));
    }

    /** Pauses job processing on the measured instances (they keep their stores; due jobs wait). */
    public void pause() {
        this.instances.forEach(Scheduler::pause);
    }

    /** Resumes job processing on the measured instances. */
    public void resume() {
        this.instances.forEach(Scheduler::resume);
    }

    @Override
    public void close() throws Exception {
        for (Scheduler s : this.instances) {
            s.shutdown(false);
        }
        if (this.producer != this.instances.get(0)) {
            this.producer.shutdown(false);
        }
        for (HikariDataSource p : this.pools) {
            p.close();
        }
        if (this.kind == Kind.JDBC) {
            Db.exec("DROP TABLE IF EXISTS " + TABLE);
            Db.exec("DROP TABLE IF EXISTS " + RUNS_TABLE);
        }
        if (this.kind == Kind.MARIADB) {
            Db.execMariaDb("DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + RUNS_TABLE);
        }
        if (this.kind == Kind.REDIS) {
            clearRedis();
        }
        clearServerStores();
    }

    private static void clearRedis() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(BaselineRedis.URI);
        try (var c = client.connect()) {
            List<String> keys = c.sync().keys(REDIS_PREFIX + "*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(String[]::new));
            }
        }
        finally {
            client.shutdown();
        }
    }
}
