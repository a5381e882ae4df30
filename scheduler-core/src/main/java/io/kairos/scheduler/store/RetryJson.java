package io.kairos.scheduler.store;

import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.retry.InvalidRetryPolicyException;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a job's retry policy ({@code "retry"}) and pending retry ({@code "pending_retry"}), both optional
 * within format 1 (text without them reads as no retry and none pending):
 * <pre>{@code
 * "retry": {"max_attempts": 3, "backoff": "PT10S", "multiplier": 2, "max_backoff": "PT10M", "jitter": 0.1,
 *           "retry_on": ["java.io.IOException"], "no_retry_on": []},
 * "pending_retry": {"attempt": 2, "scheduled_at": "2026-11-24T03:00:00Z", "at": "2026-11-24T03:00:12.5Z",
 *                   "regular_run_time": "2026-11-25T03:00:00Z"}
 * }</pre>
 * A policy is read through {@link RetryPolicy#parse}, so it is checked as configuration is. Thread-safe (stateless).
 */
final class RetryJson {

    private RetryJson() {
    }

    static Map<String, Object> write(RetryPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("max_attempts", policy.maxAttempts());
        out.put("backoff", policy.backoff().toString());
        out.put("multiplier", BigDecimal.valueOf(policy.multiplier()).stripTrailingZeros());
        out.put("max_backoff", policy.maxBackoff().toString());
        out.put("jitter", BigDecimal.valueOf(policy.jitter()).stripTrailingZeros());
        out.put("retry_on", policy.retryOn());
        out.put("no_retry_on", policy.noRetryOn());
        return out;
    }

    static Map<String, Object> write(PendingRetry retry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempt", retry.attempt());
        out.put("scheduled_at", retry.scheduledAt().toString());
        out.put("at", retry.at().toString());
        out.put("regular_run_time", retry.regularRunTime() == null ? null : retry.regularRunTime().toString());
        return out;
    }

    /**
     * Reads a policy.
     *
     * @throws JobDecodeException naming the field and value when it is not valid
     */
    static RetryPolicy readPolicy(JsonFields fields, Map<String, Object> json) {
        if (json == null) {
            return RetryPolicy.NONE;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            String key = entry.getKey().replace('_', '-');
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            options.put(key, value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                    : value.toString());
        }
        try {
            return RetryPolicy.parse(RetryPolicy.NONE, options);
        }
        catch (InvalidRetryPolicyException ex) {
            throw fields.error("field 'retry': " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a pending retry.
     *
     * @throws JobDecodeException naming the field when it is not valid
     */
    static PendingRetry readPending(JsonFields fields, Map<String, Object> json) {
        if (json == null) {
            return null;
        }
        try {
            Object attempt = json.get("attempt");
            if (!(attempt instanceof Integer number)) {
                throw new IllegalArgumentException("'attempt' must be a whole number of 2 or more, got " + InputText.shorten(attempt));
            }
            return new PendingRetry(number, instant(json, "scheduled_at"), instant(json, "at"),
                    json.get("regular_run_time") == null ? null : instant(json, "regular_run_time"));
        }
        catch (IllegalArgumentException | NullPointerException | DateTimeParseException ex) {
            throw fields.error("field 'pending_retry': " + ex.getMessage(), ex);
        }
    }

    private static Instant instant(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return JsonJobCodec.parseInstant(value.toString());
    }
}
