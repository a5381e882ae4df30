package io.kairos.scheduler.cluster;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.zaxxer.hikari.HikariDataSource;

/**
 * One scheduler instance of a cluster test, run as its own JVM by {@link NodeProcesses}. Arguments are
 * {@code key=value}: {@code node} (its name and scheduler id), {@code runs-table}, {@code lease-ms},
 * {@code poll-ms}, {@code workers}, {@code work-ms}, {@code go-file}, and the store options of
 * {@link ClusterStores}. Starts its scheduler paused and prints {@code READY <node>}; resumes it once the go file
 * exists (so that all nodes start working together) and runs until it is killed; on a normal exit (SIGTERM) it
 * shuts the scheduler down without waiting for runs.
 */
public final class ClusterNode {

    private ClusterNode() {
    }

    /**
     * Starts the node.
     *
     * @param args {@code key=value} options
     * @throws Exception when the node cannot start (the process then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String node = ClusterStores.require(options, "node");
        int workers = Integer.parseInt(ClusterStores.require(options, "workers"));
        HikariDataSource runs = RunsTable.dataSource(RunsTable.JDBC_URL, workers + 1);
        ClusterJobs.configure(runs, ClusterStores.require(options, "runs-table"), node,
                Long.parseLong(ClusterStores.require(options, "work-ms")));
        ClusterStores.Handle store = ClusterStores.open(options, false);
        Scheduler scheduler = Scheduler.builder()
                .schedulerId(node)
                .timezone(ZoneOffset.UTC)
                .allowTaskPackages(ClusterJobs.class.getPackageName())
                .leaseTime(Duration.ofMillis(Long.parseLong(ClusterStores.require(options, "lease-ms"))))
                .pollInterval(Duration.ofMillis(Long.parseLong(ClusterStores.require(options, "poll-ms"))))
                .jobStore("default", store.store())
                .executor("default", new RunTimeExposingExecutor(new ThreadPoolJobExecutor(workers)))
                .build();
        scheduler.addListener(JobStoreFailed.class, (e) -> System.out.println("STORE-FAILED " + e.exception()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.shutdown(false);
            runs.close();
        }, "cluster-node-shutdown"));
        scheduler.start(true);
        System.out.println("READY " + node);
        System.out.flush();
        Path go = Path.of(ClusterStores.require(options, "go-file"));
        while (!Files.exists(go)) {
            Thread.sleep(10);
        }
        scheduler.resume();
        System.out.println("RESUMED " + node);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
