package io.kairos.scheduler.testing;

import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A test trigger firing at {@code start + n * period} up to an optional end (an interval trigger without the
 * calendar), with optional jitter. Spec: {@code {"type":"every","start":..,"period_ms":..,"end":..,"jitter_ms":..}}.
 *
 * @param start the first fire time
 * @param period the distance between fire times, positive
 * @param end the last instant it may fire at, or {@code null}
 * @param jitter the trigger's jitter
 */
public record EveryTrigger(Instant start, Duration period, Instant end, Duration jitter) implements Trigger {

    /**
     * A trigger without end and jitter.
     *
     * @param start the first fire time
     * @param period the period
     */
    public EveryTrigger(Instant start, Duration period) {
        this(start, period, null, Duration.ZERO);
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        Instant next;
        if (previousFireTime == null) {
            Instant current = now.toInstant();
            if (!current.isAfter(this.start)) {
                next = this.start;
            }
            else {
                long periods = (Duration.between(this.start, current).toMillis() + this.period.toMillis() - 1) / this.period.toMillis();
                next = this.start.plus(this.period.multipliedBy(periods));
            }
        }
        else {
            next = previousFireTime.toInstant().plus(this.period);
        }
        if (this.end != null && next.isAfter(this.end)) {
            return Optional.empty();
        }
        return Optional.of(next.atZone(timezone()));
    }

    @Override
    public ZoneId timezone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Optional<ZonedDateTime> endDate() {
        return Optional.ofNullable(this.end).map((e) -> e.atZone(timezone()));
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "every");
        spec.put("start", this.start.toString());
        spec.put("period_ms", this.period.toMillis());
        if (this.end != null) {
            spec.put("end", this.end.toString());
        }
        spec.put("jitter_ms", this.jitter.toMillis());
        return spec;
    }

    /**
     * Reads a spec {@link #toSpec()} wrote.
     *
     * @param spec the spec
     * @return the trigger
     */
    public static EveryTrigger fromSpec(Map<String, ?> spec) {
        if (!"every".equals(spec.get("type"))) {
            throw new IllegalArgumentException("unknown trigger type '" + spec.get("type") + "'");
        }
        Object end = spec.get("end");
        return new EveryTrigger(Instant.parse(String.valueOf(spec.get("start"))),
                Duration.ofMillis(((Number) spec.get("period_ms")).longValue()), end == null ? null : Instant.parse(String.valueOf(end)),
                Duration.ofMillis(((Number) spec.get("jitter_ms")).longValue()));
    }

    @Override
    public String toString() {
        return "every[" + this.period + " from " + this.start + "]";
    }
}
