package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.event.AllJobsRemoved;
import io.kairos.scheduler.event.JobModified;
import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;


/**
 * The job API of a started scheduler, against its job stores: store work first, then events, then a wake-up of
 * the loop of the store concerned. Thread-safe (stores are).
 */
final class JobOperations {

    private final Settings settings;

    private final JobAssembler assembler;

    private final TaskLookup tasks;

    private final EventDispatcher events;

    private final StoreLanes lanes;

    private final JobAdder adder;

    JobOperations(Settings settings, JobAssembler assembler, TaskLookup tasks, EventDispatcher events, StoreLanes lanes) {
        this.settings = settings;
        this.assembler = assembler;
        this.tasks = tasks;
        this.events = events;
        this.lanes = lanes;
        this.adder = new JobAdder(settings, assembler, tasks, events, lanes);
    }

    /**
     * Adds the job of one request to a started scheduler ({@link JobAdder#add}).
     *
     * @return the job as stored, or the existing one under {@link ConflictPolicy#KEEP_EXISTING}
     */
    StoredJob add(JobRequest request) {
        return this.adder.add(request);
    }

    /** Stores a validated job, with its first run time from now ({@link JobAdder#store}). */
    StoredJob store(PendingJob pending, boolean publish) {
        return this.adder.store(pending, publish);
    }

    /**
     * Stores jobs in batches: per store and conflict policy, one {@link JobStore#addJobBatches} call with batches of at
     * most {@link JobStore#ADD_BATCH_SIZE} jobs, each followed by its {@code JobAdded} events and one wake-up of the
     * store's loop ({@link StoreAddBatches}). After a store fails, its later jobs are not attempted.
     *
     * @return one outcome per job, in order
     */
    List<JobAddOutcome> storeAll(List<PendingJob> jobs) {
        Instant now = this.settings.clock.instant();
        JobAddOutcome[] outcomes = new JobAddOutcome[jobs.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            PendingJob job = jobs.get(i);
            groups.computeIfAbsent(job.template().jobstore() + "\u0000" + job.policy(), (k) -> new ArrayList<>()).add(i);
        }
        Map<String, JobStoreException> failedStores = new HashMap<>();
        for (List<Integer> group : groups.values()) {
            String alias = jobs.get(group.get(0)).template().jobstore();
            JobStoreException down = failedStores.get(alias);
            if (down != null) {
                JobStoreException skipped = StoreAddBatches.notAttempted(alias, down);
                group.forEach((i) -> outcomes[i] = JobAddOutcome.failed(skipped));
                continue;
            }
            JobStoreException failure = new StoreAddBatches(jobs, group, outcomes, now, this.settings.components.requireStore(alias),
                    this.assembler, this.tasks, this.events, this.lanes).write();
            if (failure != null) {
                failedStores.put(alias, failure);
            }
        }
        return Arrays.asList(outcomes);
    }

    StoredJob modify(String id, @Nullable String jobstore, JobChanges changes) {
        return update(id, jobstore, (job) -> this.assembler.apply(job, changes));
    }

    StoredJob reschedule(String id, @Nullable String jobstore, Object trigger) {
        // one reading for a trigger spec's start and the first run time, so an interval spec without start_date first
        // runs at its start
        Instant now = this.settings.clock.instant();
        Trigger resolved = this.assembler.trigger(trigger, InstantSource.fixed(now));
        return update(id, jobstore, (job) -> this.assembler.reschedule(job, resolved, now));
    }

    StoredJob pause(String id, @Nullable String jobstore) {
        return update(id, jobstore, (job) -> job.state() == JobState.BROKEN ? job : new JobDraft(job).schedule(null, null).build());
    }

    Optional<StoredJob> resume(String id, @Nullable String jobstore) {
        Located located = locate(id, jobstore);
        StoredJob job = located.job();
        if (job.trigger() == null) {
            throw new IllegalStateException("Job '" + id + "' is broken and has no readable trigger (" + job.brokenReason()
                    + "); replace it with addJob(... replaceExisting(true))");
        }
        Task task = this.tasks.resolve(id, job.task());
        StoredArguments.require(job, task);
        this.assembler.checkPlacement(task, job.executor(), job.jobstore());
        StoredJob resumed = this.assembler.schedule(job, job.trigger(), this.settings.clock.instant());
        if (resumed.nextRunTime() == null) {
            remove(id, located.alias());
            return Optional.empty();
        }
        return Optional.of(write(located, resumed));
    }

    void remove(String id, @Nullable String jobstore) {
        Located located = locate(id, jobstore);
        if (!located.store().removeJob(id)) {
            throw new JobLookupException(id);
        }
        this.lanes.jobChanged(located.alias(), id, Long.MAX_VALUE);
        this.lanes.retryDropped(located.alias(), located.job(), null, "the job was removed");
        this.tasks.unbind(id);
        this.events.publish(new JobRemoved(this.settings.clock.instant(), id, located.alias()));
    }

    void removeAll(@Nullable String jobstore) {
        if (jobstore != null) {
            StoreClearing.clear(jobstore, this.settings.components.requireStore(jobstore), this.lanes);
        }
        else {
            this.settings.components.stores().forEach((alias, store) -> StoreClearing.clear(alias, store, this.lanes));
        }
        this.events.publish(new AllJobsRemoved(this.settings.clock.instant(), jobstore));
    }

    Optional<StoredJob> get(String id, @Nullable String jobstore) {
        if (jobstore != null) {
            return this.settings.components.requireStore(jobstore).lookupJob(id);
        }
        for (JobStore store : this.settings.components.stores().values()) {
            Optional<StoredJob> job = store.lookupJob(id);
            if (job.isPresent()) {
                return job;
            }
        }
        return Optional.empty();
    }

    List<StoredJob> list(@Nullable String jobstore) {
        List<StoredJob> jobs = new ArrayList<>();
        if (jobstore != null) {
            jobs.addAll(this.settings.components.requireStore(jobstore).getAllJobs());
        }
        else {
            this.settings.components.stores().values().forEach((s) -> jobs.addAll(s.getAllJobs()));
        }
        jobs.sort(java.util.Comparator.comparing(StoredJob::nextRunTime, java.util.Comparator.nullsLast(Instant::compareTo)));
        return jobs;
    }

    /** The job counts of one store, or the sum over every store ({@link JobStore#countJobs()}, one call each). */
    JobCounts count(@Nullable String jobstore) {
        if (jobstore != null) {
            return this.settings.components.requireStore(jobstore).countJobs();
        }
        JobCounts counts = JobCounts.NONE;
        for (JobStore store : this.settings.components.stores().values()) {
            counts = counts.plus(store.countJobs());
        }
        return counts;
    }

    StoredJobPage page(JobQuery query) {
        return JobPaging.page(this.settings.components.stores(), query);
    }

    private StoredJob update(String id, @Nullable String jobstore, UnaryOperator<StoredJob> change) {
        Located located = locate(id, jobstore);
        return write(located, change.apply(located.job()));
    }

    private StoredJob write(Located located, StoredJob changed) {
        StoredJob stored = located.store().updateJob(changed);
        this.lanes.jobChanged(located.alias(), stored.id(), stored.version());
        this.lanes.retryDropped(located.alias(), located.job(), stored, stored.state() == JobState.PAUSED ? "the job was paused"
                : "the job was rescheduled or changed");
        this.events.publish(new JobModified(this.settings.clock.instant(), stored.id(), located.alias()));
        this.lanes.signal(located.alias());
        return stored;
    }

    private Located locate(String id, @Nullable String jobstore) {
        if (jobstore != null) {
            JobStore store = this.settings.components.requireStore(jobstore);
            return new Located(jobstore, store, store.lookupJob(id).orElseThrow(() -> new JobLookupException(id)));
        }
        for (Map.Entry<String, JobStore> entry : this.settings.components.stores().entrySet()) {
            Optional<StoredJob> job = entry.getValue().lookupJob(id);
            if (job.isPresent()) {
                return new Located(entry.getKey(), entry.getValue(), job.get());
            }
        }
        throw new JobLookupException(id);
    }

    private record Located(String alias, JobStore store, StoredJob job) {
    }
}
