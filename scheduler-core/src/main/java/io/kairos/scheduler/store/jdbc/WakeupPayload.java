package io.kairos.scheduler.store.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * The payload of the job store's PostgreSQL notifications: {@code v1:<next run time, epoch ms>:<scheduler id>},
 * the earliest next run time the notifying write left scheduled and the id of the scheduler that wrote it. A
 * payload in another form (an older Kairos sent the bare scheduler id) reads as "unknown time, unknown sender".
 * Immutable.
 *
 * @param nextRunTime epoch milliseconds, or {@code null} when unknown
 * @param schedulerId the sender's scheduler id, or {@code null} when unknown
 */
record WakeupPayload(@Nullable Long nextRunTime, @Nullable String schedulerId) {

    private static final String PREFIX = "v1:";

    /**
     * The SQL expression that builds a payload; it takes one bind parameter, the sender's scheduler id.
     *
     * @param nextRunTime the SQL expression of the next run time (a {@code BIGINT})
     * @return the expression
     */
    static String sql(String nextRunTime) {
        return "'" + PREFIX + "' || " + nextRunTime + " || ':' || ?";
    }

    /**
     * Reads a payload.
     *
     * @param payload the notification's payload, may be {@code null}
     * @return the payload's parts; both {@code null} when the payload is not in this form
     */
    static WakeupPayload parse(@Nullable String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return new WakeupPayload(null, null);
        }
        int colon = payload.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return new WakeupPayload(null, null);
        }
        try {
            return new WakeupPayload(Long.parseLong(payload.substring(PREFIX.length(), colon)), payload.substring(colon + 1));
        }
        catch (NumberFormatException ex) {
            return new WakeupPayload(null, null);
        }
    }
}
