package io.kairos.scheduler.benchmarks.e2e.peer;

import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.Db;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code quartz-ram} and {@code quartz-jdbc}: Quartz with the settings of {@code peer-benchmark.md}
 * ({@code SimpleThreadPool(threads)}, {@code batchTriggerAcquisitionMaxCount=threads}, fire-ahead window 0,
 * {@code SimpleJobFactory}, {@code misfireThreshold=1h}, one non-durable JobDetail + one SimpleTrigger per job).
 * JDBC: {@code JobStoreTX}, {@code PostgreSQLDelegate}, clustered, HikariCP pool of {@code threads + 3}, tables
 * {@code bench_qrtz_*} from the {@code tables_postgres.sql} Quartz ships.
 */
public final class QuartzPeer implements BenchScheduler {

    private static final String NAME = "bench";

    private final boolean jdbc;

    private final PeerConfig config;

    private final List<Scheduler> schedulers = new ArrayList<>();

    private QuartzPeer(boolean jdbc, PeerConfig config) throws Exception {
        this.jdbc = jdbc;
        this.config = config;
        if (jdbc) {
            createTables();
        }
        int instances = jdbc ? config.instances() : 1;
        for (int i = 0; i < instances; i++) {
            if (i > 0) {
                SchedulerRepository.getInstance().remove(NAME);
            }
            this.schedulers.add(new StdSchedulerFactory(properties("q" + i)).getScheduler());
        }
    }

    /** @param config threads; the RAM store has one instance */
    public static QuartzPeer ram(PeerConfig config) throws Exception {
        return new QuartzPeer(false, config);
    }

    /** @param config threads, instances, pool size */
    public static QuartzPeer jdbc(PeerConfig config) throws Exception {
        return new QuartzPeer(true, config);
    }

    private Properties properties(String instanceId) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.jobFactory.class", "org.quartz.simpl.SimpleJobFactory");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(this.config.threads()));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "0");
        p.setProperty("org.quartz.scheduler.idleWaitTime", "30000");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(this.config.threads()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "3600000");
        if (!this.jdbc) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "BENCH_QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "7500");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // one data source per instance: Quartz's DBConnectionManager is JVM-wide and keyed by name
        String ds = "org.quartz.dataSource.ds_" + instanceId;
        p.setProperty("org.quartz.jobStore.dataSource", "ds_" + instanceId);
        p.setProperty(ds + ".provider", "hikaricp");
        p.setProperty(ds + ".driver", "org.postgresql.Driver");
        p.setProperty(ds + ".URL", Db.URL);
        p.setProperty(ds + ".user", Db.USER);
        p.setProperty(ds + ".password", Db.PASSWORD);
        p.setProperty(ds + ".maxConnections", String.valueOf(this.config.poolSize()));
        return p;
    }

    private static void createTables() throws Exception {
        String ddl;
        try (InputStream in = Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder kept = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (!line.trim().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String s : kept.toString().replaceAll("(?i)qrtz_", "BENCH_QRTZ_").split(";")) {
            String t = s.trim();
            if (!t.isEmpty() && !t.equalsIgnoreCase("commit")) {
                statements.add(t);
            }
        }
        Db.exec(statements.toArray(String[]::new));
    }

    @Override
    public String variant() {
        String v = "mode=perjob,batchMax=" + this.config.threads() + ",idleWait=30000ms,misfireThr=1h";
        return this.jdbc ? "JobStoreTX,clustered," + v + ",pool=" + this.config.poolSize() + ",instances="
                + this.config.instances() : "RAMJobStore," + v;
    }

    @Override
    public void start() throws Exception {
        for (Scheduler s : this.schedulers) {
            s.start();
        }
    }

    @Override
    public void schedule(int id, long dueEpochMillis) throws Exception {
        this.schedulers.get(0).scheduleJob(job(id), trigger(id, dueEpochMillis));
    }

    @Override
    public void load(int count, long dueEpochMillis) throws Exception {
        Map<JobDetail, Set<? extends Trigger>> batch = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            batch.put(job(i), Set.of(trigger(i, dueEpochMillis)));
            if (batch.size() == 500 || i == count - 1) {
                this.schedulers.get(0).scheduleJobs(batch, false);
                batch.clear();
            }
        }
    }

    private static JobDetail job(int id) {
        return JobBuilder.newJob(QuartzProbeJob.class).withIdentity("j" + id).build();
    }

    private static Trigger trigger(int id, long due) {
        return TriggerBuilder.newTrigger().withIdentity(String.valueOf(id)).startAt(new Date(due))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()).build();
    }

    @Override
    public void close() throws Exception {
        for (Scheduler s : this.schedulers) {
            s.shutdown(false);
        }
        if (this.jdbc) {
            dropTables();
        }
    }

    static void dropTables() throws Exception {
        Db.exec("DROP TABLE IF EXISTS BENCH_QRTZ_FIRED_TRIGGERS, BENCH_QRTZ_PAUSED_TRIGGER_GRPS, "
                + "BENCH_QRTZ_SCHEDULER_STATE, BENCH_QRTZ_LOCKS, BENCH_QRTZ_SIMPLE_TRIGGERS, BENCH_QRTZ_CRON_TRIGGERS, "
                + "BENCH_QRTZ_SIMPROP_TRIGGERS, BENCH_QRTZ_BLOB_TRIGGERS, BENCH_QRTZ_TRIGGERS, BENCH_QRTZ_JOB_DETAILS, "
                + "BENCH_QRTZ_CALENDARS");
    }
}
