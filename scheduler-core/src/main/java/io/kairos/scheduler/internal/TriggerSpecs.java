package io.kairos.scheduler.internal;

import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;

/**
 * Turns trigger specs given to the scheduler's API into triggers, with the scheduler's time zone and clock.
 */
public final class TriggerSpecs {

    private TriggerSpecs() {
    }

    /**
     * Builds a trigger from its spec with {@link Triggers#fromSpec(Map, ZoneId, InstantSource)}.
     *
     * @param spec the spec, with {@code type}
     * @param defaultZone the zone for specs without {@code timezone} (the scheduler's)
     * @param now the scheduler clock's current time: the start of specs that leave it to "now" (a {@code date}
     *     without {@code run_date}, an {@code interval} without {@code start_date})
     * @return the trigger
     * @throws InvalidTriggerSpecException when the spec is invalid; the message names the key and the value
     */
    public static Trigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, Instant now) {
        return Triggers.fromSpec(spec, defaultZone, InstantSource.fixed(now));
    }
}
