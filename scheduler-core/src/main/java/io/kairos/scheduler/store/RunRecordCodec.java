package io.kairos.scheduler.store;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("runId", run.runId());
        node.put("jobId", run.jobId());
        node.put("jobName", run.jobName());
        node.put("task", run.task());
        node.put("jobStore", run.jobStore());
        node.put("executor", run.executor());
        instant(node, "scheduledAt", run.scheduledAt());
        instant(node, "submittedAt", run.submittedAt());
        instant(node, "startedAt", run.startedAt());
        instant(node, "finishedAt", run.finishedAt());
        node.put("outcome", run.outcome().name());
        node.put("attempt", run.attempt());
        node.put("instance", run.instance());
        if (run.error() != null) {
            ObjectNode error = node.putObject("error");
            error.put("type", run.error().type());
            error.put("message", run.error().message());
            error.put("stackTrace", run.error().stackTrace());
            error.put("stackTraceTruncated", run.error().stackTraceTruncated());
        }
        node.put("result", run.result());
        node.put("resultNotJson", run.resultNotJson());
        node.put("resultTruncated", run.resultTruncated());
        return JSON.writeValueAsString(node);
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
                    requiredInstant(node, "scheduledAt"), instant(node, "submittedAt"), instant(node, "startedAt"),
                    requiredInstant(node, "finishedAt"),
                    RunOutcome.valueOf(node.get("outcome").asString()), node.get("attempt").asInt(), node.get("instance").asString(),
                    runError, text(node, "result"), node.path("resultNotJson").asBoolean(false),
                    node.path("resultTruncated").asBoolean(false));
        }
        catch (RuntimeException ex) {
            throw new JobDecodeException(null, "unreadable run record: " + ex.getMessage(), ex);
        }
    }

    private static void instant(ObjectNode node, String field, @Nullable Instant instant) {
        if (instant != null) {
            node.put(field, instant.toEpochMilli());
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
