package io.kairos.scheduler.trigger;

import io.kairos.scheduler.input.InputText;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds triggers: from trigger specs (the maps that {@code application.yml}, {@code @ScheduledJob},
 * the JSON store and the HTTP API speak) and through small factories for Java code.
 *
 * <p>A spec is a flat map with {@code type} ({@code date}, {@code interval}, {@code cron},
 * {@code calendarinterval}, {@code and}, {@code or}) and APScheduler's parameter names
 * for that kind; keys in snake_case, kebab-case or camelCase; values strings or numbers (a list of
 * specs for {@code and} / {@code or}). Every trigger's {@link Trigger#toSpec()} goes back through
 * {@link #fromSpec(Map, ZoneId)} to an equal trigger. Stateless and thread-safe.
 */
public final class Triggers {

    /** The trigger kinds, as {@code type} values. */
    public static final List<String> TYPES = List.of("date", "interval", "cron", "calendarinterval", "and", "or");

    private static final String TYPES_TEXT = String.join(", ", TYPES);

    private Triggers() {
    }

    /**
     * Builds a trigger from a spec, in the system default time zone and with the system clock.
     *
     * @param spec the spec, not {@code null}
     * @return the trigger
     * @throws InvalidTriggerSpecException see {@link #fromSpec(Map, ZoneId, InstantSource)}
     */
    public static Trigger fromSpec(Map<String, ?> spec) {
        return fromSpec(spec, ZoneId.systemDefault());
    }

    /**
     * Builds a trigger from a spec with the system clock.
     *
     * @param spec the spec, not {@code null}
     * @param defaultZone the zone for a spec without {@code timezone} (a scheduler passes its configured zone)
     * @return the trigger
     * @throws InvalidTriggerSpecException see {@link #fromSpec(Map, ZoneId, InstantSource)}
     */
    public static Trigger fromSpec(Map<String, ?> spec, ZoneId defaultZone) {
        return fromSpec(spec, defaultZone, InstantSource.system());
    }

    /**
     * Builds a trigger from a spec.
     *
     * <p>The clock is read (once) only when the spec leaves a start to "now": a {@code date} without
     * {@code run_date}, an {@code interval} without {@code start_date} (the first fire time is then that
     * instant), a {@code calendarinterval} without {@code start_date} (today in its zone). A scheduler
     * should pass {@code InstantSource.fixed(now)} and then use that same {@code now} for the first
     * {@link Trigger#nextFireTime} call, so such a trigger fires at the instant it was added.
     *
     * @param spec the spec, not {@code null}; {@code type} is required, the value case-insensitive
     *     ({@code calendar-interval} and {@code calendar_interval} are accepted too)
     * @param defaultZone the zone for a spec without {@code timezone}, not {@code null}
     * @param clock the source of "now", not {@code null}
     * @return the trigger
     * @throws InvalidTriggerSpecException when {@code type} is missing or unknown (the message lists the
     *     valid types), or the spec is invalid for its kind (the message names the key, the value and
     *     what would be valid)
     */
    public static Trigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock) {
        return fromSpec(spec, defaultZone, clock, 1);
    }

    /** {@link #fromSpec(Map, ZoneId, InstantSource)} for a spec at nesting level {@code depth} (a child's is its parent's + 1). */
    static Trigger fromSpec(Map<String, ?> spec, ZoneId defaultZone, InstantSource clock, int depth) {
        Objects.requireNonNull(defaultZone, "defaultZone");
        Objects.requireNonNull(clock, "clock");
        if (spec == null) {
            throw new InvalidTriggerSpecException(null, null, "trigger spec is null; valid: a map with 'type' (" + TYPES_TEXT + ")");
        }
        String type = type(spec);
        return switch (type) {
            case "date" -> DateTrigger.fromSpec(spec, defaultZone, clock);
            case "interval" -> IntervalTrigger.fromSpec(spec, defaultZone, clock);
            case "calendarinterval" -> CalendarIntervalTrigger.fromSpec(spec, defaultZone, clock);
            case "and" -> AndTrigger.fromSpec(spec, defaultZone, clock, depth);
            case "or" -> OrTrigger.fromSpec(spec, defaultZone, clock, depth);
            case "cron" -> CronTrigger.fromSpec(spec, defaultZone);
            default -> throw new InvalidTriggerSpecException(TriggerSpec.TYPE, spec.get(TriggerSpec.TYPE),
                    "trigger spec 'type': value '" + InputText.shorten(type) + "' is not a trigger kind; valid: " + TYPES_TEXT);
        };
    }

    private static String type(Map<String, ?> spec) {
        Object value = null;
        for (Map.Entry<String, ?> entry : spec.entrySet()) {
            if (entry.getKey() != null && TriggerSpec.normalizeKey(entry.getKey()).equals(TriggerSpec.TYPE)) {
                value = entry.getValue();
            }
        }
        if (!(value instanceof CharSequence text) || text.toString().isBlank()) {
            throw new InvalidTriggerSpecException(TriggerSpec.TYPE, value, "trigger spec 'type': value '" + InputText.shorten(value)
                    + "' is missing or not a name; valid: " + TYPES_TEXT);
        }
        return text.toString().trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /**
     * A trigger that fires once, at {@code runDate} (in its zone).
     *
     * @param runDate when to fire, not {@code null}
     * @return the trigger
     */
    public static DateTrigger date(ZonedDateTime runDate) {
        return new DateTrigger(runDate);
    }

    /**
     * A trigger that fires every {@code interval}, the first time now (system clock), in the system
     * default zone. A job added with it first runs at its first fire time at or after the add: the next interval
     * boundary once the start has passed (an {@code interval} spec without {@code start_date} given to the scheduler
     * instead first runs at once).
     *
     * @param interval positive, whole milliseconds
     * @return the trigger
     * @throws InvalidTriggerSpecException when the interval is not positive or has a fraction of a millisecond
     */
    public static IntervalTrigger interval(Duration interval) {
        return interval(interval, ZonedDateTime.now());
    }

    /**
     * A trigger that fires every {@code interval} from {@code startDate} on, in {@code startDate}'s zone.
     *
     * @param interval positive, whole milliseconds
     * @param startDate the first fire time, not {@code null}
     * @return the trigger
     * @throws InvalidTriggerSpecException when the interval is not positive or has a fraction of a millisecond
     */
    public static IntervalTrigger interval(Duration interval, ZonedDateTime startDate) {
        return new IntervalTrigger(interval, startDate, null, startDate.getZone(), null);
    }

    /**
     * A cron trigger from a crontab line, a Spring 6-field expression or a macro, in the system default zone.
     *
     * @param expression e.g. {@code "0 9 * * mon-fri"}
     * @return the trigger
     * @throws InvalidTriggerSpecException when the expression is invalid
     */
    public static CronTrigger cron(String expression) {
        return cron(expression, ZoneId.systemDefault());
    }

    /**
     * A cron trigger from a crontab line, a Spring 6-field expression or a macro, read in {@code zone}.
     *
     * @param expression e.g. {@code "0 9 * * mon-fri"}
     * @param zone the zone the expression is read in, not {@code null}
     * @return the trigger
     * @throws InvalidTriggerSpecException when the expression is invalid
     */
    public static CronTrigger cron(String expression, ZoneId zone) {
        return CronTrigger.ofExpression(expression, zone);
    }

    /**
     * A trigger that fires when all of {@code triggers} fire at the same instant, in the first one's zone.
     *
     * @param triggers 1 to {@value CombiningTrigger#MAX_CHILDREN}, nested at most {@value CombiningTrigger#MAX_DEPTH}
     *     levels deep with the new one
     * @return the trigger
     * @throws InvalidTriggerSpecException when no trigger is given, or too many, or nesting is too deep
     */
    public static AndTrigger and(Trigger... triggers) {
        return new AndTrigger(List.of(triggers), null, null);
    }

    /**
     * A trigger that fires whenever any of {@code triggers} fires, in the first one's zone.
     *
     * @param triggers 1 to {@value CombiningTrigger#MAX_CHILDREN}, nested at most {@value CombiningTrigger#MAX_DEPTH}
     *     levels deep with the new one
     * @return the trigger
     * @throws InvalidTriggerSpecException when no trigger is given, or too many, or nesting is too deep
     */
    public static OrTrigger or(Trigger... triggers) {
        return new OrTrigger(List.of(triggers), null, null);
    }
}
