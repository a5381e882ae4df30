package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.history.RunOutcome;

import java.time.Instant;

import org.jspecify.annotations.Nullable;


/**
 * Opens a trace span (a Micrometer {@code Observation}) per run time, when the application gave the scheduler an
 * observation registry. Free of Micrometer types, so the scheduler loads without Micrometer on the class path;
 * {@link #NONE} does nothing. Thread-safe.
 */
public interface RunTracer {

    /** Traces nothing. */
    RunTracer NONE = (run, storeAlias, runTime, attempt) -> Span.NONE;

    /**
     * Starts the span of a run time whose task is about to start, current on the calling (worker) thread.
     *
     * @param run the run
     * @param storeAlias the job's store
     * @param runTime the run time
     * @param attempt the attempt number of the fire time, from 1
     * @return the span, to end
     */
    Span start(JobRun run, String storeAlias, Instant runTime, int attempt);

    /** One run time's span. */
    interface Span {

        /** A span that does nothing. */
        Span NONE = new Span() {
            @Override
            public void end(RunOutcome outcome, @Nullable Throwable error) {
            }

            @Override
            public void leave() {
            }
        };

        /**
         * Ends the span with the run time's outcome (any thread). On the thread that started it, the span also
         * stops being current there.
         *
         * @param outcome the outcome
         * @param error the task's exception, or {@code null}
         */
        void end(RunOutcome outcome, @Nullable Throwable error);

        /**
         * Called on the worker thread when its run ends: the span stops being current there if {@link #end} was
         * called from another thread (a timeout). Idempotent.
         */
        void leave();
    }
}
