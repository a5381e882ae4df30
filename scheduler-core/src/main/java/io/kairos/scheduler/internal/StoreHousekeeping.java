package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a store loop does now and then besides running jobs, at the end of a pass: removes the store's finished-job
 * markers older than the retention (at the first pass and hourly after), and, for a shared store, counts the jobs
 * that wait for an executor this scheduler lacks (at the first pass and every minute after). Called by the loop
 * thread; {@link #waitingForExecutor()} from any thread.
 */
final class StoreHousekeeping {

    private static final Logger logger = LoggerFactory.getLogger(StoreHousekeeping.class);

    /** How often a loop removes expired finished-job markers from its store. */
    static final Duration MARKER_PURGE_INTERVAL = Duration.ofHours(1);

    /** How often a loop of a shared store counts the jobs that wait for an executor it lacks. */
    static final Duration WAITING_CHECK_INTERVAL = Duration.ofMinutes(1);

    private final LoopContext context;

    private final String alias;

    private final JobStore store;

    private @Nullable Instant nextMarkerPurge;

    private @Nullable Instant nextWaitingCheck;

    private volatile Map<String, Integer> waiting = Map.of();

    StoreHousekeeping(LoopContext context, String alias, JobStore store) {
        this.context = context;
        this.alias = alias;
        this.store = store;
    }

    /** The executor aliases of the scheduler now (executors may be added while it runs). */
    static Set<String> executorAliases(LoopContext context) {
        return Set.copyOf(context.components().executors().keySet());
    }

    /**
     * Does what is due of the housekeeping; a store failure is recorded in the pass.
     *
     * @param pass the loop's pass
     */
    void run(Pass pass) {
        purgeFinishedMarkers(pass);
        countJobsWaitingForExecutor(pass);
    }

    private void purgeFinishedMarkers(Pass pass) {
        if (!pass.storeUsable() || (this.nextMarkerPurge != null && pass.now.isBefore(this.nextMarkerPurge))) {
            return;
        }
        try {
            int removed = this.store.removeFinishedMarkers(pass.now.minus(this.context.finishedMarkerRetention()));
            pass.reached();
            this.nextMarkerPurge = pass.now.plus(MARKER_PURGE_INTERVAL);
            if (removed > 0) {
                logger.debug("Removed {} finished-job markers older than {} from job store '{}'", removed,
                        this.context.finishedMarkerRetention(), this.alias);
            }
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
        }
    }

    /**
     * Counts, in a shared store, the jobs due longer than the lease time whose executor this scheduler lacks: jobs
     * no instance took, as an instance with that executor would have within its poll interval.
     */
    private void countJobsWaitingForExecutor(Pass pass) {
        if (!this.store.isShared() || !pass.storeUsable()
                || (this.nextWaitingCheck != null && pass.now.isBefore(this.nextWaitingCheck))) {
            return;
        }
        try {
            Map<String, Integer> counted = Map.copyOf(this.store.countDueWithoutExecutor(
                    pass.now.minus(this.context.leaseTime()), executorAliases(this.context)));
            pass.reached();
            this.nextWaitingCheck = pass.now.plus(WAITING_CHECK_INTERVAL);
            if (!counted.isEmpty() && !counted.equals(this.waiting)) {
                logger.warn("Job store '{}' has jobs due for over {} that no running instance takes, by executor alias they need: {}; "
                        + "start an instance with those executors, or move the jobs to an executor that runs", this.alias,
                        this.context.leaseTime(), counted);
            }
            this.waiting = counted;
        }
        catch (RuntimeException ex) {
            pass.failed(this.alias, ex);
        }
    }

    /**
     * The jobs of the store that wait for an executor this scheduler lacks, as last counted: scheduled, due longer
     * than the lease time, leased by no instance.
     *
     * @return executor alias to number of jobs (a lower bound: stores look at the earliest thousand or so due jobs),
     *     unmodifiable; empty for a store that is not shared, or when none wait
     */
    Map<String, Integer> waitingForExecutor() {
        return this.waiting;
    }
}
