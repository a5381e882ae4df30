package io.kairos.scheduler.store;

import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.trigger.IsoInstants;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.TriggerSpec;
import io.kairos.scheduler.trigger.Triggers;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persistent JSON form of a job (Jackson 3; never Java serialization). Thread-safe.
 *
 * <p>Format 1, one JSON object with snake_case keys:
 * <pre>{@code
 * {"format": 1, "id": "cancel-order-42", "name": "cancel order 42", "task": "orderService.cancelUnpaidOrder",
 *  "args": [42], "kwargs": {"reason": "unpaid"},
 *  "trigger": {"type": "date", "run_date": "2026-11-24T10:30:00Z", "timezone": "UTC"},
 *  "executor": "default", "jobstore": "default", "misfire_grace_time": "PT30S", "coalesce": true,
 *  "max_instances": 1, "jitter": null, "next_run_time": "2026-11-24T10:30:00Z",
 *  "next_fire_time": "2026-11-24T10:30:00Z", "state": "SCHEDULED", "broken_reason": null, "version": 3,
 *  "timeout": "PT5M"}
 * }</pre>
 * <ul>
 * <li>{@code format} is required; text written by a newer Kairos (a higher format) is refused with a
 *     {@link JobDecodeException}, so an older Kairos never misreads it (and stores keep it as broken).</li>
 * <li>The trigger is stored as its trigger spec ({@link Trigger#toSpec()}) and read back with
 *     {@link Triggers#fromSpec(Map, ZoneId)}, the zone being the spec's {@code timezone} (UTC when absent).</li>
 * <li>Durations ({@code misfire_grace_time}, {@code jitter}, {@code timeout}) are ISO-8601 durations
 *     ({@code "PT30S"}, {@code "PT0.25S"}) or {@code null} (no limit / the trigger's own / no timeout).
 *     {@code timeout} was added later within format 1: text without it reads as no timeout.
 *     {@code keeps_finished_marker} (written only when {@code true}: the job's id was chosen by the caller, so it
 *     leaves a {@code FINISHED} marker when its trigger finishes) was added later too: text without it reads as
 *     {@code false}. {@code retry} (the retry policy, written only when it retries) and {@code pending_retry} (a
 *     failed attempt's retry waiting to run) were added later too, see {@code RetryJson}: text without them reads as
 *     no retry. Instants are ISO-8601 in UTC
 *     ({@code "2026-11-24T10:30:00Z"}), at the precision given.</li>
 * <li>{@code args} and {@code kwargs} hold JSON values only: strings, numbers, booleans, {@code null},
 *     lists and string-keyed maps of those (no NaN or infinity). Anything else is refused when encoding.
 *     Numbers read back as {@code Integer}, {@code Long}, {@code BigInteger}, {@code Double} or
 *     {@code BigDecimal}, whatever their type was when written: a decimal is a {@code Double} when the
 *     {@code double} nearest to it has exactly its value ({@code 0.5}, {@code 0.1}, {@code 1e300}), and otherwise a
 *     {@code BigDecimal} with every digit written ({@code 0.1000000000000000000001}), so no digit is lost. The
 *     task's argument conversion turns them into its parameter types.</li>
 * </ul>
 * The JSON uses its own {@link JsonMapper}, never the application's, so customizing the application's Jackson
 * cannot change the stored format.
 */
public final class JsonJobCodec implements JobCodec {

    /** The format version this code writes, and the highest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * Reads any JSON value (objects as maps, arrays as lists, strings, numbers, booleans); built once, where
     * {@code MAPPER.readValue(json, Object.class)} resolved the type on every call. Decimals read as
     * {@link java.math.BigDecimal} with every digit; {@link JsonFields#parse} turns each one that a {@code double}
     * holds exactly into a {@code Double}.
     */
    private static final ObjectReader READER = MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final BiFunction<Map<String, Object>, ZoneId, Trigger> triggerDecoder;

    /**
     * A codec that reads triggers with {@link Triggers#fromSpec(Map, ZoneId)}.
     */
    public JsonJobCodec() {
        this(JsonJobCodec::triggerFromSpec);
    }

    /**
     * A codec with another trigger decoder (tests).
     *
     * @param triggerDecoder turns a trigger spec and its zone into a trigger; throws
     *     {@link IllegalArgumentException} for an invalid spec
     */
    JsonJobCodec(BiFunction<Map<String, Object>, ZoneId, Trigger> triggerDecoder) {
        this.triggerDecoder = Objects.requireNonNull(triggerDecoder, "triggerDecoder");
    }

    /**
     * Builds a trigger from a stored spec (the default trigger decoder): {@link Triggers#fromSpec(Map, ZoneId)}.
     *
     * @param spec the spec
     * @param zone the spec's zone
     * @return the trigger
     * @throws IllegalArgumentException when the spec is invalid
     */
    static Trigger triggerFromSpec(Map<String, Object> spec, ZoneId zone) {
        return Triggers.fromSpec(spec, zone);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when an argument is not a JSON value; the message names the job,
     *     the argument and the value's type
     */
    @Override
    public String encode(StoredJob job) {
        JsonValues.check(job.id(), "args", job.args());
        JsonValues.check(job.id(), "kwargs", job.kwargs());
        // written field by field (the order and values of a map of them written by the mapper): no map of the fields,
        // and no serializer looked up for each of its values
        StringWriter text = new StringWriter(512);
        try (JsonGenerator out = MAPPER.createGenerator(text)) {
            out.writeStartObject();
            out.writeNumberProperty("format", FORMAT_VERSION);
            out.writeStringProperty("id", job.id());
            out.writeStringProperty("name", job.name());
            out.writeStringProperty("task", job.task());
            // before args and kwargs: a store that finds the executor in the text (H2's due query) takes the first
            // "executor" key, and one inside an argument map must not be that one
            out.writeStringProperty("executor", job.executor());
            out.writeStringProperty("jobstore", job.jobstore());
            out.writePOJOProperty("args", job.args());
            out.writePOJOProperty("kwargs", job.kwargs());
            out.writePOJOProperty("trigger", job.trigger() == null ? null : job.trigger().toSpec());
            out.writeStringProperty("misfire_grace_time", text(job.misfireGraceTime()));
            out.writeBooleanProperty("coalesce", job.coalesce());
            out.writeNumberProperty("max_instances", job.maxInstances());
            out.writeStringProperty("jitter", text(job.jitter()));
            out.writeStringProperty("next_run_time", text(job.nextRunTime()));
            out.writeStringProperty("next_fire_time", text(job.nextFireTime()));
            out.writeStringProperty("state", job.state().name());
            out.writeStringProperty("broken_reason", job.brokenReason());
            out.writeNumberProperty("version", job.version());
            out.writeStringProperty("timeout", text(job.timeout()));
            if (job.keepsFinishedMarker()) {
                out.writeBooleanProperty("keeps_finished_marker", true);
            }
            if (!job.retry().equals(RetryPolicy.NONE)) {
                out.writePOJOProperty("retry", RetryJson.write(job.retry()));
            }
            if (job.pendingRetry() != null) {
                out.writePOJOProperty("pending_retry", RetryJson.write(job.pendingRetry()));
            }
            out.writeEndObject();
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("job '" + job.id() + "' cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
        return text.toString();
    }

    @Override
    public StoredJob decode(String json) {
        return decode(null, json);
    }

    /** {@inheritDoc} Errors name {@code jobId} when the text has no {@code id} of its own or cannot be parsed. */
    @Override
    public StoredJob decode(@Nullable String jobId, String json) {
        JsonFields fields = JsonFields.parse(json, jobId);
        int format = fields.requiredInt("format");
        if (format > FORMAT_VERSION) {
            throw fields.error("was stored in format " + format + " by a newer Kairos; this Kairos reads formats up to "
                    + FORMAT_VERSION + ": upgrade Kairos to load it", null);
        }
        if (format < 1) {
            throw fields.error("field 'format': value " + format + " is not a format version; valid: 1.." + FORMAT_VERSION, null);
        }
        JobState state = fields.requiredEnum("state", JobState.class);
        Trigger trigger = readTrigger(fields, state);
        try {
            return new StoredJob(fields.requiredString("id"), fields.requiredString("name"), fields.requiredString("task"),
                    fields.list("args"), fields.map("kwargs"), trigger, fields.requiredString("executor"),
                    fields.requiredString("jobstore"), fields.duration("misfire_grace_time"), fields.requiredBoolean("coalesce"),
                    fields.requiredInt("max_instances"), fields.duration("jitter"), fields.instant("next_run_time"),
                    fields.instant("next_fire_time"), state, fields.string("broken_reason"), fields.requiredLong("version"),
                    fields.duration("timeout"), Boolean.TRUE.equals(fields.optionalBoolean("keeps_finished_marker")),
                    RetryJson.readPolicy(fields, fields.map("retry", true)),
                    state == JobState.SCHEDULED ? RetryJson.readPending(fields, fields.map("pending_retry", true)) : null);
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw fields.error("is inconsistent: " + ex.getMessage(), ex);
        }
    }

    /**
     * Recovers every field of {@code json} that can be read; the rest takes the defaults of
     * {@link JobCodec#decodeBroken}. The trigger is read too when it can be.
     */
    @Override
    public StoredJob decodeBroken(String jobId, @Nullable String json, String jobstore, String reason) {
        JsonFields fields;
        try {
            fields = JsonFields.parse(json);
        }
        catch (JobDecodeException ex) {
            return JobCodec.super.decodeBroken(jobId, json, jobstore, reason);
        }
        Trigger trigger = null;
        try {
            trigger = readTrigger(fields, JobState.SCHEDULED);
        }
        catch (JobDecodeException ex) {
            // kept as null: the reason says why
        }
        return new StoredJob(jobId, fields.lenient(() -> fields.requiredString("name"), jobId),
                fields.lenient(() -> fields.requiredString("task"), UNREADABLE_TASK), fields.lenient(() -> fields.list("args"), List.of()),
                fields.lenient(() -> fields.map("kwargs"), Map.of()), trigger, fields.lenient(() -> fields.requiredString("executor"), "default"),
                fields.lenient(() -> fields.requiredString("jobstore"), jobstore), fields.lenient(() -> fields.duration("misfire_grace_time"), null),
                fields.lenient(() -> fields.requiredBoolean("coalesce"), true), fields.lenient(() -> Math.max(1, fields.requiredInt("max_instances")), 1),
                fields.lenient(() -> fields.duration("jitter"), null), null, null, JobState.BROKEN, reason, 0,
                fields.lenient(() -> positive(fields.duration("timeout")), null),
                fields.lenient(() -> fields.optionalBoolean("keeps_finished_marker"), false),
                fields.lenient(() -> RetryJson.readPolicy(fields, fields.map("retry", true)), RetryPolicy.NONE), null);
    }

    private @Nullable Trigger readTrigger(JsonFields fields, JobState state) {
        Map<String, Object> spec = fields.map("trigger", state == JobState.BROKEN);
        if (spec == null) {
            return null;
        }
        try {
            Object zoneId = spec.get("timezone");
            ZoneId zone = zoneId == null ? ZoneOffset.UTC : TriggerSpec.parseZone("timezone", zoneId.toString());
            return this.triggerDecoder.apply(spec, zone);
        }
        catch (IllegalArgumentException ex) {
            throw fields.error("has an invalid trigger spec " + InputText.shorten(spec) + ": " + ex.getMessage(), ex);
        }
    }

    private static @Nullable Duration positive(@Nullable Duration timeout) {
        return timeout == null || timeout.isNegative() || timeout.isZero() ? null : timeout;
    }

    private static @Nullable String text(@Nullable Duration value) {
        return value == null ? null : value.toString();
    }

    private static @Nullable String text(@Nullable Instant value) {
        return value == null ? null : value.toString();
    }

    /**
     * Reads an ISO-8601 duration as this codec writes it.
     *
     * @param text e.g. {@code PT30S}
     * @return the duration
     * @throws java.time.format.DateTimeParseException when the text is not an ISO-8601 duration
     */
    static Duration parseDuration(String text) {
        return Duration.parse(text);
    }

    /**
     * Reads an ISO-8601 instant as this codec writes it.
     *
     * @param text e.g. {@code 2026-11-24T10:30:00Z}
     * @return the instant
     * @throws java.time.format.DateTimeParseException when the text is not an ISO-8601 instant
     */
    static Instant parseInstant(String text) {
        return IsoInstants.parse(text);
    }

    static ObjectReader reader() {
        return READER;
    }
}
