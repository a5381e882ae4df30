package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.event.SchedulerEvent;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * One pass of a store loop while it runs: its time, the events it publishes at its end, and how its store calls
 * went. After the first failed store call the pass makes no further call to its store (the store is struggling:
 * each further call could wait for the store's full timeout), so a pass over a dead store costs one timeout at most.
 * Loop thread only.
 */
final class Pass {

    final Instant now;

    private final InstantSource clock;

    final List<SchedulerEvent> events = new ArrayList<>();

    private @Nullable RuntimeException failure;

    private boolean reached;

    Pass(InstantSource clock) {
        this.clock = clock;
        this.now = clock.instant();
    }

    /**
     * Whether the pass may still call its store: no call failed so far.
     *
     * @return {@code true} until a store call failed
     */
    boolean storeUsable() {
        return this.failure == null;
    }

    /** Records that a store call returned normally. */
    void reached() {
        this.reached = true;
    }

    /**
     * Records a failed store call and adds its {@code JobStoreFailed} event (stamped now, not at the pass's start:
     * the call may have waited for its timeout).
     *
     * @param alias the store
     * @param ex what the store threw
     */
    void failed(String alias, RuntimeException ex) {
        if (this.failure == null) {
            this.failure = ex;
        }
        this.events.add(new JobStoreFailed(this.clock.instant(), alias, ex));
    }

    /**
     * The first store failure of the pass.
     *
     * @return the exception, or {@code null} when no store call failed
     */
    @Nullable RuntimeException failure() {
        return this.failure;
    }

    /**
     * Whether a store call returned normally in this pass.
     *
     * @return whether the store answered at least once
     */
    boolean storeReached() {
        return this.reached;
    }
}
