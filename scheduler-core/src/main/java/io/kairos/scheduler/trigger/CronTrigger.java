package io.kairos.scheduler.trigger;

import io.kairos.scheduler.trigger.cron.CronField;
import io.kairos.scheduler.trigger.cron.CronParser;
import io.kairos.scheduler.trigger.cron.CronSchedule;
import io.kairos.scheduler.trigger.cron.ZonedCronSearch;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;


/**
 * Fires when the wall clock in its time zone matches a cron definition: the Java form of APScheduler 3's
 * {@code CronTrigger}, spec type {@code cron}.
 *
 * <h2>Two forms</h2>
 * <ul>
 * <li><b>Field form</b> (as APScheduler 3): keys {@code year, month, day, week, day_of_week, hour, minute,
 * second}, each an expression: {@code *}, {@code *}/a, a, a-b, a-b/c, a/c (a, a+c, … up to the field
 * maximum), comma lists, month names {@code jan}-{@code dec}, weekday names {@code mon}-{@code sun}, and in
 * {@code day} also {@code last}, {@code 1st}-{@code 5th <weekday>} and {@code last <weekday>}. Numeric
 * {@code day_of_week} is 0 = Monday … 6 = Sunday; {@code week} is the ISO week (1-53); {@code day},
 * {@code day_of_week} and {@code week} are ANDed. Omitted fields: more significant than the least
 * significant given field they are {@code *}, less significant ones take their minimum
 * ({@code week} and {@code day_of_week} stay {@code *}); with no field given at all the trigger fires
 * every second. Unlike APScheduler 3, a step on a name range ({@code month='jan-mar/2'}) is honoured (it
 * is silently dropped there), and a one-value range with a step ({@code 5-5/1}) is accepted. A step larger
 * than its range is refused, as APScheduler 3 does.</li>
 * <li><b>String form</b>: key {@code expression}, instead of the fields.
 * <ul>
 * <li>5 fields {@code minute hour day month day_of_week}: a crontab line with POSIX/Vixie semantics:
 * weekdays 0 and 7 = Sunday, names {@code sun}-{@code sat}, and when both {@code day} and
 * {@code day_of_week} are restricted (their text does not start with {@code *}) a day matches if
 * <em>either</em> does ({@code 0 0 13 * fri} fires on every 13th and every Friday). APScheduler 3's
 * {@code from_crontab} differs on both points (0 = Monday, fields ANDed; its issues #286 and #495). A step
 * larger than its range keeps the range's first value ({@code 20-23/6} is 20), as Vixie cron; a reversed
 * range ({@code 5-3}), which Vixie takes and then never matches, is refused.</li>
 * <li>6 fields {@code second minute hour day month day_of_week}: Spring's {@code CronExpression}
 * dialect: weekdays 0 and 7 = Sunday, names, {@code ?}, {@code L}, {@code L-n}, {@code nW}, {@code LW}
 * in {@code day}, {@code dL} and {@code d#n} in {@code day_of_week}. As in Spring, {@code day} and
 * {@code day_of_week} are ANDed ({@code 0 0 0 13 * FRI} fires on Friday the 13th only). A step larger than
 * its range keeps the range's first value, as in Spring. {@code nW} never leaves the month (a Sunday last day
 * moves back to Friday, where Spring would move to the next month's Monday), nor does {@code L-n} (a month
 * shorter than n + 1 days has no such day, where Spring takes a day of the month before); {@code L-n} beyond
 * 30 and {@code d#n} beyond 5 are refused, as are a sign or non-ASCII digits in a number (Spring's
 * {@code Integer.parseInt} takes them).</li>
 * <li>Macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}, as crontab (weekly =
 * Sunday 00:00).</li>
 * </ul>
 * </li>
 * </ul>
 * Both forms also take {@code start_date}, {@code end_date} (inclusive; ISO-8601, read in the trigger's
 * zone when they carry no offset), {@code timezone} (IANA id or offset; default: the zone passed to
 * {@link #fromSpec}) and {@code jitter} (seconds, a non-negative number).
 *
 * <h2>Search</h2> Resolution is one second. With a previous fire time the search starts at
 * {@code min(now, previousFireTime + 1 s)} (so a clock moved back fires again, as APScheduler 3's case
 * "previous fire time 2"); without one it starts at {@code now}. A {@code now} with a fraction of a
 * second rounds up to the next whole second. The search never starts before {@code start_date}
 * (APScheduler 3 ignores {@code start_date} once a previous fire time is given); a fire time after
 * {@code end_date} ends the trigger. Jitter is not applied here: the scheduler applies {@link Jitter}.
 *
 * <h2>Daylight saving time</h2> The trigger works on the wall clock of its zone.
 * <ul>
 * <li>A matching wall time inside a gap fires once, shifted forward by the gap's length (02:30 on a
 * one-hour gap fires at 03:30 new time), the instant APScheduler 3 gives (APScheduler 4 skips it).</li>
 * <li>A matching wall time that occurs twice fires at its first occurrence only, unless the hour field
 * matches every hour ({@code *}), in which case every real instant that matches fires, so "every 15
 * minutes" keeps its pace through the repeated hour. APScheduler 3 and 4 fire both occurrences always
 * (APScheduler 3 issue #120: a daily 01:30 job runs twice on the fall-back day; Kairos runs it once).</li>
 * </ul>
 * This holds for any zone, including 30-minute shifts (Australia/Lord_Howe) and odd offsets
 * (Pacific/Chatham, +12:45/+13:45).
 *
 * <h2>Text</h2> {@code toString()} reads like APScheduler's {@code str()}:
 * {@code cron[month='6-8,11-12', day='3rd fri', hour='0-3']} (given fields only, normalised) or, for the
 * string form, {@code cron['*&#47;5 * * * *']}. Equality is on the normalised definition: given fields
 * (or the expression with whitespace collapsed, case-insensitively), zone, start and end instants and
 * jitter.
 *
 * <p>Immutable and thread-safe. The next fire time is computed with bit masks field by field on the
 * wall clock, without scanning and without allocation for fixed-offset zones.
 */
public final class CronTrigger implements Trigger {

    /** The spec type. */
    public static final String TYPE = "cron";

    private static final String EXPRESSION = "expression";

    private static final Set<String> KEYS = Set.of("year", "month", "day", "week", "day_of_week", "hour", "minute", "second",
            EXPRESSION, "start_date", "end_date", "timezone", "jitter");

    private final CronSchedule schedule;

    private final Map<CronField, String> fields;

    private final @Nullable String expression;

    private final ZoneId zone;

    private final ZoneRules rules;

    private final @Nullable ZonedDateTime startDate;

    private final @Nullable ZonedDateTime endDate;

    private final Duration jitter;

    private CronTrigger(CronSchedule schedule, Map<CronField, String> fields, @Nullable String expression, ZoneId zone,
            @Nullable ZonedDateTime startDate, @Nullable ZonedDateTime endDate, Duration jitter) {
        this.schedule = schedule;
        this.fields = fields;
        this.expression = expression;
        this.zone = zone.normalized();
        this.rules = this.zone.getRules();
        this.startDate = startDate;
        this.endDate = endDate;
        this.jitter = jitter;
    }

    /**
     * Builds a cron trigger from a spec (see the class documentation for the keys). The {@code type}
     * key, if present, is ignored; keys may be snake_case, kebab-case or camelCase.
     *
     * @param spec the spec, not {@code null}; values are strings or numbers
     * @param defaultZone the zone used when the spec has no {@code timezone}, not {@code null}
     * @return the trigger
     * @throws InvalidTriggerSpecException for an unknown key, a field expression that is malformed or out
     *     of range (reversed range, zero step, in the field form a step larger than the range, unknown month or
     *     weekday name),
     *     a wrong number of fields in {@code expression}, {@code expression} combined with fields, an
     *     unknown time zone, a date that cannot be read, {@code start_date} after {@code end_date}, or a
     *     negative {@code jitter}; the message names the field, the value and what would be valid
     */
    public static CronTrigger fromSpec(Map<String, ?> spec, ZoneId defaultZone) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(defaultZone, "defaultZone");
        TriggerSpec read = TriggerSpec.read(spec, TYPE, KEYS);
        ZoneId zone = read.zone(defaultZone);
        ZonedDateTime start = read.dateTime("start_date", zone).orElse(null);
        ZonedDateTime end = read.dateTime("end_date", zone).orElse(null);
        if (start != null && end != null && start.isAfter(end)) {
            throw read.invalid("start_date", read.raw("start_date").orElse(null), "is after end_date '"
                    + read.raw("end_date").orElse(null) + "'; valid: a start_date at or before end_date");
        }
        Duration jitter = read.seconds("jitter").orElse(Duration.ZERO);
        Map<CronField, String> given = new EnumMap<>(CronField.class);
        for (CronField field : CronField.values()) {
            read.string(field.key()).ifPresent((text) -> given.put(field, text));
        }
        Optional<String> expression = read.string(EXPRESSION);
        if (expression.isPresent()) {
            if (!given.isEmpty()) {
                throw read.invalid(EXPRESSION, expression.get(), "cannot be combined with the fields "
                        + given.keySet().stream().map(CronField::key).collect(Collectors.joining(", "))
                        + "; valid: either 'expression' or the fields year, month, day, week, day_of_week, hour, minute, second");
            }
            return new CronTrigger(CronParser.parseExpression(expression.get()), Map.of(), expression.get(), zone, start, end, jitter);
        }
        CronParser.FieldForm form = CronParser.parseFields(given);
        return new CronTrigger(form.schedule(), form.given(), null, zone, start, end, jitter);
    }

    /**
     * Shorthand for a string-form trigger without dates or jitter.
     *
     * @param expression a 5-field crontab line, a 6-field Spring expression or a macro
     * @param zone the zone the expression is read in, not {@code null}
     * @return the trigger
     * @throws InvalidTriggerSpecException when the expression is invalid (see {@link #fromSpec})
     */
    public static CronTrigger ofExpression(String expression, ZoneId zone) {
        return fromSpec(Map.of(EXPRESSION, expression), zone);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deterministic: no jitter is applied. See the class documentation for where the search starts,
     * and for daylight-saving behaviour.
     *
     * @param previousFireTime the un-jittered previous fire time, or {@code null}
     * @param now the current time, not {@code null}
     * @return the next fire time in {@link #timezone()}, at a whole second, or empty when none is left
     *     (past {@code end_date}, or nothing matches up to the year 9999)
     */
    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        Instant from = now.toInstant();
        if (previousFireTime != null) {
            Instant afterPrevious = previousFireTime.toInstant().plusNanos(1);
            if (!from.isBefore(afterPrevious) || from.equals(previousFireTime.toInstant())) {
                from = afterPrevious;
            }
        }
        if (this.startDate != null && from.isBefore(this.startDate.toInstant())) {
            from = this.startDate.toInstant();
        }
        long second = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
        long fire = ZonedCronSearch.next(this.schedule, this.rules, second);
        if (fire == CronSchedule.NONE) {
            return Optional.empty();
        }
        Instant fireInstant = Instant.ofEpochSecond(fire);
        if (this.endDate != null && fireInstant.isAfter(this.endDate.toInstant())) {
            return Optional.empty();
        }
        return Optional.of(Zones.atZone(fireInstant, this.zone));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed by looking back from {@code now} (or the end date, when earlier) over windows of 1 s, 2 s, 4 s, …
     * until one holds a fire time after {@code fireTime}, then stepping forward within it
     * ({@code FireTimeLookBack}): about log2(time since the latest fire time) searches plus the fire times in that
     * last window, however many fire times were missed since {@code fireTime} (a job firing every second that was
     * down for a month would otherwise take 2.6 million steps).
     */
    @Override
    public ZonedDateTime latestFireTimeAtOrBefore(ZonedDateTime fireTime, ZonedDateTime now) {
        Instant limit = now.toInstant();
        if (this.endDate != null && this.endDate.toInstant().isBefore(limit)) {
            limit = this.endDate.toInstant();
        }
        // fire times are whole seconds: the first one after an instant is the first after its whole second
        Instant latest = FireTimeLookBack.latestAtOrBefore(fireTime.toInstant(), limit, (instant) -> {
            long fire = fireAfter(instant.getEpochSecond());
            return fire == CronSchedule.NONE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(fire));
        });
        return Zones.atZone(latest, this.zone);
    }

    /** The first fire time strictly after {@code second} (epoch seconds), or {@link CronSchedule#NONE}. */
    private long fireAfter(long second) {
        return ZonedCronSearch.next(this.schedule, this.rules, second + 1);
    }

    @Override
    public ZoneId timezone() {
        return this.zone;
    }

    /**
     * The largest random delay the scheduler adds to each fire time (spec key {@code jitter}, seconds).
     *
     * @return the jitter, {@link Duration#ZERO} when none
     */
    @Override
    public Duration jitter() {
        return this.jitter;
    }

    /**
     * The first instant this trigger may fire at (spec key {@code start_date}, inclusive).
     *
     * @return the start date in {@link #timezone()}, or empty when none
     */
    public Optional<ZonedDateTime> startDate() {
        return Optional.ofNullable(this.startDate);
    }

    /**
     * The last instant this trigger may fire at (spec key {@code end_date}, inclusive).
     *
     * @return the end date in {@link #timezone()}, or empty when none
     */
    @Override
    public Optional<ZonedDateTime> endDate() {
        return Optional.ofNullable(this.endDate);
    }

    /**
     * The string-form expression as given (trimmed).
     *
     * @return the expression, or empty for a field-form trigger
     */
    public Optional<String> expression() {
        return Optional.ofNullable(this.expression);
    }

    /**
     * The explicitly given fields of a field-form trigger, normalised (lower case, no leading zeros, no spaces around
     * commas), keyed by spec key in field order ({@code year} … {@code second}).
     *
     * @return an unmodifiable map, empty for a string-form trigger
     */
    public Map<String, String> fields() {
        Map<String, String> out = new LinkedHashMap<>();
        this.fields.forEach((field, text) -> out.put(field.key(), text));
        return Collections.unmodifiableMap(out);
    }

    /**
     * This trigger as a spec: {@code type}, the given fields (or {@code expression}), then
     * {@code start_date} / {@code end_date} when set (ISO-8601 with offset), {@code timezone} (always) and
     * {@code jitter} (seconds, a {@code Long} or {@code BigDecimal}) when not zero.
     *
     * @return an unmodifiable ordered map that {@link #fromSpec} turns back into an equal trigger
     */
    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(TriggerSpec.TYPE, TYPE);
        if (this.expression != null) {
            spec.put(EXPRESSION, this.expression);
        }
        spec.putAll(fields());
        if (this.startDate != null) {
            spec.put("start_date", TriggerSpec.formatDateTime(this.startDate));
        }
        if (this.endDate != null) {
            spec.put("end_date", TriggerSpec.formatDateTime(this.endDate));
        }
        return TriggerSpec.withZoneAndJitter(spec, this.zone, this.jitter);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CronTrigger other)) {
            return false;
        }
        return this.fields.equals(other.fields) && Objects.equals(normalizedExpression(), other.normalizedExpression())
                && this.zone.equals(other.zone) && Objects.equals(instant(this.startDate), instant(other.startDate))
                && Objects.equals(instant(this.endDate), instant(other.endDate)) && this.jitter.equals(other.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.fields, normalizedExpression(), this.zone, instant(this.startDate), instant(this.endDate), this.jitter);
    }

    /**
     * APScheduler-style text: {@code cron[month='6-8,11-12', day='3rd fri', hour='0-3']} or
     * {@code cron['0 0 * * 0']}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        if (this.expression != null) {
            return "cron['" + this.expression + "']";
        }
        return this.fields.entrySet().stream().map((e) -> e.getKey().key() + "='" + e.getValue() + "'")
            .collect(Collectors.joining(", ", "cron[", "]"));
    }

    private @Nullable String normalizedExpression() {
        return (this.expression == null) ? null : this.expression.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static @Nullable Instant instant(@Nullable ZonedDateTime dateTime) {
        return (dateTime == null) ? null : dateTime.toInstant();
    }
}
