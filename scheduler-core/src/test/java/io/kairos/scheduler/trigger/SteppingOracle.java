package io.kairos.scheduler.trigger;

import java.time.ZonedDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle for {@link Trigger#latestFireTimeAtOrBefore}: step with {@link Trigger#nextFireTime} while the next
 * fire time is at or before now, as APScheduler does. Shared by the trigger property tests.
 */
final class SteppingOracle {

    private SteppingOracle() {
    }

    /**
     * Checks a trigger's latest fire time at or before {@code now} against stepping from {@code first}, and that a
     * {@code now} exactly on that fire time gives that fire time.
     *
     * @param trigger the trigger
     * @param first a fire time of the trigger
     * @param now the current time, at or after {@code first}
     * @param description what the case is, for failure messages
     */
    static void assertLatestIsWhereSteppingStops(Trigger trigger, ZonedDateTime first, ZonedDateTime now, String description) {
        ZonedDateTime oracle = first;
        Optional<ZonedDateTime> next = trigger.nextFireTime(oracle, now);
        while (next.isPresent() && !next.get().isAfter(now)) {
            oracle = next.get();
            next = trigger.nextFireTime(oracle, now);
        }
        ZonedDateTime latest = trigger.latestFireTimeAtOrBefore(first, now);
        assertThat(latest.toInstant()).as(description + " up to " + now).isEqualTo(oracle.toInstant());
        assertThat(latest.getZone()).isEqualTo(trigger.timezone());
        // now exactly on a fire time: that fire time is the latest
        assertThat(trigger.latestFireTimeAtOrBefore(first, oracle).toInstant()).as(description + " up to " + oracle)
                .isEqualTo(oracle.toInstant());
    }
}
