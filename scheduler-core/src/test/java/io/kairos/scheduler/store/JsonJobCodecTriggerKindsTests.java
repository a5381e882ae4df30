package io.kairos.scheduler.store;

import io.kairos.scheduler.trigger.CronTrigger;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default codec (what every shared store uses) reads back the real trigger kinds, cron included: a job
 * written by one scheduler must be runnable by another.
 */
class JsonJobCodecTriggerKindsTests {

    private static final Instant T = Instant.parse("2026-11-24T10:30:00Z");

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static List<Trigger> triggers() {
        return List.of(new DateTrigger(ZonedDateTime.ofInstant(T, SHANGHAI)),
                CronTrigger.fromSpec(Map.of("second", "*/5", "hour", "0-3"), SHANGHAI),
                Triggers.fromSpec(Map.of("type", "interval", "seconds", 30, "start_date", "2026-11-24 10:00:00"), SHANGHAI));
    }

    @ParameterizedTest
    @MethodSource("triggers")
    void defaultCodecReadsEveryTriggerKindBack(Trigger trigger) {
        JsonJobCodec codec = new JsonJobCodec();
        StoredJob job = new StoredJob("j", "j", "t", List.of(1), Map.of(), trigger, "default", "default", null, true, 1, null, T, T,
                JobState.SCHEDULED, null, 1);
        assertThat(codec.decode(codec.encode(job)).trigger()).isEqualTo(trigger);
    }
}
