package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;


/**
 * Fires once, at a fixed date-time: the {@code date} trigger, as APScheduler 3.x {@code DateTrigger}.
 *
 * <p>{@link #nextFireTime} returns the run date when the trigger has not fired yet, even when the run
 * date is already in the past (the scheduler's misfire grace time decides whether a late run still
 * happens, as in APScheduler), and empty afterwards. Immutable and thread-safe.
 *
 * <p>Spec keys: {@code run_date} (a date-time; absent means "now", read from the clock when the spec
 * is parsed) and {@code timezone}. Example: {@code {"type":"date","run_date":"2009-11-06 16:30:05"}}.
 *
 * <p>A date trigger holds its run date as an {@link Instant} and a zone (two references; triggers share one
 * instance per zone), so a million one-shot jobs cost little heap; {@link #runDate()} builds the zoned date-time
 * when asked.
 */
public final class DateTrigger implements Trigger {

    /** The spec keys this kind accepts, besides {@code type}. */
    public static final Set<String> KEYS = Set.of("run_date", "timezone");

    /** Zones in use, so the triggers of a million jobs share one zone object per zone; at most {@link #MAX_ZONES}. */
    private static final ConcurrentHashMap<ZoneId, ZoneId> ZONES = new ConcurrentHashMap<>();

    private static final int MAX_ZONES = 1024;

    private final Instant runTime;

    private final ZoneId zone;

    /**
     * Creates the trigger; its time zone is the run date's zone ({@linkplain ZoneId#normalized()
     * normalised}: a fixed zone such as {@code ZoneId.of("UTC")} becomes its offset).
     *
     * @param runDate when to fire, not {@code null}; in the years 1 to 9999
     * @throws NullPointerException when {@code runDate} is {@code null}
     * @throws InvalidTriggerSpecException when {@code runDate} is outside the years 1 to 9999
     */
    public DateTrigger(ZonedDateTime runDate) {
        this(Objects.requireNonNull(runDate, "runDate").toInstant(), runDate.getZone());
    }

    /**
     * Creates the trigger from an instant and a time zone (the cheaper form: nothing is converted).
     *
     * @param runTime when to fire, not {@code null}; kept as given; in the years 1 to 9999
     * @param zone the trigger's time zone, not {@code null}; {@linkplain ZoneId#normalized() normalised} as
     *     by {@link #DateTrigger(ZonedDateTime)}
     * @throws NullPointerException when {@code runTime} or {@code zone} is {@code null}
     * @throws InvalidTriggerSpecException when {@code runTime} is outside the years 1 to 9999
     */
    public DateTrigger(Instant runTime, ZoneId zone) {
        this.runTime = TriggerBounds.date("date", "run_date", Objects.requireNonNull(runTime, "runTime"), SpecDates.inRange(runTime));
        this.zone = shared(Objects.requireNonNull(zone, "zone"));
    }

    /**
     * The shared, normalised instance for a zone as given: the last zone object seen is remembered with its shared
     * instance, so a stream of triggers made with one zone object (the usual case: a constant, or
     * {@code ZoneId.systemDefault()}) neither normalises nor looks up the table again.
     */
    private static ZoneId shared(ZoneId given) {
        LastZone last = lastZone;
        if (last != null && last.given == given) {
            return last.shared;
        }
        ZoneId shared = intern(given.normalized());
        // a racy write of an immutable pair: a thread reads a complete pair or an older one, either of them right
        lastZone = new LastZone(given, shared);
        return shared;
    }

    /** The last zone object a trigger was made with, and its shared normalised instance. Immutable. */
    private record LastZone(ZoneId given, ZoneId shared) {
    }

    private static @Nullable LastZone lastZone;

    /** The shared instance equal to {@code zone} (the first one seen), or {@code zone} once the table is full. */
    private static ZoneId intern(ZoneId zone) {
        ZoneId known = ZONES.get(zone);
        if (known != null) {
            return known;
        }
        if (ZONES.size() >= MAX_ZONES) {
            return zone;
        }
        known = ZONES.putIfAbsent(zone, zone);
        return known != null ? known : zone;
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
        return Zones.atZone(this.runTime, this.zone);
    }

    /**
     * The instant at which this trigger fires.
     *
     * @return the run date as an instant, never {@code null}; the same instance on every call
     */
    public Instant runTime() {
        return this.runTime;
    }

    /**
     * {@inheritDoc}
     *
     * @return the run date when {@code previousFireTime} is {@code null} (whatever {@code now} is),
     *     otherwise empty
     */
    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        return previousFireTime == null ? Optional.of(runDate()) : Optional.empty();
    }

    @Override
    public ZoneId timezone() {
        return this.zone;
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
        spec.put("run_date", TriggerSpec.formatDateTime(runDate()));
        return TriggerSpec.withZoneAndJitter(spec, timezone(), Duration.ZERO);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DateTrigger that && this.runTime.equals(that.runTime) && this.zone.equals(that.zone);
    }

    @Override
    public int hashCode() {
        return this.runTime.hashCode() * 31 + this.zone.hashCode();
    }

    /**
     * As APScheduler: {@code date[2009-11-06 16:30:05 CET]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "date[" + TriggerText.dateTime(runDate()) + "]";
    }
}
