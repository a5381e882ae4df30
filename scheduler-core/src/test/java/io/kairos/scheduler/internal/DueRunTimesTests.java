package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.IntervalTrigger;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DueRunTimes}: a date trigger's one run time without zoned date-times, and the trigger walk for others.
 */
class DueRunTimesTests {

    private static final Instant T0 = Instant.parse("2030-05-01T10:00:00.123456789Z");

    private static final FireTimes FIRE_TIMES = new FireTimes(new Random(1));

    private static StoredJob job(Trigger trigger, boolean coalesce) {
        return new StoredJob("j", "j", "t", List.of(), Map.of(), trigger, "default", "default", null, coalesce, 1, null, T0, T0,
                JobState.SCHEDULED, null, 1, null);
    }

    @Test
    void aDateJobRunsOnceAtItsRunTimeAndHasNoNextOneHoweverLateItIs() {
        StoredJob job = job(new DateTrigger(T0.atZone(ZoneOffset.ofHours(5))), false);

        for (Instant now : List.of(T0, T0.plusMillis(1), T0.plus(Duration.ofDays(400)))) {
            DueRunTimes due = DueRunTimes.expand(job, T0, T0, now, FIRE_TIMES);

            assertThat(due.runTimes()).containsExactly(T0);
            assertThat(due.next()).isNull();
        }
    }

    @Test
    void anIntervalJobStepsThroughItsMissedRunTimesAndNamesTheNextOne() {
        StoredJob job = job(new IntervalTrigger(Duration.ofMinutes(1), T0.atZone(ZoneOffset.UTC), null, ZoneOffset.UTC, null), false);

        DueRunTimes due = DueRunTimes.expand(job, T0, T0, T0.plusSeconds(150), FIRE_TIMES);

        assertThat(due.runTimes()).containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(due.next()).isEqualTo(new FireTimes.Next(T0.plusSeconds(180), T0.plusSeconds(180)));
    }
}
