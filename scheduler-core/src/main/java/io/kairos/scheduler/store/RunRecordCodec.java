package io.kairos.scheduler.store;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;

import java.io.StringWriter;
import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run records as the shared stores keep them: one JSON object with the record's components in camelCase,
 * instants as epoch milliseconds, and a format version ({@code "v":1}). Thread-safe.
 */
public final class RunRecordCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunRecordCodec() {
    }

    /**
     * Writes a record.
     *
     * @param run the record, not {@code null}
     * @return the JSON text
     */
    public static String write(RunRecord run) {
        // streamed rather than built as a tree: the writer thread encodes every run of a burst
        StringWriter text = new StringWriter(384);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeNumberProperty("v", 1);
            g.writeStringProperty("runId", run.runId());
            g.writeStringProperty("jobId", run.jobId());
            g.writeStringProperty("jobName", run.jobName());
            g.writeStringProperty("task", run.task());
            g.writeStringProperty("jobStore", run.jobStore());
            g.writeStringProperty("executor", run.executor());
            instant(g, "scheduledAt", run.scheduledAt());
            instant(g, "submittedAt", run.submittedAt());
            instant(g, "startedAt", run.startedAt());
            instant(g, "finishedAt", run.finishedAt());
            g.writeStringProperty("outcome", run.outcome().name());
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
            g.writeStringProperty("result", run.result());
            g.writeBooleanProperty("resultNotJson", run.resultNotJson());
            g.writeBooleanProperty("resultTruncated", run.resultTruncated());
            g.writeEndObject();
        }
        return text.toString();
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
            JsonNode error = node.get("error");
            RunError runError = error == null || error.isNull() ? null
                    : new RunError(error.get("type").asString(), text(error, "message"), error.get("stackTrace").asString(),
                            error.path("stackTraceTruncated").asBoolean(false));
            return new RunRecord(node.get("runId").asString(), node.get("jobId").asString(), node.get("jobName").asString(),
                    node.get("task").asString(), node.get("jobStore").asString(), node.get("executor").asString(),
                    instant(node, "scheduledAt"), instant(node, "submittedAt"), instant(node, "startedAt"), instant(node, "finishedAt"),
                    RunOutcome.valueOf(node.get("outcome").asString()), node.get("attempt").asInt(), node.get("instance").asString(),
                    runError, text(node, "result"), node.path("resultNotJson").asBoolean(false),
                    node.path("resultTruncated").asBoolean(false));
        }
        catch (RuntimeException ex) {
            throw new JobDecodeException(null, "unreadable run record: " + ex.getMessage(), ex);
        }
    }

    private static void instant(JsonGenerator g, String field, Instant instant) {
        if (instant != null) {
            g.writeNumberProperty(field, instant.toEpochMilli());
        }
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
