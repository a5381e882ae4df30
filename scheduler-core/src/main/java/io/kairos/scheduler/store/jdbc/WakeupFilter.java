package io.kairos.scheduler.store.jdbc;

import java.time.InstantSource;

import org.jspecify.annotations.Nullable;


/**
 * Decides whether another scheduler's notification must wake this scheduler. It must unless the notification
 * says when the job it wrote is next due and this store last told the scheduler of a next run time that is
 * still ahead and no later: the scheduler wakes by then anyway and asks again ({@link JdbcJobStore#nextRunTime()}
 * is asked on every pass that can take jobs, and the poll interval bounds the rest). This saves a pass per
 * added job when jobs are added faster than they fall due. Notifications from this scheduler itself never wake
 * it. Thread-safe.
 */
final class WakeupFilter {

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final String ownId;

    private final InstantSource clock;

    private volatile long answered = UNKNOWN;

    /**
     * Creates the filter.
     *
     * @param ownId this scheduler's id, not {@code null}
     * @param clock the scheduler's clock
     */
    WakeupFilter(String ownId, InstantSource clock) {
        this.ownId = ownId;
        this.clock = clock;
    }

    /**
     * Records the store's latest answer to {@link JdbcJobStore#nextRunTime()}.
     *
     * @param nextRunTime epoch milliseconds, or {@code null} when no job was scheduled
     */
    void answered(@Nullable Long nextRunTime) {
        this.answered = nextRunTime == null ? UNKNOWN : nextRunTime;
    }

    /**
     * Whether a notification must wake the scheduler.
     *
     * @param payload the notification's payload, may be {@code null}
     * @return {@code false} for this scheduler's own notifications and for jobs due no earlier than the wake-up
     *     already planned; {@code true} otherwise
     */
    boolean shouldWake(@Nullable String payload) {
        if (this.ownId.equals(payload)) {
            return false;
        }
        WakeupPayload parsed = WakeupPayload.parse(payload);
        if (this.ownId.equals(parsed.schedulerId())) {
            return false;
        }
        long planned = this.answered;
        if (parsed.nextRunTime() == null || planned == UNKNOWN) {
            return true;
        }
        return planned <= this.clock.millis() || parsed.nextRunTime() < planned;
    }
}
