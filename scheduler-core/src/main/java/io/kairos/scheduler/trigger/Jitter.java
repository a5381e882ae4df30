package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;


/**
 * Applies a trigger's jitter to a fire time: a uniform random delay in {@code [0, jitter]}, never
 * past the trigger's end date (as APScheduler 3.7+, which clamps with {@code min(next, end_date)}).
 * Thread-safe when the given random generator is.
 */
public final class Jitter {

    private Jitter() {
    }

    /**
     * Delays a fire time by a random amount.
     *
     * @param fireTime the un-jittered fire time, not {@code null}
     * @param jitter the largest delay; {@code null} or zero returns {@code fireTime} unchanged
     * @param endDate the latest allowed result, or empty for none
     * @param random the source of randomness, not {@code null}
     * @return {@code fireTime} plus a delay in {@code [0, jitter]} at millisecond resolution, clamped to
     *     {@code endDate}
     */
    public static ZonedDateTime apply(ZonedDateTime fireTime, @Nullable Duration jitter, Optional<ZonedDateTime> endDate,
            RandomGenerator random) {
        if (jitter == null || jitter.isZero() || jitter.isNegative()) {
            return fireTime;
        }
        long delayMillis = random.nextLong(jitter.toMillis() + 1);
        ZonedDateTime jittered = fireTime.plusNanos(delayMillis * 1_000_000L);
        if (endDate.isPresent() && jittered.toInstant().isAfter(endDate.get().toInstant())) {
            return endDate.get().withZoneSameInstant(fireTime.getZone());
        }
        return jittered;
    }

    /**
     * Delays a trigger's fire time by the trigger's own jitter.
     *
     * @param trigger the trigger that produced {@code fireTime}
     * @param fireTime the un-jittered fire time
     * @param random the source of randomness
     * @return the jittered fire time, never past the trigger's end date
     */
    public static ZonedDateTime apply(Trigger trigger, ZonedDateTime fireTime, RandomGenerator random) {
        return apply(fireTime, trigger.jitter(), trigger.endDate(), random);
    }
}
