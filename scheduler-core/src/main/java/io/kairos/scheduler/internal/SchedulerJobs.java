package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.JobsNotAddedException;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;
import io.kairos.scheduler.trigger.Trigger;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * The job API behind {@link Scheduler}: each call goes to the {@link PendingJobs} while the scheduler is stopped
 * and to the {@link JobOperations} of the current start while it is started, and its result comes back as a
 * {@link Job} handle on the scheduler.
 *
 * <p><b>Thread-safety.</b> Stateless beyond its collaborators, which are thread-safe ({@code PendingJobs} is
 * synchronized, the stores are). Adding decides between pending and stored under the lifecycle lock
 * ({@link SchedulerRuntime#addPending}); the other calls read the volatile state once and go on without a lock.
 */
public final class SchedulerJobs<J> {

    /** Wraps a stored job (or a pending job's template and state) into the job handle the front door returns. */
    private final Handles<J> handles;

    private final SchedulerRuntime runtime;

    private final JobAssembler assembler;

    private final TaskLookup tasks;

    private final PendingJobs pending;

    public SchedulerJobs(Handles<J> handles, SchedulerRuntime runtime, JobAssembler assembler, TaskLookup tasks,
            PendingJobs pending) {
        this.handles = handles;
        this.runtime = runtime;
        this.assembler = assembler;
        this.tasks = tasks;
        this.pending = pending;
    }

    /**
     * Adds one job: stored at once by a started scheduler (validated and built in one go,
     * {@link JobOperations#add}), kept pending by a stopped one.
     */
    public J add(JobRequest request) {
        // a started scheduler's state is written last in its start, so reading it started needs no lock; a stopped
        // one is checked again under the lifecycle lock, against a concurrent start
        if (!this.runtime.isStopped()) {
            return job(this.runtime.operations().add(request));
        }
        PendingJob job = this.assembler.assemble(request);
        PendingJob kept = this.runtime.addPending(job);
        if (kept != null) {
            return pendingJob(kept);
        }
        return job(this.runtime.operations().store(job, true));
    }

    /**
     * Adds jobs: each request is validated and added on its own; the ones that pass are stored in batches
     * ({@link JobOperations#storeAll}) or kept pending while stopped.
     *
     * @return the jobs added (or kept, or pending), in request order
     * @throws JobsNotAddedException when any request was not added
     */
    public List<J> addAll(Collection<? extends JobRequest> requests) {
        List<JobRequest> list = new ArrayList<>(requests);
        List<J> added = new ArrayList<>(Collections.nCopies(list.size(), null));
        String[] addedIds = new String[list.size()];
        List<JobsNotAddedException.Failure> failures = new ArrayList<>();
        List<PendingJob> toStore = new ArrayList<>();
        List<Integer> toStoreIndexes = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JobRequest request = list.get(i);
            String id = request == null ? null : request.id();
            try {
                PendingJob job = this.assembler.assemble(Objects.requireNonNull(request, "request is null"));
                id = job.template().id();
                Integer earlier = ids.putIfAbsent(id, i);
                if (earlier != null) {
                    throw new IllegalArgumentException("job id " + InputText.quote(id) + " is also the id of request #" + earlier
                            + " of this call; each id at most once per call");
                }
                PendingJob kept = this.runtime.addPending(job);
                if (kept != null) {
                    added.set(i, pendingJob(kept));
                    addedIds[i] = id;
                }
                else {
                    toStore.add(job);
                    toStoreIndexes.add(i);
                }
            }
            catch (RuntimeException ex) {
                failures.add(new JobsNotAddedException.Failure(i, id, ex));
            }
        }
        if (!toStore.isEmpty()) {
            List<JobAddOutcome> outcomes = this.runtime.operations().storeAll(toStore);
            for (int k = 0; k < outcomes.size(); k++) {
                int i = toStoreIndexes.get(k);
                JobAddOutcome outcome = outcomes.get(k);
                if (outcome.failure() != null) {
                    failures.add(new JobsNotAddedException.Failure(i, toStore.get(k).template().id(), outcome.failure()));
                }
                else {
                    StoredJob stored = Objects.requireNonNull(outcome.stored(), "an outcome without failure holds the job");
                    added.set(i, job(stored));
                    addedIds[i] = stored.id();
                }
            }
        }
        if (!failures.isEmpty()) {
            failures.sort(Comparator.comparingInt(JobsNotAddedException.Failure::index));
            throw new JobsNotAddedException(list.size(), Arrays.stream(addedIds).filter(Objects::nonNull).toList(), failures);
        }
        return added.stream().filter(Objects::nonNull).toList();
    }

    public J modify(String id, @Nullable String jobstore, JobChanges changes) {
        if (this.runtime.isStopped()) {
            return pendingJob(this.pending.modify(id, changes));
        }
        return job(this.runtime.operations().modify(id, jobstore, changes));
    }

    /** The trigger is a {@code Trigger} or a trigger spec map. */
    public J reschedule(String id, @Nullable String jobstore, Object trigger) {
        if (this.runtime.isStopped()) {
            // one reading for a trigger spec's start, the check that it fires and, at the start, the first run time
            InstantSource now = InstantSource.fixed(this.assembler.readClock());
            Trigger resolved = this.assembler.trigger(trigger, now);
            JobAssembler.requireFires(resolved, now);
            return pendingJob(this.pending.reschedule(id, resolved, trigger instanceof Trigger ? null : now.instant()));
        }
        return job(this.runtime.operations().reschedule(id, jobstore, trigger));
    }

    public J pause(String id, @Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            return pendingJob(this.pending.pause(id));
        }
        return job(this.runtime.operations().pause(id, jobstore));
    }

    public Optional<J> resume(String id, @Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            return Optional.of(pendingJob(this.pending.resume(id)));
        }
        return this.runtime.operations().resume(id, jobstore).map(this::job);
    }

    public void remove(String id, @Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            this.pending.remove(id);
            this.tasks.unbind(id);
            return;
        }
        this.runtime.operations().remove(id, jobstore);
    }

    public void removeAll(@Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            this.pending.removeAll(jobstore);
            return;
        }
        this.runtime.operations().removeAll(jobstore);
    }

    public Optional<J> get(String id, @Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            return this.pending.get(id, jobstore).map(this::pendingJob);
        }
        return this.runtime.operations().get(id, jobstore).map(this::job);
    }

    public List<J> list(@Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            return this.pending.list(jobstore).stream().map(this::pendingJob).toList();
        }
        return this.runtime.operations().list(jobstore).stream().map(this::job).toList();
    }

    /**
     * Counts the pending jobs while stopped (by {@link PendingJob#state()}: the state they will be stored with), else asks the stores ({@link JobOperations#count}).
     */
    public JobCounts count(@Nullable String jobstore) {
        if (this.runtime.isStopped()) {
            JobCounts counts = JobCounts.NONE;
            for (PendingJob job : this.pending.list(jobstore)) {
                counts = counts.plus(job.state(), 1);
            }
            return counts;
        }
        return this.runtime.operations().count(jobstore);
    }

    public JobPage<J> page(JobQuery query) {
        if (this.runtime.isStopped()) {
            return pendingPage(query);
        }
        StoredJobPage page = this.runtime.operations().page(query);
        return new JobPage<>(page.jobs().stream().map(this::job).toList(), page.next());
    }

    /** A page of the pending jobs, filtered by the state each will be stored with ({@link PendingJob#state()}). */
    private JobPage<J> pendingPage(JobQuery query) {
        Map<String, PendingJob> byId = new HashMap<>();
        this.pending.list(null).forEach((p) -> byId.put(p.template().id(), p));
        List<StoredJob> templates = byId.values().stream().map(PendingJob::template).toList();
        StoredJobPage page = JobPaging.pending(templates, query.withStates(List.of()));
        List<J> jobs = page.jobs().stream()
                .map((template) -> Objects.requireNonNull(byId.get(template.id())))
                .filter((p) -> query.states().isEmpty() || query.states().contains(p.state()))
                .map(this::pendingJob)
                .toList();
        return new JobPage<>(jobs, page.next());
    }

    private J job(StoredJob stored) {
        return this.handles.handle(stored, null);
    }

    private J pendingJob(PendingJob pendingJob) {
        return this.handles.handle(pendingJob.template(), pendingJob.state());
    }

    /**
     * Makes the job handle the front door returns.
     *
     * @param <J> the handle type
     */
    @FunctionalInterface
    public interface Handles<J> {

        /**
         * The handle of a job.
         *
         * @param job the stored job, or a pending job's template
         * @param pendingState the state a pending job will be stored with; {@code null} for a stored job
         * @return the handle
         */
        J handle(StoredJob job, @Nullable JobState pendingState);
    }
}
