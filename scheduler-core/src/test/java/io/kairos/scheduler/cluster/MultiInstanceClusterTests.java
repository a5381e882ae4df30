package io.kairos.scheduler.cluster;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three scheduler JVMs ({@link ClusterNode}) share one job store: 5,000 one-shot jobs and a few cron jobs
 * firing every second. Every run writes a row to a PostgreSQL runs table. One node is killed with
 * {@code kill -9} while it runs jobs; its leases expire and the other nodes take its jobs over. Checked: every
 * one-shot job ran; a job ran twice only when the killed node started it (a run in flight when it died); no
 * node ran a job twice; a cron fire time ran more than once only when the killed node ran it. Subclasses give
 * the store.
 */
abstract class MultiInstanceClusterTests {

    static final int ONE_SHOT_JOBS = 5_000;

    static final int CRON_JOBS = 3;

    static final String TASK = ClusterJobs.class.getName() + "::record";

    static final String VICTIM = "node-2";

    /**
     * The store options of {@link ClusterStores} for this run.
     *
     * @param suffix unique per run, lower-case letters and digits
     * @return the options
     */
    abstract Map<String, String> storeOptions(String suffix);

    /**
     * The nodes' lease time.
     *
     * @return milliseconds, as text
     */
    String leaseMillis() {
        return "5000";
    }

    @Test
    void everyJobRunsExactlyOnceExceptRunsInFlightOnAKilledNode() throws Exception {
        String suffix = ClusterRun.uniqueSuffix();
        try (ClusterRun cluster = ClusterRun.open(storeOptions(suffix), "cluster_runs_" + suffix)) {
            Scheduler seeder = cluster.seeder();
            RunsTable runs = cluster.runs();
            NodeProcesses nodes = cluster.nodes();
            long seedStart = System.nanoTime();
            seed(seeder);
            System.out.printf("CLUSTER %s: seeded %d jobs in %d ms%n", getClass().getSimpleName(), ONE_SHOT_JOBS + CRON_JOBS,
                    (System.nanoTime() - seedStart) / 1_000_000);
            cluster.startNodes(3, Map.of("lease-ms", leaseMillis(), "poll-ms", "500", "workers", "8", "work-ms", "20"));
            long goAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> runs.count(VICTIM) >= 50);
            assertThat(runs.distinctJobs("once-")).as("one-shot jobs run before the kill (the kill must come while they run)")
                    .isLessThan(ONE_SHOT_JOBS);
            Map<String, Long> beforeKill = new java.util.TreeMap<>();
            for (int i = 0; i < 3; i++) {
                beforeKill.put("node-" + i, runs.count("node-" + i));
            }
            nodes.kill(2);
            long killedAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .until(() -> runs.distinctJobs("once-") == ONE_SHOT_JOBS && seeder.getJobs().size() == CRON_JOBS);
            long doneAt = System.currentTimeMillis();
            long cronRunsAtEnd = runs.distinctJobs("cron-");
            Thread.sleep(2000); // let the cron jobs fire a few more times on the two survivors
            nodes.killAll();
            System.out.printf("CLUSTER %s: nodes resumed; kill after %d ms (runs per node then: %s); all one-shot jobs done %d ms after resuming%n",
                    getClass().getSimpleName(), killedAt - goAt, beforeKill, doneAt - goAt);
            check(runs.all(), killedAt, cronRunsAtEnd);
        }
        ClusterRun.assertNoNodeLeftRunning();
    }

    /** Adds the jobs from 8 threads (one store round trip per job); the one-shot jobs are due at once. */
    private static void seed(Scheduler seeder) throws InterruptedException, ExecutionException {
        for (int i = 0; i < CRON_JOBS; i++) {
            seeder.addJob(JobRequest.of(TASK).id("cron-" + i).args("cron-" + i).trigger(Map.of("type", "cron", "second", "*")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> added = new ArrayList<>();
            for (int i = 0; i < ONE_SHOT_JOBS; i++) {
                String id = "once-" + i;
                added.add(pool.submit(() -> seeder.addJob(JobRequest.of(TASK).id(id).args(id))));
            }
            for (Future<?> future : added) {
                future.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private void check(List<RunsTable.Run> all, long killedAt, long cronJobsRun) {
        Map<String, List<RunsTable.Run>> oneShot = all.stream().filter((r) -> r.jobId().startsWith("once-"))
                .collect(Collectors.groupingBy(RunsTable.Run::jobId));
        assertThat(oneShot).as("one-shot jobs that ran").hasSize(ONE_SHOT_JOBS);
        List<String> rerun = oneShot.entrySet().stream().filter((e) -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList();
        for (String id : rerun) {
            List<RunsTable.Run> jobRuns = oneShot.get(id);
            assertThat(jobRuns).as("runs of %s", id).hasSize(2)
                    .anySatisfy((r) -> assertThat(r.node()).isEqualTo(VICTIM))
                    .extracting(RunsTable.Run::node).doesNotHaveDuplicates();
        }
        Map<List<Object>, List<RunsTable.Run>> cron = all.stream().filter((r) -> r.jobId().startsWith("cron-"))
                .collect(Collectors.groupingBy((r) -> List.of(r.jobId(), r.scheduledTime())));
        assertThat(cronJobsRun).as("cron jobs that ran").isEqualTo(CRON_JOBS);
        cron.forEach((fire, fireRuns) -> {
            if (fireRuns.size() > 1) {
                assertThat(fireRuns).as("runs of cron fire time %s", fire).hasSize(2)
                        .anySatisfy((r) -> assertThat(r.node()).isEqualTo(VICTIM))
                        .extracting(RunsTable.Run::node).doesNotHaveDuplicates();
            }
        });
        String rerunDetail = rerun.stream().limit(12).map((id) -> id + oneShot.get(id).stream()
                .sorted(java.util.Comparator.comparingLong(RunsTable.Run::startedAt))
                .map((r) -> r.node() + "@" + (r.startedAt() - killedAt) + "ms").toList()).collect(Collectors.joining(", "));
        long takeOver = rerun.stream().flatMap((id) -> oneShot.get(id).stream()).filter((r) -> !r.node().equals(VICTIM))
                .mapToLong((r) -> r.startedAt() - killedAt).min().orElse(-1);
        Map<String, Long> perNode = all.stream().collect(Collectors.groupingBy(RunsTable.Run::node, Collectors.counting()));
        System.out.printf("CLUSTER %s: %d runs %s; %d one-shot jobs ran twice (runs relative to the kill: %s); first re-run %d ms after the kill;"
                        + " %d cron fire times, %d run twice%n", getClass().getSimpleName(), all.size(), perNode, rerun.size(), rerunDetail,
                takeOver, cron.size(), cron.values().stream().filter((r) -> r.size() > 1).count());
    }
}
