package io.kairos.scheduler.store;

import io.kairos.scheduler.trigger.Trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trigger for store tests: fires once at {@code runDate}. Its spec is
 * {@code {"type": "test", "run_date": "<ISO instant>", "timezone": "<zone>"}}.
 *
 * @param runDate the only fire time
 * @param timezone the zone fire times are returned in
 */
public record TestTrigger(Instant runDate, ZoneId timezone) implements Trigger {

    /** The spec type. */
    public static final String TYPE = "test";

    /**
     * A trigger in UTC.
     *
     * @param runDate the only fire time
     */
    public TestTrigger(Instant runDate) {
        this(runDate, ZoneOffset.UTC);
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        return previousFireTime == null ? Optional.of(this.runDate.atZone(this.timezone)) : Optional.empty();
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", TYPE);
        spec.put("run_date", this.runDate.toString());
        spec.put("timezone", this.timezone.getId());
        return spec;
    }

    /**
     * Reads a spec {@link #toSpec()} wrote.
     *
     * @param spec the spec
     * @param zone the zone from the spec
     * @return the trigger
     * @throws IllegalArgumentException when the spec is not a test trigger's
     */
    public static TestTrigger fromSpec(Map<String, Object> spec, ZoneId zone) {
        if (!TYPE.equals(spec.get("type"))) {
            throw new IllegalArgumentException("unknown trigger type '" + spec.get("type") + "'");
        }
        Object runDate = spec.get("run_date");
        if (!(runDate instanceof String text)) {
            throw new IllegalArgumentException("test trigger 'run_date': value '" + runDate + "' is not an ISO instant");
        }
        try {
            return new TestTrigger(Instant.parse(text), zone);
        }
        catch (java.time.format.DateTimeParseException ex) {
            throw new IllegalArgumentException("test trigger 'run_date': value '" + text + "' is not an ISO instant", ex);
        }
    }

    /**
     * A codec that reads test triggers and every real trigger kind.
     *
     * @return the codec
     */
    public static JsonJobCodec codec() {
        return new JsonJobCodec((spec, zone) -> TYPE.equals(spec.get("type")) ? fromSpec(spec, zone) : JsonJobCodec.triggerFromSpec(spec, zone));
    }
}
