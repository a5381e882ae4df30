package io.kairos.scheduler.benchmarks;

import io.kairos.scheduler.trigger.CronTrigger;
import java.text.ParseException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.scheduling.support.CronExpression;

/**
 * Next-fire-time computation: Kairos {@link CronTrigger} against Spring's {@link CronExpression} and
 * Quartz's {@code CronExpression}, for the same schedules in Europe/Berlin, from 1,024 random start times
 * in 2024-2030 (cycled). Run: {@code java -jar scheduler-benchmarks/target/benchmarks.jar CronNextFireTime}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CronNextFireTimeBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** Schedule name; each maps to the same schedule in the three dialects. */
    @Param({ "every5min", "may-aug-1-15", "3rd-fri", "feb-29" })
    public String schedule;

    private CronTrigger kairos;

    private CronExpression spring;

    private org.quartz.CronExpression quartz;

    private ZonedDateTime[] starts;

    private Date[] startDates;

    private int index;

    @Setup
    public void setUp() throws ParseException {
        Map<String, Object> kairosSpec;
        String springText;
        String quartzText;
        switch (this.schedule) {
            case "every5min" -> {
                kairosSpec = Map.of("expression", "*/5 * * * *");
                springText = "0 */5 * * * *";
                quartzText = "0 0/5 * * * ?";
            }
            case "may-aug-1-15" -> {
                kairosSpec = Map.of("expression", "0 0 1-15 may-aug *");
                springText = "0 0 0 1-15 MAY-AUG *";
                quartzText = "0 0 0 1-15 MAY-AUG ?";
            }
            case "3rd-fri" -> {
                kairosSpec = Map.of("day", "3rd fri");
                springText = "0 0 0 ? * FRI#3";
                quartzText = "0 0 0 ? * 6#3";
            }
            case "feb-29" -> {
                kairosSpec = Map.of("expression", "0 0 29 2 *");
                springText = "0 0 0 29 2 *";
                quartzText = "0 0 0 29 2 ?";
            }
            default -> throw new IllegalArgumentException(this.schedule);
        }
        this.kairos = CronTrigger.fromSpec(kairosSpec, ZONE);
        this.spring = CronExpression.parse(springText);
        this.quartz = new org.quartz.CronExpression(quartzText);
        this.quartz.setTimeZone(TimeZone.getTimeZone(ZONE));
        SplittableRandom random = new SplittableRandom(7);
        this.starts = new ZonedDateTime[1024];
        this.startDates = new Date[1024];
        long from = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZONE).toEpochSecond();
        long to = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZONE).toEpochSecond();
        for (int i = 0; i < this.starts.length; i++) {
            long second = random.nextLong(from, to);
            this.starts[i] = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZONE);
            this.startDates[i] = Date.from(this.starts[i].toInstant());
        }
    }

    private int nextIndex() {
        this.index = (this.index + 1) & 1023;
        return this.index;
    }

    @Benchmark
    public ZonedDateTime kairos() {
        ZonedDateTime start = this.starts[nextIndex()];
        return this.kairos.nextFireTime(start, start).orElse(null);
    }

    @Benchmark
    public ZonedDateTime spring() {
        return this.spring.next(this.starts[nextIndex()]);
    }

    @Benchmark
    public Date quartz() {
        return this.quartz.getNextValidTimeAfter(this.startDates[nextIndex()]);
    }
}
