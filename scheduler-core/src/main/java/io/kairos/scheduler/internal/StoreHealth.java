package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.JobStoreStatus;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store loop's record of its store's health ({@link JobStoreStatus}), and the log lines of its changes: one WARN
 * with the cause's message when the store goes down, one INFO when it is back; each failed call in between is logged
 * at DEBUG only, with its stack trace. Written by the loop thread after each pass, read from any thread (a volatile
 * snapshot).
 */
final class StoreHealth {

    private static final Logger logger = LoggerFactory.getLogger(StoreHealth.class);

    private final String alias;

    private volatile JobStoreStatus status = JobStoreStatus.UNKNOWN;

    StoreHealth(String alias) {
        this.alias = alias;
    }

    /**
     * The store's status as last recorded.
     *
     * @return the snapshot, never {@code null}
     */
    JobStoreStatus status() {
        return this.status;
    }

    /**
     * Records the outcome of a pass.
     *
     * @param result the pass's result
     * @param now the scheduler clock's time at the end of the pass
     * @param backoff the wait before the next try, when the pass failed
     */
    void record(JobProcessor.PassResult result, Instant now, @Nullable Duration backoff) {
        JobStoreStatus current = this.status;
        Instant nextRunTime = result.learnedNextRunTime() ? result.nextRunTime() : current.nextRunTime();
        RuntimeException failure = result.failure();
        if (failure != null) {
            long retryMillis = backoff == null ? 0 : backoff.toMillis();
            String message = message(failure);
            if (current.up()) {
                logger.warn("Job store '{}' is down: {}; its jobs wait, other stores carry on; retrying in {} ms", this.alias,
                        message, retryMillis);
            }
            logger.debug("Job store '{}' call failed; retrying in {} ms", this.alias, retryMillis, failure);
            Instant since = current.up() ? now : current.downSince();
            this.status = new JobStoreStatus(false, since, message, current.lastSuccessfulPass(), nextRunTime);
            return;
        }
        boolean up = current.up() || result.storeReached();
        if (!current.up() && up) {
            logger.info("Job store '{}' is back up after {} s", this.alias, Duration.between(current.downSince(), now).toSeconds());
        }
        this.status = up ? new JobStoreStatus(true, null, null, now, nextRunTime)
                : new JobStoreStatus(false, current.downSince(), current.lastError(), now, nextRunTime);
    }

    /**
     * Whether the store is down as last recorded.
     *
     * @return {@code true} from a failed call until a call succeeds
     */
    boolean isDown() {
        return !this.status.up();
    }

    /**
     * What to show of a failure: its message, else its class name.
     *
     * @param failure the exception
     * @return the text, never {@code null}
     */
    static String message(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
    }
}
