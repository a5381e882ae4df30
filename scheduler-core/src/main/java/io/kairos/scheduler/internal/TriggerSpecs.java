package io.kairos.scheduler.internal;

import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.kairos.scheduler.trigger.Trigger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;

/**
 * Turns trigger specs into triggers through {@code io.kairos.scheduler.trigger.Triggers.fromSpec(Map, ZoneId, InstantSource)}.
 * Reached reflectively while the trigger module is built in parallel; once it is in the core, this becomes a
 * direct call.
 */
public final class TriggerSpecs {

    private static final String TRIGGERS = "io.kairos.scheduler.trigger.Triggers";

    private TriggerSpecs() {
    }

    /**
     * Builds a trigger from its spec.
     *
     * @param spec the spec, with {@code type}
     * @param defaultZone the zone for specs without {@code timezone} (the scheduler's)
     * @param now the scheduler clock's current time: the start of specs that leave it to "now" (a {@code date}
     *     without {@code run_date}, an {@code interval} without {@code start_date})
     * @return the trigger
     * @throws InvalidTriggerSpecException when the spec is invalid
     * @throws IllegalStateException when no trigger factory is on the class path
     */
    public static Trigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, Instant now) {
        Method method;
        try {
            method = Class.forName(TRIGGERS).getMethod("fromSpec", Map.class, ZoneId.class, InstantSource.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("trigger specs need " + TRIGGERS + ", which is not on the class path; pass a Trigger instance", ex);
        }
        try {
            return (Trigger) method.invoke(null, spec, defaultZone, InstantSource.fixed(now));
        }
        catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(ex.getCause());
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
