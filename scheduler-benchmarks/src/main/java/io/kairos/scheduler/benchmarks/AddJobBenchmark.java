package io.kairos.scheduler.benchmarks;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The add path of W2 ({@code MemoryWorkloads.capacity}) in isolation: one {@code Scheduler.addJob} of a one-shot
 * job due in an hour, built exactly as {@code KairosPeer.schedule} builds it, into a started scheduler with a
 * {@link MemoryJobStore}. Each iteration starts a fresh scheduler, so the store holds the jobs of one iteration
 * only. Run with {@code -prof gc} to count bytes allocated per add ({@code gc.alloc.rate.norm}), which, unlike
 * time, does not depend on the machine's load.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -jar scheduler-benchmarks/target/benchmarks.jar AddJobBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "-XX:+UseG1GC" })
public class AddJobBenchmark {

    private static final String TASK = "bench.probe";

    private static final ZoneId ZONE = ZoneId.systemDefault();

    private Scheduler scheduler;

    private long due;

    private int next;

    /** A fresh started scheduler per iteration. */
    @Setup(Level.Iteration)
    public void start() {
        this.scheduler = Scheduler.builder().schedulerId("add-bench").executor("default", new ThreadPoolJobExecutor(1))
                .jobStore("default", new MemoryJobStore()).build();
        this.scheduler.taskRegistry().register(TASK, (args, kwargs) -> null);
        this.scheduler.start();
        this.due = System.currentTimeMillis() + 3_600_000L;
        this.next = 0;
    }

    /** Drops the iteration's scheduler and its jobs. */
    @TearDown(Level.Iteration)
    public void stop() {
        this.scheduler.shutdown(false);
    }

    /**
     * One add.
     *
     * @return the job handle
     */
    @Benchmark
    public Job addJob() {
        return this.scheduler.addJob(JobRequest.of(TASK).trigger(new DateTrigger(Instant.ofEpochMilli(this.due), ZONE))
                .args(this.next++, this.due));
    }
}
