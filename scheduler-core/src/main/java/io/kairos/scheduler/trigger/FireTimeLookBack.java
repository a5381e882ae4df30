package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the latest fire time at or before a limit by looking back from the limit, for triggers whose fire times
 * are known from any instant on ({@code cron}, {@code and}, {@code or}): where a coalescing job that missed many
 * fire times catches up to, without stepping through all of them.
 *
 * <p>It asks for the first fire time after the limit minus 1 s, 2 s, 4 s, … (never before {@code fireTime}) until
 * one is at or before the limit, then steps forward from that one while the next is too. That is about log2(time
 * since the latest fire time) look-ups plus the fire times in the last window. Stateless; thread-safe as the
 * trigger's look-up is.
 */
final class FireTimeLookBack {

    private FireTimeLookBack() {
    }

    /**
     * The latest fire time at or before {@code limit} among those after {@code fireTime}, or {@code fireTime}.
     *
     * @param fireTime a fire time of the trigger, not {@code null}
     * @param limit the latest instant that counts (the current time, or the trigger's end date when earlier), not
     *     {@code null}
     * @param fireAfter the trigger's first fire time strictly after a given instant (as its {@code nextFireTime}
     *     from that instant), empty when it never fires again; may throw {@link TriggerSearchException}
     * @return the latest fire time at or before {@code limit}; {@code fireTime} itself when no later one is
     * @throws TriggerSearchException as {@code fireAfter}
     */
    static Instant latestAtOrBefore(Instant fireTime, Instant limit, Function<Instant, Optional<Instant>> fireAfter) {
        for (Duration window = Duration.ofSeconds(1);; window = window.multipliedBy(2)) {
            boolean lastWindow = !limit.minus(window).isAfter(fireTime);
            Instant start = lastWindow ? fireTime : limit.minus(window);
            Optional<Instant> found = fireAfter.apply(start);
            if (found.isPresent() && !found.get().isAfter(limit)) {
                Instant latest = found.get();
                for (Optional<Instant> next = fireAfter.apply(latest); next.isPresent() && !next.get().isAfter(limit);
                        next = fireAfter.apply(latest)) {
                    latest = next.get();
                }
                return latest;
            }
            if (lastWindow) {
                return fireTime;
            }
        }
    }
}
