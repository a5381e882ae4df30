package io.kairos.scheduler.trigger;

import io.kairos.scheduler.input.InputText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;


/**
 * A validated view of one trigger spec: keys normalised to snake_case, unknown keys rejected, and typed
 * accessors whose errors name the field, the value and what would be valid.
 *
 * <p>Keys may be given in snake_case ({@code day_of_week}), kebab-case ({@code day-of-week}) or camelCase
 * ({@code dayOfWeek}); the same key given twice in different spellings is an error. Values may be
 * strings or numbers. Instances are immutable and thread-safe.
 */
public final class TriggerSpec {

    /** The spec key that names the trigger kind. */
    public static final String TYPE = "type";

    /** The largest number of seconds {@link #seconds} accepts (about 292 years, the range of a long in nanoseconds). */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(9_000_000_000L);

    private final String type;

    private final Map<String, Object> values;

    private TriggerSpec(String type, Map<String, Object> values) {
        this.type = type;
        this.values = values;
    }

    /**
     * Reads a spec for one trigger kind.
     *
     * @param spec the raw spec; keys in any accepted spelling, not {@code null}
     * @param type the trigger kind being built, e.g. {@code "cron"}; used in messages
     * @param validKeys the snake_case keys this kind accepts, {@code type} excluded
     * @return the normalised spec
     * @throws InvalidTriggerSpecException for an unknown key (the message lists the valid keys), a key
     *     given twice in different spellings, or a {@code null} key
     */
    public static TriggerSpec read(Map<String, ?> spec, String type, Set<String> validKeys) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : spec.entrySet()) {
            if (entry.getKey() == null) {
                throw new InvalidTriggerSpecException(null, null, type + " trigger spec has a null key");
            }
            String key = normalizeKey(entry.getKey());
            if (key.equals(TYPE)) {
                continue;
            }
            if (!validKeys.contains(key)) {
                String shortKey = InputText.shorten(entry.getKey());
                throw new InvalidTriggerSpecException(shortKey, entry.getValue(), type + " trigger spec has unknown key '" + shortKey
                        + "'; valid keys: " + String.join(", ", new TreeSet<>(validKeys)));
            }
            if (values.containsKey(key)) {
                throw new InvalidTriggerSpecException(key, entry.getValue(),
                        type + " trigger spec gives '" + key + "' twice (in different spellings)");
            }
            if (entry.getValue() != null) {
                values.put(key, entry.getValue());
            }
        }
        return new TriggerSpec(type, Collections.unmodifiableMap(values));
    }

    /**
     * Turns a key spelled in camelCase or kebab-case into snake_case ({@code dayOfWeek} and
     * {@code day-of-week} become {@code day_of_week}).
     *
     * @param key the key as given, not {@code null}
     * @return the snake_case key
     */
    public static String normalizeKey(String key) {
        if (isSnakeCase(key)) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-') {
                out.append('_');
            }
            else if (Character.isUpperCase(c)) {
                if (i > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the key has neither a dash nor an upper-case letter (stored specs' keys): then it is its own snake_case. */
    private static boolean isSnakeCase(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-' || Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The trigger kind this spec was read for.
     *
     * @return the kind, e.g. {@code "cron"}
     */
    public String type() {
        return this.type;
    }

    /**
     * Whether the spec gives a (non-null) value for a key.
     *
     * @param key the snake_case key
     * @return {@code true} when present
     */
    public boolean has(String key) {
        return this.values.containsKey(key);
    }

    /**
     * The raw value of a key.
     *
     * @param key the snake_case key
     * @return the value as given (a string, a number, a list, ...), or empty
     */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(this.values.get(key));
    }

    /**
     * A value as text: strings as they are, whole numbers without a fraction ({@code 5}, not
     * {@code 5.0}).
     *
     * @param key the snake_case key
     * @return the text, trimmed, or empty when the key is absent
     * @throws InvalidTriggerSpecException when the value is neither a string nor a number, or is blank
     */
    public Optional<String> string(String key) {
        Object value = this.values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String text;
        if (value instanceof CharSequence cs) {
            text = cs.toString().trim();
        }
        else if (value instanceof Number number) {
            text = numberText(key, number);
        }
        else {
            throw invalid(key, value, "must be a string or a number");
        }
        if (text.isEmpty()) {
            throw invalid(key, value, "must not be blank");
        }
        return Optional.of(text);
    }

    /** A number as plain text ({@code 5}, not {@code 5.0}), its size checked before it is printed. */
    private String numberText(String key, Number number) {
        if (number instanceof BigInteger big && big.bitLength() > 128) {
            throw invalid(key, number, "is out of range (at most " + InputText.MAX_INTEGER_DIGITS + " digits)");
        }
        String text = number.toString();
        if (text.equals("NaN") || text.contains("Infinity")) {
            throw invalid(key, number, "must be a finite number");
        }
        try {
            return InputText.decimal(text).toPlainString();
        }
        catch (NumberFormatException ex) {
            throw invalid(key, number, String.valueOf(ex.getMessage()));
        }
    }

    /**
     * A value as a non-negative decimal number of seconds or units.
     *
     * @param key the snake_case key
     * @return the number, or empty when absent
     * @throws InvalidTriggerSpecException when the value is not a number, is negative, or is out of the range
     *     {@link InputText#decimal} reads (10^20 or more, more than 100 decimal places, text over 100 characters);
     *     checked before any arithmetic, so an exponent such as {@code 1e999999999} costs nothing
     */
    public Optional<BigDecimal> decimal(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal number;
        try {
            number = InputText.decimal(text.get());
        }
        catch (NumberFormatException ex) {
            throw invalid(key, text.get(), String.valueOf(ex.getMessage()));
        }
        if (number.signum() < 0) {
            throw invalid(key, text.get(), "must not be negative");
        }
        return Optional.of(number);
    }

    /**
     * A value as a whole, non-negative number.
     *
     * @param key the snake_case key
     * @return the number, or empty when absent
     * @throws InvalidTriggerSpecException when the value is not a whole number or is negative
     */
    public Optional<Long> wholeNumber(String key) {
        Optional<BigDecimal> number = decimal(key);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(number.get().longValueExact());
        }
        catch (ArithmeticException ex) {
            throw invalid(key, this.values.get(key), "must be a whole number");
        }
    }

    /**
     * A duration given as a number of seconds (fractions allowed, as APScheduler's {@code jitter}).
     *
     * @param key the snake_case key
     * @return the duration, or empty when absent
     * @throws InvalidTriggerSpecException when the value is not a non-negative number, or is above
     *     9,000,000,000 seconds
     */
    public Optional<Duration> seconds(String key) {
        return decimal(key).map((secs) -> {
            if (secs.compareTo(MAX_SECONDS) > 0) {
                throw invalid(key, secs.toPlainString(), "is too large; valid: at most " + MAX_SECONDS + " seconds");
            }
            return Duration.ofNanos(secs.movePointRight(9).longValue());
        });
    }

    /**
     * The {@code timezone} value, or a default.
     *
     * @param defaultZone the zone to use when the spec gives none, not {@code null}
     * @return the zone ({@code "UTC"} is {@link ZoneOffset#UTC})
     * @throws InvalidTriggerSpecException when the value is not a known time zone id
     */
    public ZoneId zone(ZoneId defaultZone) {
        Optional<String> id = string("timezone");
        if (id.isEmpty()) {
            return defaultZone;
        }
        return parseZone("timezone", id.get());
    }

    /**
     * A date-time value: ISO-8601 with or without an offset, with {@code T} or a space between date and
     * time ({@code 2009-11-06 16:30:05}), or a bare date (midnight). Without an offset it is read in
     * {@code zone}; a wall time in a daylight-saving gap moves forward by the gap's length, and an
     * ambiguous one takes its first occurrence (as APScheduler 3's {@code localize}).
     *
     * <p>The value may also be a {@code java.time} object, as APScheduler takes a {@code datetime}: an
     * {@code Instant}, {@code ZonedDateTime}, {@code OffsetDateTime} or {@code java.util.Date} is that instant; a
     * {@code LocalDateTime} is read in {@code zone} as above; a {@code LocalDate} is its midnight in {@code zone}.
     * Every date must lie in the years 1 to 9999 (in any zone), so that {@link Trigger#toSpec()} writes it in a form
     * that is read back.
     *
     * @param key the snake_case key
     * @param zone the trigger's time zone
     * @return the date-time in {@code zone}, or empty when absent
     * @throws InvalidTriggerSpecException when the value is not a date-time in one of those forms, or is outside the
     *     years 1 to 9999
     */
    public Optional<ZonedDateTime> dateTime(String key, ZoneId zone) {
        return raw(key).map((value) -> SpecDates.dateTime(key, value, zone));
    }

    /**
     * A date value ({@code 2024-01-31}); a date-time is accepted and its date taken in {@code zone}.
     *
     * @param key the snake_case key
     * @param zone the trigger's time zone
     * @return the date, or empty when absent
     * @throws InvalidTriggerSpecException when the value is not a date (a {@code LocalDate} or anything
     *     {@link #dateTime} reads), or is outside the years 1 to 9999
     */
    public Optional<LocalDate> date(String key, ZoneId zone) {
        return raw(key).map((value) -> SpecDates.date(key, value, zone));
    }

    /**
     * A list of nested specs, for {@code and} / {@code or}.
     *
     * @param key the snake_case key
     * @return the nested specs in order, or an empty list when absent
     * @throws InvalidTriggerSpecException when the value is not a list of maps
     */
    public List<Map<String, ?>> specList(String key) {
        Object value = this.values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(key, value, "must be a list of trigger specs");
        }
        List<Map<String, ?>> specs = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof Trigger trigger) {
                specs.add(trigger.toSpec());
            }
            else if (item instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                specs.add(copy);
            }
            else {
                throw invalid(key, item, "must be a list of trigger specs (maps with a 'type')");
            }
        }
        return specs;
    }

    /**
     * Builds the exception for a bad value of this spec.
     *
     * @param key the snake_case key
     * @param value the offending value
     * @param problem what is wrong and what would be valid, e.g. {@code "must be a positive number"}
     * @return the exception, to throw
     */
    public InvalidTriggerSpecException invalid(String key, @Nullable Object value, String problem) {
        return new InvalidTriggerSpecException(key, value, this.type + " trigger '" + key + "': value '" + InputText.shorten(value) + "' "
                + problem);
    }

    /**
     * Parses a time zone id.
     *
     * @param key the spec key, for the message
     * @param id the id, e.g. {@code Europe/Berlin}, {@code UTC} or {@code +02:00}
     * @return the zone
     * @throws InvalidTriggerSpecException when the id is unknown
     */
    public static ZoneId parseZone(String key, String id) {
        if (id.equalsIgnoreCase("utc") || id.equals("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        }
        catch (DateTimeException ex) {
            throw new InvalidTriggerSpecException(key, id, "'" + key + "': unknown time zone '" + InputText.shorten(id)
                    + "'; valid: an IANA zone id such as 'Europe/Berlin', 'UTC', or an offset such as '+02:00'");
        }
    }

    /**
     * Parses a date-time in the forms {@link #dateTime} accepts.
     *
     * @param key the spec key, for the message
     * @param value the text
     * @param zone the zone for values without an offset
     * @return the date-time in {@code zone}
     * @throws InvalidTriggerSpecException when the text is not a date-time, or is outside the years 1 to 9999
     */
    public static ZonedDateTime parseDateTime(String key, String value, ZoneId zone) {
        return SpecDates.parse(key, value, zone);
    }

    /**
     * Formats a date-time for a spec: ISO-8601 local date-time with offset, e.g.
     * {@code 2009-11-06T16:30:05+01:00}; fractions of a second only when present.
     *
     * @param dateTime the value
     * @return the text, which {@link #parseDateTime} reads back to the same instant when the value is in the years 1
     *     to 9999 (as every trigger's dates are)
     */
    public static String formatDateTime(ZonedDateTime dateTime) {
        return SpecDates.format(dateTime);
    }

    /**
     * Formats a time zone for a spec's {@code timezone} value: the zone id, with {@code "UTC"} for
     * {@link ZoneOffset#UTC} (whose own id is {@code "Z"}).
     *
     * @param zone the zone, not {@code null}
     * @return the text, which {@link #parseZone} reads back to an equal zone
     */
    public static String formatZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /**
     * Formats a duration for a spec as a number of seconds: a {@link Long} when whole, otherwise an
     * exact {@link BigDecimal} ({@code 1.5}); {@link #seconds} reads it back to an equal duration.
     *
     * @param duration the duration, not negative
     * @return the number of seconds
     */
    public static Number formatSeconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)).stripTrailingZeros();
    }

    /**
     * Ends a trigger's {@code toSpec}: puts {@code timezone} (always) and {@code jitter} (seconds, when not zero) after
     * the trigger's own keys.
     *
     * @param spec the trigger's keys so far, in order; changed
     * @param zone the trigger's zone
     * @param jitter the trigger's jitter, not negative
     * @return {@code spec}, unmodifiable
     */
    static Map<String, Object> withZoneAndJitter(Map<String, Object> spec, ZoneId zone, Duration jitter) {
        spec.put("timezone", formatZone(zone));
        if (!jitter.isZero()) {
            spec.put("jitter", formatSeconds(jitter));
        }
        return Collections.unmodifiableMap(spec);
    }
}
