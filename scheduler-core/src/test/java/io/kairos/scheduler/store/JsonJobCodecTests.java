package io.kairos.scheduler.store;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonJobCodecTests {

    private static final Instant T = Instant.parse("2026-11-24T10:30:00.250Z");

    private final JsonJobCodec codec = TestTrigger.codec();

    private static StoredJob job() {
        return new StoredJob("cancel-42", "cancel order 42", "orderService.cancelUnpaidOrder", List.of(42, "x", 1.5, List.of(true)),
                Map.of("reason", "unpaid"), new TestTrigger(T, ZoneId.of("Asia/Shanghai")), "default", "store", Duration.ofSeconds(30),
                true, 2, Duration.ofMillis(250), T, T.minusMillis(250), JobState.SCHEDULED, null, 7,
                Duration.ofMinutes(5));
    }

    @Test
    void roundTripsEveryField() {
        StoredJob job = job();
        assertThat(this.codec.decode(this.codec.encode(job))).isEqualTo(job);
        StoredJob paused = job.withNextRunTime(null, null).withVersion(1);
        assertThat(this.codec.decode(this.codec.encode(paused))).isEqualTo(paused);
        StoredJob broken = job.asBroken("gone");
        assertThat(this.codec.decode(this.codec.encode(broken))).isEqualTo(broken);
    }

    @Test
    void writesTheTimeoutAsAnIsoDurationAndNullWhenNone() {
        assertThat(this.codec.encode(job())).contains("\"timeout\":\"PT5M\"");
        StoredJob none = withTimeout(job(), null);
        String json = this.codec.encode(none);
        assertThat(json).contains("\"timeout\":null");
        assertThat(this.codec.decode(json)).isEqualTo(none);
    }

    @Test
    void readsTextWithoutTheTimeoutKeyAsNoTimeout() {
        String json = this.codec.encode(job()).replace(",\"timeout\":\"PT5M\"", "");
        assertThat(json).doesNotContain("timeout");
        assertThat(this.codec.decode(json)).isEqualTo(withTimeout(job(), null));
    }

    @Test
    void refusesAnInvalidTimeoutNamingIt() {
        String json = this.codec.encode(job());
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"PT5M\"", "\"5 minutes\""))).isInstanceOf(JobDecodeException.class)
                .hasMessageContaining("'timeout'").hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"PT5M\"", "\"PT0S\""))).isInstanceOf(JobDecodeException.class)
                .hasMessageContaining("timeout").hasMessageContaining("PT0S");
    }

    @Test
    void roundTripsTheRetryPolicyAndAPendingRetry() {
        RetryPolicy policy = RetryPolicy.maxAttempts(3).withBackoff(Duration.ofMillis(1500), Duration.ofMinutes(2)).withMultiplier(1.5)
                .withJitter(0.25).withRetryOn("java.io.IOException").withNoRetryOn("java.io.FileNotFoundException", "a.B$C");
        PendingRetry retry = new PendingRetry(2, T.minusSeconds(60), T, T.plusSeconds(3600));
        StoredJob job = job().withRetry(policy).withPendingRetry(retry);
        String json = this.codec.encode(job);
        assertThat(json).contains("\"retry\":{\"max_attempts\":3,\"backoff\":\"PT1.5S\",\"multiplier\":1.5,\"max_backoff\":\"PT2M\","
                + "\"jitter\":0.25,\"retry_on\":[\"java.io.IOException\"],\"no_retry_on\":[\"java.io.FileNotFoundException\",\"a.B$C\"]}");
        assertThat(json).contains("\"pending_retry\":{\"attempt\":2,\"scheduled_at\":\"2026-11-24T10:29:00.250Z\"");
        assertThat(this.codec.decode(json)).isEqualTo(job);
        StoredJob paused = job.withNextRunTime(null, null);
        assertThat(paused.pendingRetry()).as("pausing drops the retry").isNull();
        assertThat(this.codec.decode(this.codec.encode(paused))).isEqualTo(paused);
    }

    @Test
    void readsFormatOneTextWithoutRetryFieldsAsNoRetry() {
        String json = this.codec.encode(job());
        assertThat(json).doesNotContain("retry");
        StoredJob read = this.codec.decode(json);
        assertThat(read.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(read.pendingRetry()).isNull();
    }

    @Test
    void refusesAnInvalidRetryPolicyNamingTheFieldAndOption() {
        String json = this.codec.encode(job().withRetry(RetryPolicy.maxAttempts(3)));
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"max_attempts\":3", "\"max_attempts\":0")))
                .isInstanceOf(JobDecodeException.class).hasMessageContaining("cancel-42").hasMessageContaining("'retry'")
                .hasMessageContaining("max-attempts").hasMessageContaining("'0'");
    }

    private static StoredJob withTimeout(StoredJob job, Duration timeout) {
        return new StoredJob(job.id(), job.name(), job.task(), job.args(), job.kwargs(), job.trigger(), job.executor(), job.jobstore(),
                job.misfireGraceTime(), job.coalesce(), job.maxInstances(), job.jitter(), job.nextRunTime(), job.nextFireTime(),
                job.state(), job.brokenReason(), job.version(), timeout);
    }

    @Test
    void roundTripsEveryTriggerKindThroughItsSpec() {
        ZonedDateTime start = ZonedDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        List<Trigger> triggers = List.of(Triggers.date(start), Triggers.interval(Duration.ofMinutes(90), start),
                Triggers.cron("0 9 * * 1-5", ZoneId.of("Asia/Shanghai")),
                Triggers.fromSpec(Map.of("type", "calendarinterval", "months", 1, "hour", 3, "start_date", "2026-01-31",
                        "timezone", "America/New_York")),
                Triggers.or(Triggers.cron("0 12 * * *", ZoneOffset.UTC), Triggers.date(start)));
        JsonJobCodec realCodec = new JsonJobCodec();
        for (Trigger trigger : triggers) {
            StoredJob job = new StoredJob("j", "j", "t", List.of(), Map.of(), trigger, "default", "default", null, true, 1, null, T, T,
                    JobState.SCHEDULED, null, 1, null);
            assertThat(realCodec.decode(realCodec.encode(job))).as(trigger.toString()).isEqualTo(job);
        }
    }

    @Test
    void roundTripsTriggersWithLocalMeanTimeOffsetsAndTheEndsOfTheYearRange() {
        Instant year10000 = Instant.parse("+10000-01-01T04:00:00Z");
        List<Trigger> triggers = List.of(
                Triggers.fromSpec(Map.of("type", "date", "run_date", "1900-01-01 00:00", "timezone", "Africa/Monrovia")),
                Triggers.fromSpec(Map.of("type", "date", "run_date", "9999-12-31T23:00:00-05:00", "timezone", "UTC")),
                Triggers.fromSpec(Map.of("type", "interval", "hours", 1, "start_date", "0001-01-01 00:00", "end_date",
                        "9999-12-31 23:59:59", "timezone", "Pacific/Kiritimati")),
                Triggers.fromSpec(Map.of("type", "cron", "hour", "9", "start_date", "1850-06-01", "timezone", "Asia/Kolkata")),
                Triggers.fromSpec(Map.of("type", "calendarinterval", "years", 1, "start_date", "0001-01-01", "end_date", "9999-12-31",
                        "timezone", "America/Detroit")),
                Triggers.fromSpec(Map.of("type", "or", "triggers", List.of(Map.of("type", "date", "run_date", "1890-05-05 05:05:05",
                        "timezone", "Europe/Amsterdam"), Map.of("type", "cron", "expression", "0 0 * * *", "end_date",
                        "9999-12-31T23:59:59+14:00")), "timezone", "-00:44:30")));
        JsonJobCodec realCodec = new JsonJobCodec();
        for (Trigger trigger : triggers) {
            StoredJob job = new StoredJob("j", "j", "t", List.of(), Map.of(), trigger, "default", "default", null, true, 1, null,
                    year10000, year10000, JobState.SCHEDULED, null, 1, null);
            assertThat(realCodec.decode(realCodec.encode(job))).as(trigger.toSpec().toString()).isEqualTo(job);
        }
    }

    @Test
    void writesFormatVersionTriggerSpecIsoDurationsAndUtcInstants() {
        String json = this.codec.encode(job());
        assertThat(json).startsWith("{\"format\":1,")
                .contains("\"trigger\":{\"type\":\"test\",\"run_date\":\"2026-11-24T10:30:00.250Z\",\"timezone\":\"Asia/Shanghai\"}")
                .contains("\"misfire_grace_time\":\"PT30S\"").contains("\"jitter\":\"PT0.25S\"")
                .contains("\"next_run_time\":\"2026-11-24T10:30:00.250Z\"").contains("\"max_instances\":2");
    }

    @Test
    void refusesArgumentsThatAreNotJsonValues() {
        StoredJob job = new StoredJob("j", "j", "t", List.of(List.of(new Object())), Map.of(), new TestTrigger(T), "default", "default",
                null, true, 1, null, T, T, JobState.SCHEDULED, null, 0, null);
        assertThatThrownBy(() -> this.codec.encode(job)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job 'j'").hasMessageContaining("args[0][0]").hasMessageContaining("java.lang.Object");
    }

    @Test
    void decimalsADoubleHoldsReadAsDoubleAndOthersAsBigDecimalWithEveryDigit() {
        BigDecimal precise = new BigDecimal("0.1000000000000000000001");
        StoredJob job = new StoredJob("j", "j", "t", List.of(precise, 0.5, 0.1, List.of(precise), 42, 9_000_000_000L),
                Map.of("m", Map.of("p", precise), "half", 0.5), new TestTrigger(T), "default", "default",
                null, true, 1, null, T, T, JobState.SCHEDULED, null, 0, null);
        StoredJob read = this.codec.decode(this.codec.encode(job));
        assertThat(read).isEqualTo(job);
        assertThat(read.args().get(0)).isInstanceOf(BigDecimal.class).isEqualTo(precise);
        assertThat(read.args().get(1)).isInstanceOf(Double.class).isEqualTo(0.5);
        assertThat(read.args().get(2)).isInstanceOf(Double.class).isEqualTo(0.1);
        assertThat(read.args().get(4)).isInstanceOf(Integer.class);
        assertThat(read.args().get(5)).isInstanceOf(Long.class);
        // a BigDecimal a double holds exactly reads back as that Double, as it always has
        StoredJob exact = this.codec.decode(this.codec.encode(new StoredJob("j", "j", "t", List.of(new BigDecimal("0.25")), Map.of(),
                new TestTrigger(T), "default", "default", null, true, 1, null, T, T, JobState.SCHEDULED, null, 0, null)));
        assertThat(exact.args()).containsExactly(0.25);
    }

    @Test
    void refusesNotANumber() {
        StoredJob job = new StoredJob("j", "j", "t", List.of(), Map.of("ratio", Double.NaN), new TestTrigger(T), "default", "default",
                null, true, 1, null, T, T, JobState.SCHEDULED, null, 0, null);
        assertThatThrownBy(() -> this.codec.encode(job)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kwargs.ratio").hasMessageContaining("NaN");
    }

    @Test
    void refusesANewerFormatNamingTheJob() {
        String json = this.codec.encode(job()).replace("\"format\":1", "\"format\":999");
        assertThatThrownBy(() -> this.codec.decode(json)).isInstanceOfSatisfying(JobDecodeException.class,
                (ex) -> assertThat(ex.jobId()).isEqualTo("cancel-42"))
                .hasMessageContaining("format 999").hasMessageContaining("up to 1");
    }

    @Test
    void refusesAnInvalidTriggerSpec() {
        String json = this.codec.encode(job()).replace("\"type\":\"test\"", "\"type\":\"cronn\"");
        assertThatThrownBy(() -> this.codec.decode(json)).isInstanceOfSatisfying(JobDecodeException.class,
                (ex) -> assertThat(ex.jobId()).isEqualTo("cancel-42"))
                .hasMessageContaining("invalid trigger spec").hasMessageContaining("cronn");
    }

    @Test
    void refusesAnUnknownTimezoneInTheTriggerSpec() {
        String json = this.codec.encode(job()).replace("Asia/Shanghai", "Mars/Olympus");
        assertThatThrownBy(() -> this.codec.decode(json)).isInstanceOf(JobDecodeException.class).hasMessageContaining("Mars/Olympus");
    }

    @Test
    void refusesMalformedJsonWithoutAnId() {
        assertThatThrownBy(() -> this.codec.decode("{\"format\":1,")).isInstanceOfSatisfying(JobDecodeException.class,
                (ex) -> assertThat(ex.jobId()).isNull()).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> this.codec.decode("[1]")).isInstanceOf(JobDecodeException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void refusesMissingAndMistypedFieldsNamingThem() {
        String json = this.codec.encode(job());
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"task\":", "\"tusk\":"))).isInstanceOf(JobDecodeException.class)
                .hasMessageContaining("'task'");
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"PT30S\"", "\"30 seconds\""))).isInstanceOf(JobDecodeException.class)
                .hasMessageContaining("'misfire_grace_time'").hasMessageContaining("30 seconds").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"format\":1", "\"format\":\"one\""))).isInstanceOf(JobDecodeException.class)
                .hasMessageContaining("'format'");
        assertThatThrownBy(() -> this.codec.decode(json.replace("\"max_instances\":2", "\"max_instances\":0")))
                .isInstanceOf(JobDecodeException.class).hasMessageContaining("max_instances");
    }

    @Test
    void decodeBrokenRecoversWhatItCanRead() {
        String json = this.codec.encode(job()).replace("\"type\":\"test\"", "\"type\":\"cronn\"").replace("\"format\":1", "\"format\":2");
        StoredJob broken = this.codec.decodeBroken("cancel-42", json, "fallback", "format 2");
        assertThat(broken.state()).isEqualTo(JobState.BROKEN);
        assertThat(broken.brokenReason()).isEqualTo("format 2");
        assertThat(broken.trigger()).isNull();
        assertThat(broken.task()).isEqualTo("orderService.cancelUnpaidOrder");
        assertThat(broken.args()).isEqualTo(job().args());
        assertThat(broken.jobstore()).isEqualTo("store");
        assertThat(broken.nextRunTime()).isNull();

        StoredJob unreadable = this.codec.decodeBroken("x", "not json", "fallback", "not json");
        assertThat(unreadable.task()).isEqualTo(JobCodec.UNREADABLE_TASK);
        assertThat(unreadable.jobstore()).isEqualTo("fallback");
        assertThat(unreadable.name()).isEqualTo("x");
    }
}
