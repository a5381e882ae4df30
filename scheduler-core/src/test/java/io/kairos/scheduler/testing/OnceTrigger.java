package io.kairos.scheduler.testing;

import io.kairos.scheduler.trigger.Trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * A test trigger that fires once at {@code at}, also when that is already past (as APScheduler's date trigger).
 *
 * @param at the fire time
 */
public record OnceTrigger(Instant at) implements Trigger {

    @Override
    public Optional<ZonedDateTime> nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        return previousFireTime == null ? Optional.of(this.at.atZone(timezone())) : Optional.empty();
    }

    @Override
    public ZoneId timezone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Map<String, Object> toSpec() {
        return Map.of("type", "once", "at", this.at.toString());
    }

    @Override
    public String toString() {
        return "once[" + this.at + "]";
    }
}
