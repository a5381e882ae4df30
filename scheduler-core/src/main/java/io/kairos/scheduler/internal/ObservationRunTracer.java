package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.history.RunOutcome;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * A {@link RunTracer} on Micrometer's Observation API: one observation {@value #NAME} per run time, current on the
 * worker thread while the task runs, with the low-cardinality keys {@code task}, {@code executor}, {@code store}
 * and {@code outcome} and the high-cardinality keys {@code job.id} and {@code attempt}; a failed run time's
 * exception is the observation's error. Micrometer Tracing turns it into a span of a <em>new</em> trace: the trace
 * context current when the job was added is not stored with the job, so runs never join it. Thread-safe.
 */
public final class ObservationRunTracer implements RunTracer {

    /** The observation's name. */
    public static final String NAME = "kairos.job.run";

    private final ObservationRegistry registry;

    /**
     * Creates the tracer.
     *
     * @param registry the application's registry, not {@code null}
     */
    public ObservationRunTracer(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Span start(JobRun run, String storeAlias, Instant runTime, int attempt) {
        // a run is a new trace: whatever observation the worker thread may carry is not its parent
        Observation observation = Observation.createNotStarted(NAME, this.registry)
            .contextualName("kairos run " + run.job().task())
            .parentObservation(null)
            .lowCardinalityKeyValues(KeyValues.of("task", run.job().task(), "executor", run.job().executor(), "store", storeAlias))
            .highCardinalityKeyValues(KeyValues.of("job.id", run.job().id(), "attempt", Integer.toString(attempt)))
            .start();
        return new ObservedSpan(observation, observation.openScope(), Thread.currentThread());
    }

    /** One observation and its scope on the worker thread. */
    private static final class ObservedSpan implements Span {

        private final Observation observation;

        private final Thread worker;

        private Observation.@Nullable Scope scope;

        ObservedSpan(Observation observation, Observation.Scope scope, Thread worker) {
            this.observation = observation;
            this.scope = scope;
            this.worker = worker;
        }

        @Override
        public void end(RunOutcome outcome, @Nullable Throwable error) {
            this.observation.lowCardinalityKeyValue("outcome", outcome.name().toLowerCase(Locale.ROOT));
            if (error != null) {
                this.observation.error(error);
            }
            if (Thread.currentThread() == this.worker) {
                leave();
            }
            this.observation.stop();
        }

        @Override
        public synchronized void leave() {
            if (this.scope != null && Thread.currentThread() == this.worker) {
                this.scope.close();
                this.scope = null;
            }
        }
    }
}
