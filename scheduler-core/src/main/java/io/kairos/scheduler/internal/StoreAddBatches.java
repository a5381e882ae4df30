package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobAddBatches;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * The requests of one {@code addJobs} call for one job store and conflict policy, fed to
 * {@link JobStore#addJobBatches} in batches of at most {@link JobStore#ADD_BATCH_SIZE} requests. Preparing a batch
 * ({@link #next()}) computes first run times, binds task functions and, under {@link ConflictPolicy#KEEP_EXISTING},
 * looks up the ids of requests with a task function first (a kept job's binding must not be replaced); requests that
 * fail there get their outcome at once and are not sent. Each batch reported ({@link #written}) gets its outcomes,
 * loses the task bindings of refused jobs, publishes one {@code JobAdded} per job added and wakes the store's loop
 * once (for the earliest next run time added).
 *
 * <p>Not thread-safe: one per store call, used on the caller's thread.
 */
final class StoreAddBatches implements JobAddBatches {

    private final List<PendingJob> jobs;

    private final List<Integer> group;

    private final JobAddOutcome[] outcomes;

    private final Instant now;

    private final String alias;

    private final ConflictPolicy policy;

    private final JobStore store;

    private final JobAssembler assembler;

    private final TaskLookup tasks;

    private final EventDispatcher events;

    private final StoreLanes lanes;

    /** Batches taken by the store and not reported yet, oldest first. */
    private final Deque<Batch> taken = new ArrayDeque<>();

    /** Position in {@link #group} of the first request not prepared yet. */
    private int from;

    private @Nullable JobStoreException failure;

    /**
     * @param jobs the call's requests, assembled
     * @param group the positions in {@code jobs} of the requests for one store under one policy, in request order, not
     *     empty
     * @param outcomes the call's outcomes by position, filled in for {@code group}
     * @param now the instant of the call: first run times and {@code JobAdded} timestamps
     * @param store the store of the group's requests
     */
    StoreAddBatches(List<PendingJob> jobs, List<Integer> group, JobAddOutcome[] outcomes, Instant now, JobStore store,
            JobAssembler assembler, TaskLookup tasks, EventDispatcher events, StoreLanes lanes) {
        PendingJob first = jobs.get(group.get(0));
        this.jobs = jobs;
        this.group = group;
        this.outcomes = outcomes;
        this.now = now;
        this.alias = first.template().jobstore();
        this.policy = first.policy();
        this.store = store;
        this.assembler = assembler;
        this.tasks = tasks;
        this.events = events;
        this.lanes = lanes;
    }

    /**
     * Writes every request of the group through {@link JobStore#addJobBatches} and fills in their outcomes: requests
     * the store did not take fail as not attempted, with the store's failure as the cause.
     *
     * @return the store's failure (a {@link JobStoreException} thrown or reported), or {@code null} when none
     */
    @Nullable JobStoreException write() {
        try {
            this.store.addJobBatches(this, this.policy);
            if (!this.taken.isEmpty() || (this.failure == null && this.from < this.group.size())) {
                throw new IllegalStateException("job store '" + this.alias + "' returned before it took and reported every batch");
            }
        }
        catch (RuntimeException ex) {
            // a store reports failures instead of throwing them: what it took and did not report fails with this
            JobStoreException down = ex instanceof JobStoreException thrown ? thrown
                    : new JobStoreException("job store '" + this.alias + "' failed adding jobs: " + ex.getMessage(), ex);
            for (Batch batch = this.taken.peekFirst(); batch != null; batch = this.taken.peekFirst()) {
                written(JobAddOutcome.allFailed(batch.jobs().size(), down));
            }
            if (this.failure == null) {
                this.failure = down;
            }
        }
        if (this.from < this.group.size()) {
            JobAddOutcome skipped = JobAddOutcome.failed(notAttempted(this.alias, Objects.requireNonNull(this.failure)));
            this.group.subList(this.from, this.group.size()).forEach((i) -> this.outcomes[i] = skipped);
        }
        return this.failure;
    }

    /**
     * The failure of a request that was not sent because its store failed earlier in the same call.
     *
     * @param alias the store's alias
     * @param down the store's earlier failure
     * @return the exception, with {@code down} as its cause
     */
    static JobStoreException notAttempted(String alias, JobStoreException down) {
        return new JobStoreException("not attempted: job store '" + alias + "' failed on an earlier batch of this call: "
                + down.getMessage(), down);
    }

    @Override
    public @Nullable List<StoredJob> next() {
        while (this.failure == null && this.from < this.group.size()) {
            int to = Math.min(this.group.size(), this.from + JobStore.ADD_BATCH_SIZE);
            Batch batch = prepare(this.group.subList(this.from, to));
            this.from = to;
            if (!batch.jobs().isEmpty()) {
                this.taken.addLast(batch);
                return batch.jobs();
            }
        }
        return null;
    }

    private Batch prepare(List<Integer> requests) {
        Batch batch = new Batch(new ArrayList<>(requests.size()), new ArrayList<>(requests.size()));
        for (int i : requests) {
            PendingJob pending = this.jobs.get(i);
            StoredJob job;
            try {
                job = this.assembler.firstRun(pending, this.now);
                if (pending.task() != null && this.policy == ConflictPolicy.KEEP_EXISTING) {
                    // as JobOperations.store(): a kept job's (or finished marker's) task binding must not be replaced,
                    // so look before binding; without a task the store's addJobs keeps what it finds
                    Optional<StoredJob> existing = this.store.lookupJob(job.id()).or(() -> this.store.lookupFinished(job.id()));
                    if (existing.isPresent()) {
                        this.outcomes[i] = JobAddOutcome.kept(existing.get());
                        continue;
                    }
                }
            }
            catch (RuntimeException ex) {
                this.outcomes[i] = JobAddOutcome.failed(ex);
                if (ex instanceof JobStoreException down && this.failure == null) {
                    this.failure = down;
                }
                continue;
            }
            if (pending.task() != null) {
                this.tasks.bind(job.id(), pending.task());
            }
            batch.positions().add(i);
            batch.jobs().add(job);
        }
        return batch;
    }

    @Override
    public void written(List<JobAddOutcome> stored) {
        Batch batch = this.taken.pollFirst();
        if (batch == null || stored.size() != batch.jobs().size()) {
            throw new IllegalStateException("job store '" + this.alias + "' reported " + stored.size() + " outcomes for "
                    + (batch == null ? "no batch" : "a batch of " + batch.jobs().size()));
        }
        if (this.failure == null) {
            this.failure = JobAddOutcome.storeFailure(stored);
        }
        Instant earliest = null;
        for (int k = 0; k < stored.size(); k++) {
            int i = batch.positions().get(k);
            JobAddOutcome outcome = stored.get(k);
            this.outcomes[i] = outcome;
            if (outcome.failure() != null && this.jobs.get(i).task() != null && this.policy != ConflictPolicy.REPLACE) {
                this.tasks.unbind(batch.jobs().get(k).id());
            }
            if (!outcome.added()) {
                continue;
            }
            StoredJob job = Objects.requireNonNull(outcome.stored(), "an added outcome holds the job");
            if (this.policy == ConflictPolicy.REPLACE) {
                this.lanes.jobChanged(this.alias, job.id(), job.version());
            }
            if (this.events.wants(JobAdded.class)) {
                this.events.publish(new JobAdded(this.now, job.id(), this.alias));
            }
            if (job.nextRunTime() != null && (earliest == null || job.nextRunTime().isBefore(earliest))) {
                earliest = job.nextRunTime();
            }
        }
        if (earliest != null) {
            this.lanes.signalIfBefore(this.alias, earliest);
        }
    }

    /** A batch taken by the store: its jobs and their positions in the call's requests. */
    private record Batch(List<Integer> positions, List<StoredJob> jobs) {
    }
}
