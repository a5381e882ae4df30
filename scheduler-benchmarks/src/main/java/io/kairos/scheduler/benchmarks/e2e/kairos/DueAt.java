package io.kairos.scheduler.benchmarks.e2e.kairos;

import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.TriggerSpec;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A one-shot trigger firing once at an instant, with the {@code date} spec shape
 * ({@code {"type":"date","run_date":"…","timezone":"UTC"}}). Benchmark-only stand-in for the date trigger, which is
 * not on main yet; it does what a date trigger does per run (one comparison), so it does not flatter Kairos.
 */
public final class DueAt implements Trigger {

    private final ZonedDateTime runDate;

    /** @param instant when it fires */
    public DueAt(Instant instant) {
        this.runDate = instant.atZone(ZoneOffset.UTC);
    }

    /**
     * @param spec a spec written by {@link #toSpec()}
     * @return the trigger
     */
    public static DueAt fromSpec(Map<String, ?> spec) {
        return new DueAt(TriggerSpec.parseDateTime("run_date", String.valueOf(spec.get("run_date")), ZoneOffset.UTC)
                .toInstant());
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        return previousFireTime == null ? Optional.of(this.runDate) : Optional.empty();
    }

    @Override
    public ZoneId timezone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(TriggerSpec.TYPE, "date");
        spec.put("run_date", TriggerSpec.formatDateTime(this.runDate));
        spec.put("timezone", "UTC");
        return spec;
    }
}
