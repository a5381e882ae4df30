package io.kairos.scheduler.benchmarks;

import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;

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
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.scheduling.support.CronExpression;

/**
 * Next-fire-time computation: Kairos triggers side by side with Spring's {@code CronExpression} and Quartz's
 * {@code CronExpression}, each asked for the next fire time after the same pseudo-random instants (spread over
 * two years, in Europe/Berlin so daylight saving time is crossed). Schedules that a peer cannot express are
 * skipped for that peer ({@code and}/{@code or} exist only in Kairos).
 *
 * <p>Run: {@code java -jar scheduler-benchmarks/target/benchmarks.jar CronNextFireTimeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CronNextFireTimeBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static final int STARTS = 1024;

    /** Which schedule: the same schedule in each library's own syntax. */
    @Param({ "every5min", "may-aug-1-15", "3rd-fri", "feb-29", "and", "or" })
    public String schedule;

    private Trigger kairos;

    private CronExpression spring;

    private org.quartz.CronExpression quartz;

    private final ZonedDateTime[] starts = new ZonedDateTime[STARTS];

    private final Date[] startDates = new Date[STARTS];

    private int index;

    /**
     * Builds the three schedules and the start instants.
     *
     * @throws ParseException when Quartz rejects an expression (a bug in this benchmark)
     */
    @Setup
    public void setUp() throws ParseException {
        Schedule s = Schedule.byName(this.schedule);
        this.kairos = Triggers.fromSpec(s.kairosSpec(), ZONE);
        this.spring = s.spring() == null ? null : CronExpression.parse(s.spring());
        if (s.quartz() != null) {
            this.quartz = new org.quartz.CronExpression(s.quartz());
            this.quartz.setTimeZone(TimeZone.getTimeZone(ZONE));
        }
        SplittableRandom random = new SplittableRandom(42);
        ZonedDateTime base = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZONE);
        for (int i = 0; i < STARTS; i++) {
            this.starts[i] = base.plusSeconds(random.nextLong(2L * 365 * 24 * 3600));
            this.startDates[i] = Date.from(this.starts[i].toInstant());
        }
    }

    private int next() {
        this.index = (this.index + 1) & (STARTS - 1);
        return this.index;
    }

    /**
     * Kairos: {@code Trigger.nextFireTime(previous, now)} with the start as the previous fire time.
     *
     * @return the next fire time
     */
    @Benchmark
    public Object kairos() {
        ZonedDateTime start = this.starts[next()];
        return this.kairos.nextFireTime(start, start);
    }

    /**
     * Spring Framework: {@code CronExpression.next(Temporal)}.
     *
     * @return the next fire time, or {@code null} when Spring cannot express the schedule
     */
    @Benchmark
    public Object spring() {
        return this.spring == null ? null : this.spring.next(this.starts[next()]);
    }

    /**
     * Quartz: {@code CronExpression.getNextValidTimeAfter(Date)}.
     *
     * @return the next fire time, or {@code null} when Quartz cannot express the schedule
     */
    @Benchmark
    public Object quartz() {
        return this.quartz == null ? null : this.quartz.getNextValidTimeAfter(this.startDates[next()]);
    }

    /** One schedule in each library's syntax; {@code null} where a library cannot express it. */
    record Schedule(Map<String, ?> kairosSpec, String spring, String quartz) {

        static Schedule byName(String name) {
            return switch (name) {
                case "every5min" -> new Schedule(Map.of("type", "cron", "expression", "*/5 * * * *"), "0 */5 * * * *", "0 0/5 * * * ?");
                case "may-aug-1-15" -> new Schedule(Map.of("type", "cron", "expression", "0 0 1-15 may-aug *"), "0 0 0 1-15 MAY-AUG *",
                        "0 0 0 1-15 MAY-AUG ?");
                case "3rd-fri" -> new Schedule(Map.of("type", "cron", "day", "3rd fri"), "0 0 0 ? * FRI#3", "0 0 0 ? * 6#3");
                case "feb-29" -> new Schedule(Map.of("type", "cron", "expression", "0 0 29 2 *"), "0 0 0 29 2 *", "0 0 0 29 2 ?");
                case "and" -> new Schedule(Map.of("type", "and", "triggers", java.util.List.of(
                        Map.of("type", "interval", "minutes", "2", "start_date", "2024-01-01 00:00:00"),
                        Map.of("type", "cron", "hour", "7-22", "minute", "*"))), null, null);
                case "or" -> new Schedule(Map.of("type", "or", "triggers", java.util.List.of(
                        Map.of("type", "cron", "day_of_week", "mon-fri", "hour", "9", "minute", "30"),
                        Map.of("type", "cron", "day_of_week", "sat,sun", "hour", "11"))), null, null);
                default -> throw new IllegalArgumentException("unknown schedule " + name);
            };
        }
    }
}
