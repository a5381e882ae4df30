package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * Computes when a job fires: the Java form of APScheduler's {@code BaseTrigger}.
 *
 * <p>A trigger is pure: it reads no clock, does no I/O, holds no mutable state, and is therefore
 * immutable and safe to share between threads. Randomness (jitter) is not applied by
 * {@link #nextFireTime}; the scheduler applies it with {@link Jitter#apply} so that fire times stay
 * reproducible and the previous fire time handed back to the trigger is always the un-jittered one
 * (APScheduler 3 hands back the jittered time, which makes an interval drift; Kairos does not).
 *
 * <p>Every trigger converts to a <em>trigger spec</em> with {@link #toSpec()}, and
 * {@link Triggers#fromSpec(Map)} turns that spec back into an equal trigger. Implementations
 * implement {@code equals}, {@code hashCode} and an APScheduler-style {@code toString()}
 * ({@code cron[month='6-8,11-12', day='3rd fri', hour='0-3']}).
 */
public interface Trigger {

    /**
     * Returns the next time this trigger fires.
     *
     * @param previousFireTime the fire time this trigger returned last time (un-jittered), or
     *     {@code null} before the first fire
     * @param now the current time; any zone (it is compared as an instant)
     * @return the next fire time, in this trigger's {@linkplain #timezone() time zone}, or empty when
     *     the trigger is finished and will never fire again
     * @throws TriggerSearchException when a combining trigger cannot find a common fire time within
     *     its bounded search
     */
    Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now);

    /**
     * The latest fire time at or before {@code now} that {@link #nextFireTime} reaches when called over and over
     * from {@code fireTime}: where a job that missed several fire times and coalesces them catches up to. This
     * default steps through them (as APScheduler 3), stopping early should the trigger not advance; the
     * {@code interval}, {@code cron}, {@code and} and {@code or} triggers compute it in a few steps however many
     * fire times were missed.
     *
     * @param fireTime a fire time of this trigger, not {@code null}
     * @param now the current time, not {@code null}; any zone
     * @return {@code fireTime} itself when the next fire time after it is after {@code now} (or there is none),
     *     else the latest that is not; in this trigger's time zone
     * @throws TriggerSearchException as {@link #nextFireTime}
     */
    default ZonedDateTime latestFireTimeAtOrBefore(ZonedDateTime fireTime, ZonedDateTime now) {
        ZonedDateTime latest = Zones.atZone(fireTime.toInstant(), timezone());
        while (true) {
            Optional<ZonedDateTime> next = nextFireTime(latest, now);
            if (next.isEmpty() || next.get().isAfter(now) || !next.get().isAfter(latest)) {
                return latest;
            }
            latest = next.get();
        }
    }

    /**
     * The time zone fire times are computed and returned in.
     *
     * @return the zone, never {@code null}
     */
    ZoneId timezone();

    /**
     * The largest random delay the scheduler adds to each fire time (uniform in
     * {@code [0, jitter]}, as APScheduler 3.7+); {@link Duration#ZERO} for none.
     *
     * @return the jitter, never {@code null} or negative
     */
    default Duration jitter() {
        return Duration.ZERO;
    }

    /**
     * The last instant at which this trigger may fire, if it has one; jitter never moves a fire time
     * past it.
     *
     * @return the end date, or empty when the trigger has none
     */
    default Optional<ZonedDateTime> endDate() {
        return Optional.empty();
    }

    /**
     * This trigger as a trigger spec: a flat map with {@code type} and APScheduler's parameter names
     * in snake_case. Values are strings, numbers or, for {@code and} / {@code or}, a list of specs.
     * The map is immutable and ordered the way {@code toString()} shows the fields.
     *
     * @return the spec, which {@link Triggers#fromSpec(Map)} turns back into an equal trigger
     */
    Map<String, Object> toSpec();
}
