package io.kairos.scheduler.trigger;

import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fires once, at a fixed date-time: the {@code date} trigger, as APScheduler 3.x {@code DateTrigger}.
 *
 * <p>{@link #nextFireTime} returns the run date when the trigger has not fired yet, even when the run
 * date is already in the past (the scheduler's misfire grace time decides whether a late run still
 * happens, as in APScheduler), and empty afterwards. Immutable and thread-safe.
 *
 * <p>Spec keys: {@code run_date} (a date-time; absent means "now", read from the clock when the spec
 * is parsed) and {@code timezone}. Example: {@code {"type":"date","run_date":"2009-11-06 16:30:05"}}.
 */
public final class DateTrigger implements Trigger {

    /** The spec keys this kind accepts, besides {@code type}. */
    public static final Set<String> KEYS = Set.of("run_date", "timezone");

    private final ZonedDateTime runDate;

    /**
     * Creates the trigger; its time zone is the run date's zone ({@linkplain ZoneId#normalized()
     * normalised}: a fixed zone such as {@code ZoneId.of("UTC")} becomes its offset).
     *
     * @param runDate when to fire, not {@code null}
     * @throws NullPointerException when {@code runDate} is {@code null}
     */
    public DateTrigger(ZonedDateTime runDate) {
        Objects.requireNonNull(runDate, "runDate");
        this.runDate = runDate.withZoneSameInstant(runDate.getZone().normalized());
    }

    /**
     * Builds the trigger from a {@code date} spec.
     *
     * @param spec the spec (keys {@link #KEYS} in any spelling; {@code type} is ignored), not {@code null}
     * @param defaultZone the zone when the spec gives no {@code timezone} (a scheduler passes its own)
     * @param clock read once, for "now" when the spec has no {@code run_date}
     * @return the trigger; a run date without an offset is read in the trigger's zone
     * @throws InvalidTriggerSpecException for an unknown key, an unknown time zone or a bad date-time
     */
    public static DateTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock) {
        TriggerSpec s = TriggerSpec.read(spec, "date", KEYS);
        ZoneId zone = s.zone(defaultZone);
        return new DateTrigger(s.dateTime("run_date", zone).orElseGet(() -> clock.instant().atZone(zone)));
    }

    /**
     * The date-time at which this trigger fires.
     *
     * @return the run date, in {@link #timezone()}
     */
    public ZonedDateTime runDate() {
        return this.runDate;
    }

    /**
     * {@inheritDoc}
     *
     * @return the run date when {@code previousFireTime} is {@code null} (whatever {@code now} is),
     *     otherwise empty
     */
    @Override
    public Optional<ZonedDateTime> nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        return previousFireTime == null ? Optional.of(this.runDate) : Optional.empty();
    }

    @Override
    public ZoneId timezone() {
        return this.runDate.getZone();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code type}, {@code run_date} (ISO-8601 with offset) and {@code timezone}
     */
    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(TriggerSpec.TYPE, "date");
        spec.put("run_date", TriggerSpec.formatDateTime(this.runDate));
        spec.put("timezone", TriggerSpec.formatZone(timezone()));
        return Collections.unmodifiableMap(spec);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DateTrigger that && this.runDate.equals(that.runDate);
    }

    @Override
    public int hashCode() {
        return this.runDate.hashCode();
    }

    /**
     * As APScheduler: {@code date[2009-11-06 16:30:05 CET]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "date[" + TriggerText.dateTime(this.runDate) + "]";
    }
}
