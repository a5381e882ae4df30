package io.kairos.scheduler.benchmarks;

import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JsonJobCodec;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a stored job's JSON ({@link JsonJobCodec#decode}), which a persistent store does for every job it
 * acquires: on the loop thread, between the acquisition's round trip and the first run. {@code date} is the
 * one-shot job of the W3 burst (task, two number arguments, a date trigger in the system zone); {@code cron} a
 * recurring job with keyword arguments, a cron trigger in Europe/Berlin and a misfire grace time.
 *
 * <p>Run: {@code java -jar scheduler-benchmarks/target/benchmarks.jar JobCodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JobCodecBenchmark {

    /** Which job: {@code date} or {@code cron}. */
    @Param({ "date", "cron" })
    public String job;

    private final JsonJobCodec codec = new JsonJobCodec();

    private String json;

    /** Encodes the job once; the benchmark decodes that text. */
    @Setup
    public void setUp() {
        Instant due = Instant.parse("2026-11-24T10:30:00.123Z");
        StoredJob stored = switch (this.job) {
            case "date" -> job("bench-42", new DateTrigger(due, ZoneId.systemDefault()), List.of(42, due.toEpochMilli()), Map.of(),
                    null, due);
            case "cron" -> job("nightly-report", Triggers.fromSpec(Map.of("type", "cron", "hour", "2", "minute", "30",
                    "day_of_week", "mon-fri"), ZoneId.of("Europe/Berlin")), List.of("eu"), Map.of("format", "pdf", "retries", 3),
                    Duration.ofMinutes(5), due);
            default -> throw new IllegalArgumentException("unknown job '" + this.job + "'");
        };
        this.json = this.codec.encode(stored);
    }

    private static StoredJob job(String id, Trigger trigger, List<Object> args, Map<String, Object> kwargs, Duration grace,
            Instant next) {
        return new StoredJob(id, id, "bench.probe", args, kwargs, trigger, "default", "default", grace, true, 1, null, next, next,
                JobState.SCHEDULED, null, 3, null);
    }

    /**
     * Decodes the job.
     *
     * @return the job (consumed by JMH)
     */
    @Benchmark
    public StoredJob decode() {
        return this.codec.decode(this.json);
    }
}
