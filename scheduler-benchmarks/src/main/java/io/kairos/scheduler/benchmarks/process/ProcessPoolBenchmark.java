package io.kairos.scheduler.benchmarks.process;

import io.kairos.scheduler.executor.process.ProcessPool;
import io.kairos.scheduler.executor.process.ProcessPoolOptions;
import io.kairos.scheduler.task.AllowedPackages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the process pool: the start-up time of one worker JVM (from {@code ProcessBuilder.start()} to its
 * ready message) and the jobs per second a warm pool of 2 workers runs for a trivial job (a static method
 * adding two numbers: the cost is the round trip: JSON over pipes, task lookup, reflection).
 *
 * <p>Run from the shaded jar, so that the workers inherit a class path that holds everything:
 * <pre>
 * mvn -B -q -pl scheduler-benchmarks -am package -DskipTests
 * java -cp scheduler-benchmarks/target/benchmarks.jar io.kairos.scheduler.benchmarks.process.ProcessPoolBenchmark [starts] [jobs] [jvm args...]
 * </pre>
 * Defaults: 10 starts, 20000 jobs (after 5000 warm-up jobs), no extra worker JVM arguments.
 */
public final class ProcessPoolBenchmark {

    /** The workers may resolve the benchmark's own tasks. */
    private static final AllowedPackages TASKS = AllowedPackages.of(List.of(TrivialTasks.class.getPackageName()));

    private ProcessPoolBenchmark() {
    }

    /**
     * Runs both measurements and prints the figures.
     *
     * @param args {@code [starts] [jobs] [worker jvm args...]}
     * @throws Exception when a worker fails
     */
    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<String> jvmArgs = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        System.out.printf("java %s, %d processors, worker JVM arguments %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), jvmArgs);
        startUp(starts, jvmArgs);
        throughput(jobs, jvmArgs);
    }

    private static void startUp(int starts, List<String> jvmArgs) throws Exception {
        long[] millis = new long[starts];
        for (int i = 0; i < starts; i++) {
            ProcessPool pool = new ProcessPool(ProcessPoolOptions.defaults().withMaxWorkers(1).withJvmArguments(jvmArgs), TASKS);
            long start = System.nanoTime();
            pool.prestart();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            pool.shutdown(true);
        }
        Arrays.sort(millis);
        System.out.printf("worker start-up (start to ready), %d starts: median %d ms, min %d ms, max %d ms%n",
                starts, millis[starts / 2], millis[0], millis[starts - 1]);
    }

    private static void throughput(int jobs, List<String> jvmArgs) throws Exception {
        ProcessPool pool = new ProcessPool(ProcessPoolOptions.defaults().withMaxWorkers(2).withJvmArguments(jvmArgs), TASKS);
        try {
            pool.prestart();
            String task = TrivialTasks.class.getName() + "::add";
            runAll(pool, task, 5_000);
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                runAll(pool, task, jobs);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %d trivial jobs through a warm pool of 2 workers in %.2f s: %.0f jobs/s%n",
                        round, jobs, seconds, jobs / seconds);
            }
        } finally {
            pool.shutdown(true);
        }
    }

    private static void runAll(ProcessPool pool, String task, int jobs) {
        List<CompletableFuture<Object>> futures = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            futures.add(pool.submit(task, List.of(i, 1), Map.of(), null));
        }
        for (int i = 0; i < jobs; i++) {
            Object sum = futures.get(i).join();
            if (((Number) sum).intValue() != i + 1) {
                throw new IllegalStateException("job " + i + " returned " + sum);
            }
        }
    }
}
