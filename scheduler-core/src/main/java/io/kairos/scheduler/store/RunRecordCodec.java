package io.kairos.scheduler.store;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;

import java.io.OutputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run records as the shared stores keep them: one JSON object with the record's components in camelCase,
 * instants as epoch milliseconds, and a format version ({@code "v":1}). Stores that keep the run id, job id,
 * finish time and outcome in columns of their own (JDBC) keep the rest as {@linkplain #writeDetails details}
 * ({@code "v":2}): those four components are left out, and so are a {@code null} result and {@code false} flags,
 * which makes every row about half as long. Thread-safe.
 */
public final class RunRecordCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Generators for a run of records, one after the other, with nothing in between. */
    private static final JsonFactory UTF8_ROWS = JsonFactory.builder().rootValueSeparator((String) null).build();

    /** The format versions {@link #read} knows: 1, the whole record. */
    private static final Set<Integer> WHOLE = Set.of(1);

    /** The format versions {@link #readDetails} knows: 1, the whole record, and 2, the details. */
    private static final Set<Integer> DETAILS = Set.of(1, 2);

    private RunRecordCodec() {
    }

    /**
     * Writes a record.
     *
     * @param run the record, not {@code null}
     * @return the JSON text
     */
    public static String write(RunRecord run) {
        return write(run, true);
    }

    /**
     * Writes the details of a record, for a store that keeps its run id, job id, finish time and outcome in
     * columns: the record without those four, without a {@code null} result and without {@code false} flags
     * ({@code "v":2}). {@link #readDetails} puts it together again.
     *
     * @param run the record, not {@code null}
     * @return the JSON text
     */
    public static String writeDetails(RunRecord run) {
        return write(run, false);
    }

    /**
     * Writes the details of a record, as {@link #writeDetails(RunRecord)} does, to a generator: for a store that
     * encodes a batch of records with one generator (see {@link #detailsGenerator}). The generator is not flushed.
     *
     * @param run the record, not {@code null}
     * @param g the generator, open, at the root or where a value may follow
     * @throws tools.jackson.core.JacksonException when the generator's target fails
     */
    public static void writeDetails(RunRecord run, JsonGenerator g) {
        write(g, run, false);
    }

    /**
     * A generator writing UTF-8 to a stream, with nothing between root values (the default puts a space), so that
     * the text of each record written with {@link #writeDetails(RunRecord, JsonGenerator)} is the text
     * {@link #writeDetails(RunRecord)} returns once the generator is flushed. Closing it closes the stream.
     *
     * @param out the stream, not {@code null}
     * @return a new generator
     */
    public static JsonGenerator detailsGenerator(OutputStream out) {
        return UTF8_ROWS.createGenerator(out, JsonEncoding.UTF8);
    }

    private static String write(RunRecord run, boolean whole) {
        // streamed rather than built as a tree: the writer thread encodes every run of a burst
        StringWriter text = new StringWriter(whole ? 384 : 192);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            write(g, run, whole);
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, RunRecord run, boolean whole) {
        g.writeStartObject();
        g.writeNumberProperty("v", whole ? 1 : 2);
        if (whole) {
            g.writeStringProperty("runId", run.runId());
            g.writeStringProperty("jobId", run.jobId());
        }
        g.writeStringProperty("jobName", run.jobName());
        g.writeStringProperty("task", run.task());
        g.writeStringProperty("jobStore", run.jobStore());
        g.writeStringProperty("executor", run.executor());
        instant(g, "scheduledAt", run.scheduledAt());
        instant(g, "submittedAt", run.submittedAt());
        instant(g, "startedAt", run.startedAt());
        if (whole) {
            instant(g, "finishedAt", run.finishedAt());
            g.writeStringProperty("outcome", run.outcome().name());
        }
        g.writeNumberProperty("attempt", run.attempt());
        g.writeStringProperty("instance", run.instance());
        if (run.error() != null) {
            g.writeObjectPropertyStart("error");
            g.writeStringProperty("type", run.error().type());
            g.writeStringProperty("message", run.error().message());
            g.writeStringProperty("stackTrace", run.error().stackTrace());
            g.writeBooleanProperty("stackTraceTruncated", run.error().stackTraceTruncated());
            g.writeEndObject();
        }
        if (whole || run.result() != null) {
            g.writeStringProperty("result", run.result());
        }
        if (whole || run.resultNotJson()) {
            g.writeBooleanProperty("resultNotJson", run.resultNotJson());
        }
        if (whole || run.resultTruncated()) {
            g.writeBooleanProperty("resultTruncated", run.resultTruncated());
        }
        g.writeEndObject();
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @param json the text, untrusted
     * @return the record
     * @throws JobDecodeException when the text is not a run record
     */
    public static RunRecord read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            checkVersion(node, WHOLE);
            return read(node, node.get("runId").asString(), node.get("jobId").asString(), requiredInstant(node, "finishedAt"),
                    RunOutcome.valueOf(node.get("outcome").asString()));
        }
        catch (RuntimeException ex) {
            throw new JobDecodeException(null, "unreadable run record: " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a record from its columns and its details, as written by {@link #writeDetails} (or a whole record
     * written by {@link #write}: the columns win).
     *
     * @param runId the run id column
     * @param jobId the job id column
     * @param finishedAt the finish time column
     * @param outcome the outcome column, a {@link RunOutcome} name
     * @param json the details, untrusted
     * @return the record
     * @throws JobDecodeException when the text is not a run record or the outcome is unknown
     */
    public static RunRecord readDetails(String runId, String jobId, Instant finishedAt, String outcome, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            checkVersion(node, DETAILS);
            return read(node, runId, jobId, finishedAt, RunOutcome.valueOf(outcome));
        }
        catch (RuntimeException ex) {
            throw new JobDecodeException(null, "unreadable run record " + runId + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Refuses a format version this code does not know (a record written by a later version, which may mean
     * something else by its fields), naming the version and the known ones.
     */
    private static void checkVersion(JsonNode node, Set<Integer> known) {
        JsonNode version = node.get("v");
        if (version == null || !version.isInt() || !known.contains(version.asInt())) {
            throw new IllegalArgumentException("format version \"v\" " + (version == null ? "is missing" : "is " + version)
                    + "; valid: " + known.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                    + " (a record written by a later version of Kairos is not readable by this one)");
        }
    }

    private static RunRecord read(JsonNode node, String runId, String jobId, Instant finishedAt, RunOutcome outcome) {
        JsonNode error = node.get("error");
        RunError runError = error == null || error.isNull() ? null
                : new RunError(error.get("type").asString(), text(error, "message"), error.get("stackTrace").asString(),
                        error.path("stackTraceTruncated").asBoolean(false));
        return new RunRecord(runId, jobId, node.get("jobName").asString(), node.get("task").asString(),
                node.get("jobStore").asString(), node.get("executor").asString(), requiredInstant(node, "scheduledAt"),
                instant(node, "submittedAt"), instant(node, "startedAt"), finishedAt, outcome, node.get("attempt").asInt(),
                node.get("instance").asString(), runError, text(node, "result"), node.path("resultNotJson").asBoolean(false),
                node.path("resultTruncated").asBoolean(false));
    }

    private static void instant(JsonGenerator g, String field, @Nullable Instant instant) {
        if (instant != null) {
            g.writeNumberProperty(field, instant.toEpochMilli());
        }
    }

    private static Instant requiredInstant(JsonNode node, String field) {
        return Objects.requireNonNull(instant(node, field), field);
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
