package io.kairos.scheduler.internal;

import java.time.Duration;
import java.time.InstantSource;

/**
 * What the store loops share. Immutable holder of thread-safe parts; each loop has its own store, held jobs and
 * signal besides ({@link StoreLanes}).
 *
 * @param schedulerId the lease owner
 * @param clock the scheduler's clock
 * @param leaseTime how long a lease lasts unless extended
 * @param pollInterval how often shared stores are polled
 * @param components executors and stores
 * @param tasks task resolution
 * @param events the listeners
 * @param fireTimes next-run-time computation with jitter
 * @param recorder where run records go
 * @param tracer opens a trace span per run time ({@link RunTracer#NONE} for none)
 * @param finishedMarkerRetention how long finished-job markers are kept
 */
public record LoopContext(String schedulerId, InstantSource clock, Duration leaseTime, Duration pollInterval,
        Components components, TaskLookup tasks, EventDispatcher events, FireTimes fireTimes, RunRecorder recorder,
        RunTracer tracer, Duration finishedMarkerRetention) {

    /** The default finished-job marker retention: 30 days. */
    public static final Duration DEFAULT_FINISHED_MARKER_RETENTION = io.kairos.scheduler.config.SchedulerDefaults.FINISHED_JOB_RETENTION;

    /**
     * A context that records no run history, traces no run and keeps finished markers for the default
     * retention.
     *
     * @param schedulerId the lease owner
     * @param clock the scheduler's clock
     * @param leaseTime how long a lease lasts unless extended
     * @param pollInterval how often shared stores are polled
     * @param components executors and stores
     * @param tasks task resolution
     * @param events the listeners
     * @param fireTimes next-run-time computation with jitter
     */
    public LoopContext(String schedulerId, InstantSource clock, Duration leaseTime, Duration pollInterval,
            Components components, TaskLookup tasks, EventDispatcher events, FireTimes fireTimes) {
        this(schedulerId, clock, leaseTime, pollInterval, components, tasks, events, fireTimes, RunRecorder.disabled(),
                RunTracer.NONE, DEFAULT_FINISHED_MARKER_RETENTION);
    }
}
