package io.kairos.scheduler.cluster;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.retry.RetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries across a cluster: three scheduler JVMs ({@link ClusterNode}) share a PostgreSQL job store, and a job whose
 * task fails twice, then succeeds ({@link ClusterJobs#failTwice}) runs under {@code max-attempts 3}. Its history,
 * read from the shared store, holds exactly attempts 1, 2 and 3 of the one fire time, whichever nodes ran them. Then
 * the node that ran the first failed attempt is killed ({@code kill -9}) while its retry is pending: the retry is
 * kept in the store, not in that node, so another node runs it, once.
 */
class PostgresRetryClusterIT {

    private static final String TASK = ClusterJobs.class.getName() + "::failTwice";

    @Test
    void attemptsOneTwoThreeRunOnceEachAndAPendingRetrySurvivesTheNodeThatFailed() throws Exception {
        String suffix = ClusterRun.uniqueSuffix();
        Map<String, String> store = Map.of("store", "jdbc", "jdbc-url", RunsTable.JDBC_URL, "table", "kairos_jobs_retry_" + suffix);
        try (ClusterRun cluster = ClusterRun.open(store, "retry_runs_" + suffix)) {
            Scheduler seeder = cluster.seeder();
            RunsTable runs = cluster.runs();
            NodeProcesses nodes = cluster.nodes();
            cluster.startNodes(3, Map.of("lease-ms", "5000", "poll-ms", "500", "workers", "2", "work-ms", "10"));

            // quick retries: each attempt on whichever node acquires the job first
            seeder.addJob(JobRequest.of(TASK).id("flaky").args("flaky")
                .retry(RetryPolicy.maxAttempts(3).withBackoff(Duration.ofMillis(500), Duration.ofSeconds(1)).withJitter(0)));
            await().atMost(Duration.ofSeconds(60)).until(() -> seeder.getRuns("flaky", 10).size() == 3);
            List<RunRecord> history = seeder.getRuns("flaky", 10);
            assertThat(history).extracting(RunRecord::attempt).containsExactly(3, 2, 1);
            assertThat(history).extracting(RunRecord::outcome)
                .containsExactly(RunOutcome.SUCCEEDED, RunOutcome.FAILED, RunOutcome.FAILED);
            assertThat(history).extracting(RunRecord::scheduledAt).containsOnly(history.get(0).scheduledAt());
            assertThat(runs.all()).filteredOn((r) -> r.jobId().equals("flaky")).hasSize(3);

            // a retry pending while the node that failed the attempt dies
            seeder.addJob(JobRequest.of(TASK).id("orphan").args("orphan")
                .retry(RetryPolicy.maxAttempts(3).withBackoff(Duration.ofSeconds(4), Duration.ofSeconds(4)).withJitter(0)));
            await().atMost(Duration.ofSeconds(60)).until(() -> seeder.getRuns("orphan", 10).size() == 1);
            String failedOn = runs.all().stream().filter((r) -> r.jobId().equals("orphan")).findFirst().orElseThrow().node();
            await("the retry waits in the store").atMost(Duration.ofSeconds(10))
                .until(() -> seeder.getJob("orphan").orElseThrow().pendingRetry().isPresent());
            nodes.kill(Integer.parseInt(failedOn.substring("node-".length())));
            await().atMost(Duration.ofSeconds(60)).until(() -> seeder.getRuns("orphan", 10).size() == 3);
            List<RunsTable.Run> orphanRuns = runs.all().stream().filter((r) -> r.jobId().equals("orphan")).toList();
            assertThat(orphanRuns).hasSize(3);
            assertThat(orphanRuns.subList(1, 3)).extracting(RunsTable.Run::node).doesNotContain(failedOn);
            assertThat(seeder.getRuns("orphan", 10)).extracting(RunRecord::attempt).containsExactly(3, 2, 1);
            nodes.killAll();
        }
        ClusterRun.assertNoNodeLeftRunning();
    }
}
