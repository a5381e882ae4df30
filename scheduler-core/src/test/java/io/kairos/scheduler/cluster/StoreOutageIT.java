package io.kairos.scheduler.cluster;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store's server goes down for 20 seconds while a scheduler has work, then comes back: the scheduler
 * publishes {@link JobStoreFailed}, its loop thread stays alive, jobs run again after the server's return (how soon is
 * not asserted here: {@code SchedulerLoopBackoffTests} and the reconnect test of {@code RedisJobStoreIT} cover it
 * deterministically), and afterwards every job runs exactly once and every run is in the run history.
 * The server is a private one on a free port ({@link PrivatePostgres}, {@link PrivateRedis}, {@link PrivateZooKeeper},
 * {@link PrivateMongo}); the shared
 * servers on 5432/6379 are never stopped. Runs are counted in a table on the shared PostgreSQL.
 */
class StoreOutageIT {

    private static final int ONE_SHOT_JOBS = 400;

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final String TASK = ClusterJobs.class.getName() + "::record";

    @Test
    void postgresOutage() throws Exception {
        Optional<Path> bin = PrivatePostgres.binaries();
        assumeTrue(bin.isPresent(), "PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin/initdb, pg_ctl) are not installed; "
                + "install the distribution's postgresql package to run this test");
        try (PrivatePostgres server = PrivatePostgres.create(bin.get())) {
            server.start();
            survivesOutage(server);
        }
    }

    @Test
    void redisOutage() throws Exception {
        Optional<Path> executable = PrivateRedis.executable();
        assumeTrue(executable.isPresent(), "redis-server is not on the PATH; install the distribution's redis-server package to run this test");
        try (PrivateRedis server = PrivateRedis.create(executable.get())) {
            server.start();
            survivesOutage(server);
        }
    }

    @Test
    void zookeeperOutage() throws Exception {
        try (PrivateZooKeeper server = new PrivateZooKeeper()) {
            server.start();
            survivesOutage(server);
        }
    }

    @Test
    void mongodbOutage() throws Exception {
        try (PrivateMongo server = new PrivateMongo()) {
            server.start();
            survivesOutage(server);
        }
    }

    private void survivesOutage(PrivateServer server) throws Exception {
        String suffix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + ThreadLocalRandom.current().nextInt(1000);
        String kind = server.getClass().getSimpleName();
        try (RunsTable runs = RunsTable.create("outage_runs_" + suffix)) {
            ClusterJobs.configure(runs.dataSource(), runs.name(), "outage", 20);
            ClusterStores.Handle handle = ClusterStores.open(server.storeOptions(suffix), true);
            Scheduler scheduler = Scheduler.builder().schedulerId("outage").timezone(ZoneOffset.UTC)
                    .allowTaskPackages(ClusterJobs.class.getPackageName()).leaseTime(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(500)).jobStore("default", handle.store())
                    .executor("default", new RunTimeExposingExecutor(new ThreadPoolJobExecutor(4))).build();
            AtomicInteger storeFailures = new AtomicInteger();
            scheduler.addListener(JobStoreFailed.class, (e) -> storeFailures.incrementAndGet());
            try {
                scheduler.start();
                Thread loop = loopThread();
                Instant start = Instant.now();
                scheduler.addJob(JobRequest.of(TASK).id("cron-0").args("cron-0").trigger(Map.of("type", "cron", "second", "*")));
                for (int i = 0; i < ONE_SHOT_JOBS; i++) {
                    // due over the next 30 s: before, during and after the outage
                    Instant runAt = start.plusMillis(i * 75L);
                    scheduler.addJob(JobRequest.of(TASK).id("once-" + i).args("once-" + i)
                            .trigger(Map.of("type", "date", "run_date", runAt.atOffset(ZoneOffset.UTC).toString())));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> runs.distinctJobs("once-") >= 20);
                server.crash();
                Instant downUntil = Instant.now().plus(OUTAGE);
                while (Instant.now().isBefore(downUntil)) {
                    assertThat(loop.isAlive()).as("scheduler loop thread alive during the outage").isTrue();
                    Thread.sleep(250);
                }
                long ranBeforeRestart = runs.distinctJobs("once-");
                server.start();
                Instant restartedAt = Instant.now();
                // the first run after the restart: when the store (and the loop) noticed the server is back
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> runs.distinctJobs("once-") > ranBeforeRestart);
                long firstRunAfter = Duration.between(restartedAt, Instant.now()).toMillis();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> runs.distinctJobs("once-") == ONE_SHOT_JOBS && scheduler.getJobs().size() == 1);
                long recovered = Duration.between(restartedAt, Instant.now()).toMillis();
                assertThat(storeFailures.get()).as("JobStoreFailed events during the outage").isPositive();
                assertThat(loop.isAlive()).as("scheduler loop thread alive after the outage").isTrue();
                assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
                List<RunsTable.Run> all = runs.all();
                Map<String, Long> perJob = all.stream().filter((r) -> r.jobId().startsWith("once-"))
                        .collect(Collectors.groupingBy(RunsTable.Run::jobId, Collectors.counting()));
                assertThat(perJob).as("runs per one-shot job").hasSize(ONE_SHOT_JOBS).allSatisfy((id, count) -> assertThat(count).as(id).isOne());
                Map<Long, Long> cronPerFireTime = all.stream().filter((r) -> r.jobId().equals("cron-0"))
                        .collect(Collectors.groupingBy(RunsTable.Run::scheduledTime, Collectors.counting()));
                assertThat(cronPerFireTime).as("runs per cron fire time").isNotEmpty().allSatisfy((t, count) -> assertThat(count).as("" + t).isOne());
                // the run history has every run, those that ended while the server was down too (the recorder held them)
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> recordedJobs(scheduler).size() == ONE_SHOT_JOBS);
                assertThat(recordedJobs(scheduler)).as("one-shot jobs with a SUCCEEDED run in the history").hasSize(ONE_SHOT_JOBS);
                System.out.printf("OUTAGE %s: %d JobStoreFailed events; %d of %d one-shot jobs ran before the restart; the first ran %d ms"
                        + " and all ran %d ms after it (the last was due ~%d ms after it);"
                        + " %d cron runs%n", kind, storeFailures.get(), ranBeforeRestart, ONE_SHOT_JOBS, firstRunAfter, recovered,
                        Duration.between(restartedAt, start.plusMillis((ONE_SHOT_JOBS - 1) * 75L)).toMillis(), cronPerFireTime.size());
            }
            finally {
                scheduler.shutdown(false);
                handle.close();
            }
        }
    }

    private static Set<String> recordedJobs(Scheduler scheduler) {
        Set<String> jobs = new HashSet<>();
        RunQuery query = RunQuery.all().withOutcomes(RunOutcome.SUCCEEDED).withLimit(RunQuery.MAX_LIMIT);
        for (RunPage page = scheduler.findRuns(query); ; page = scheduler.findRuns(query.after(page.next()))) {
            page.runs().stream().map(RunRecord::jobId).filter((id) -> id.startsWith("once-")).forEach(jobs::add);
            if (page.next() == null) {
                return jobs;
            }
        }
    }

    private static Thread loopThread() {
        List<Thread> loops = Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals("kairos-scheduler-default")).toList();
        assertThat(loops).as("scheduler loop threads in this JVM").hasSize(1);
        return loops.get(0);
    }
}
