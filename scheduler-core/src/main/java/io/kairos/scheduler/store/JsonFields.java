package io.kairos.scheduler.store;

import io.kairos.scheduler.input.InputText;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;

/**
 * The fields of one stored job's JSON object, with typed accessors whose errors are {@link JobDecodeException}s
 * naming the job, the field, the value and what would be valid. Not thread-safe; one per decode.
 */
final class JsonFields {

    private final Map<String, Object> fields;

    private final @Nullable String jobId;

    private JsonFields(Map<String, Object> fields, @Nullable String knownId) {
        this.fields = fields;
        this.jobId = fields.get("id") instanceof String id ? id : knownId;
    }

    static JsonFields parse(@Nullable String json) {
        return parse(json, null);
    }

    /**
     * Parses a stored job's text.
     *
     * @param json the text
     * @param knownId the id the store holds the text under, named in errors when the text names none; may be
     *     {@code null}
     * @return the fields
     * @throws JobDecodeException when the text is not a JSON object
     */
    @SuppressWarnings("unchecked")
    static JsonFields parse(@Nullable String json, @Nullable String knownId) {
        String job = knownId == null ? "stored job" : "stored job '" + knownId + "'";
        if (json == null || json.isBlank()) {
            throw new JobDecodeException(knownId, job + " is empty; expected a JSON object", null);
        }
        Object value;
        try {
            value = JsonJobCodec.reader().readValue(json);
        }
        catch (JacksonException ex) {
            throw new JobDecodeException(knownId, job + " is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new JobDecodeException(knownId, job + " is not a JSON object: " + InputText.shorten(json), null);
        }
        return new JsonFields((Map<String, Object>) normalizeDecimals(map), knownId);
    }

    /**
     * Replaces, in place, each {@link BigDecimal} the reader produced by a {@link Double} when the double has
     * exactly the decimal's value (as {@code 0.5} and {@code 0.1} do: {@code Double.toString} gives back the same
     * number), and leaves the others (e.g. {@code 0.1000000000000000000001}) as {@code BigDecimal}, so an argument
     * keeps every digit it was stored with.
     */
    @SuppressWarnings("unchecked")
    static Object normalizeDecimals(Object value) {
        if (value instanceof BigDecimal decimal) {
            return exactDouble(decimal);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, Object> e : ((Map<?, Object>) map).entrySet()) {
                Object v = e.getValue();
                if (v instanceof BigDecimal || v instanceof Map<?, ?> || v instanceof List<?>) {
                    e.setValue(normalizeDecimals(v));
                }
            }
        }
        else if (value instanceof List<?> list) {
            ListIterator<Object> it = ((List<Object>) list).listIterator();
            while (it.hasNext()) {
                Object v = it.next();
                if (v instanceof BigDecimal || v instanceof Map<?, ?> || v instanceof List<?>) {
                    it.set(normalizeDecimals(v));
                }
            }
        }
        return value;
    }

    /** {@code decimal} as a {@code Double} when that loses nothing, else {@code decimal} itself. */
    static Object exactDouble(BigDecimal decimal) {
        double d = decimal.doubleValue();
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(decimal) == 0) {
            return d;
        }
        return decimal;
    }

    JobDecodeException error(String problem, @Nullable Throwable cause) {
        return new JobDecodeException(this.jobId, "stored job '" + this.jobId + "' " + problem, cause);
    }

    private JobDecodeException invalid(String key, Object value, String expected) {
        return error("field '" + key + "': value " + InputText.shorten(value) + " is invalid; expected " + expected, null);
    }

    <T extends @Nullable Object> T lenient(Supplier<T> read, T fallback) {
        try {
            T value = read.get();
            return value == null ? fallback : value;
        }
        catch (RuntimeException ex) {
            return fallback;
        }
    }

    private Object required(String key) {
        Object value = this.fields.get(key);
        if (value == null) {
            throw error("lacks the required field '" + key + "'", null);
        }
        return value;
    }

    String requiredString(String key) {
        Object value = required(key);
        if (!(value instanceof String text)) {
            throw invalid(key, value, "a string");
        }
        return text;
    }

    @Nullable String string(String key) {
        return this.fields.get(key) == null ? null : requiredString(key);
    }

    boolean requiredBoolean(String key) {
        Object value = required(key);
        if (!(value instanceof Boolean flag)) {
            throw invalid(key, value, "true or false");
        }
        return flag;
    }

    @Nullable Boolean optionalBoolean(String key) {
        return this.fields.get(key) == null ? null : requiredBoolean(key);
    }

    long requiredLong(String key) {
        Object value = required(key);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw invalid(key, value, "a whole number");
        }
        return ((Number) value).longValue();
    }

    int requiredInt(String key) {
        Object value = required(key);
        if (!(value instanceof Integer number)) {
            throw invalid(key, value, "a whole number in the int range");
        }
        return number;
    }

    <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
        String text = requiredString(key);
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw invalid(key, text, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    @Nullable Duration duration(String key) {
        String text = string(key);
        try {
            return text == null ? null : JsonJobCodec.parseDuration(text);
        }
        catch (DateTimeParseException ex) {
            throw invalid(key, text, "an ISO-8601 duration such as \"PT30S\"");
        }
    }

    @Nullable Instant instant(String key) {
        String text = string(key);
        try {
            return text == null ? null : JsonJobCodec.parseInstant(text);
        }
        catch (DateTimeParseException ex) {
            throw invalid(key, text, "an ISO-8601 UTC instant such as \"2026-11-24T10:30:00Z\"");
        }
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) {
        Object value = required(key);
        if (!(value instanceof List<?> list)) {
            throw invalid(key, value, "a JSON array");
        }
        return (List<Object>) list;
    }

    Map<String, Object> map(String key) {
        return Objects.requireNonNull(map(key, false));
    }

    @SuppressWarnings("unchecked")
    @Nullable Map<String, Object> map(String key, boolean optional) {
        Object value = this.fields.get(key);
        if (value == null && optional) {
            return null;
        }
        value = required(key);
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(key, value, "a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
