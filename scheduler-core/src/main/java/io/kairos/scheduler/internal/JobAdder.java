package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * Adds single jobs to the stores of a started scheduler: the conflict policy, the binding of a task given directly,
 * the store write, then the {@code JobAdded} event (built only when a listener wants it) and a wake-up of the store's
 * loop when the job is due before the loop would wake anyway. Thread-safe (stores, task lookup, events and lanes
 * are).
 */
final class JobAdder {

    private final Settings settings;

    private final JobAssembler assembler;

    private final TaskLookup tasks;

    private final EventDispatcher events;

    private final StoreLanes lanes;

    JobAdder(Settings settings, JobAssembler assembler, TaskLookup tasks, EventDispatcher events, StoreLanes lanes) {
        this.settings = settings;
        this.assembler = assembler;
        this.tasks = tasks;
        this.events = events;
        this.lanes = lanes;
    }

    /**
     * Adds the job of one request to a started scheduler: validates and builds it once
     * ({@link JobAssembler#assembleScheduled}), then stores it as {@link #store} does.
     *
     * @param request the request
     * @return the job as stored, or the existing one under {@link ConflictPolicy#KEEP_EXISTING}
     */
    StoredJob add(JobRequest request) {
        // one clock read at most per add, shared by the trigger (a spec, or none), the check that it fires, the first
        // run time and the JobAdded timestamp; none for a date trigger object when no listener wants JobAdded
        ClockReading now = new ClockReading(this.settings.clock);
        StoredJob job = this.assembler.assembleScheduled(request, now);
        return write(job, request.task(), request.conflictPolicy(), now, true);
    }

    /**
     * Stores a validated job (one kept pending while stopped, or about to be stored), with its first run time from now.
     *
     * @param pending the job
     * @param publish whether to publish {@code JobAdded} and wake the loop (a start publishes its own events)
     * @return the job as stored, or the existing one under {@link ConflictPolicy#KEEP_EXISTING}
     */
    StoredJob store(PendingJob pending, boolean publish) {
        // one clock read per store: the JobAdded timestamp and the first run time (an interval read from a spec without
        // start_date starts again at it, JobAssembler.firstRun)
        Instant now = this.settings.clock.instant();
        return write(this.assembler.firstRun(pending, now), pending.task(), pending.policy(), () -> now, publish);
    }

    /**
     * Stores a job built for adding (conflict policy, task binding, events, wake-up).
     *
     * @param now the time of the JobAdded event; read only when a listener wants the event
     */
    private StoredJob write(StoredJob job, @Nullable Task task, ConflictPolicy policy, InstantSource now, boolean publish) {
        JobStore store = this.settings.components.requireStore(job.jobstore());
        if (policy == ConflictPolicy.KEEP_EXISTING) {
            // a job, or the marker of one that already finished: add unless it exists or already ran
            Optional<StoredJob> existing = store.lookupJob(job.id()).or(() -> store.lookupFinished(job.id()));
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        if (task != null) {
            this.tasks.bind(job.id(), task);
        }
        StoredJob stored;
        try {
            stored = store.addJob(job, policy);
        }
        catch (RuntimeException ex) {
            if (task != null && policy != ConflictPolicy.REPLACE) {
                this.tasks.unbind(job.id());
            }
            throw ex;
        }
        if (policy == ConflictPolicy.REPLACE) {
            // only a replacing add changes a job the loop may hold or be acquiring; a new id cannot be held
            this.lanes.jobChanged(job.jobstore(), job.id(), stored.version());
        }
        if (publish) {
            if (this.events.wants(JobAdded.class)) {
                this.events.publish(new JobAdded(now.instant(), stored.id(), stored.jobstore()));
            }
            this.lanes.signalIfBefore(stored.jobstore(), stored.nextRunTime());
        }
        return stored;
    }

    /**
     * The scheduler clock read once, when first asked, then the same instant. Not thread-safe: one per add call.
     */
    private static final class ClockReading implements InstantSource {

        private final InstantSource clock;

        private @Nullable Instant read;

        ClockReading(InstantSource clock) {
            this.clock = clock;
        }

        @Override
        public Instant instant() {
            Instant now = this.read;
            if (now == null) {
                now = this.clock.instant();
                this.read = now;
            }
            return now;
        }
    }
}
