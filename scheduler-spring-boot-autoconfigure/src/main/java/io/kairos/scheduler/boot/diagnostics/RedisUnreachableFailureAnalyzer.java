package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.store.redis.RedisUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link RedisUnreachableException} raised during start-up: a redis job store could not connect to Redis
 * (nothing listens at the address, a refused login, a TLS mismatch). Names the store, the address tried, Lettuce's
 * reason, and the properties that decide the address: the application's {@code spring.data.redis.*} settings, as a
 * redis job store has no connection property of its own in Spring Boot.
 */
class RedisUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<RedisUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisUnreachableException cause) {
        String store = "kairos.jobstores." + cause.alias();
        String address = cause.address();
        String where = address != null ? "at " + address : "through the application's RedisClient bean";
        String description = "The Kairos job store '" + cause.alias() + "' (" + store + ".type: redis) could not connect to Redis "
                + where + ".\n\n    Address: " + (address != null ? address + " (spring.data.redis.host and spring.data.redis.port,"
                        + " or spring.data.redis.url)" : "unknown: the application's own RedisClient bean decides it")
                + "\n    Reason: " + reason(cause);
        String action = (address != null ? "Check that Redis runs at " + address + " and accepts connections from here, or set "
                : "Check that Redis runs where the application's RedisClient bean connects to, or remove that bean and set ")
                + "spring.data.redis.host and spring.data.redis.port (or spring.data.redis.url) to a running Redis, with "
                + "spring.data.redis.username, spring.data.redis.password, spring.data.redis.database and spring.data.redis.ssl.enabled "
                + "as that server needs. To keep this store's jobs elsewhere, change " + store + ".type.";
        return new FailureAnalysis(description, action, cause);
    }

    /** Lettuce's message and, when it adds one, the innermost cause's (e.g. {@code Connection refused}). */
    private static String reason(RedisUnreachableException cause) {
        Throwable lettuce = cause.getCause() != null ? cause.getCause() : cause;
        Throwable root = lettuce;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(lettuce.getMessage());
        if (root != lettuce && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += ": " + root.getMessage();
        }
        return text;
    }
}
