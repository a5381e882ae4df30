package io.kairos.scheduler;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.trigger.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Jobs added while the scheduler is stopped (APScheduler's pending jobs), stored when it starts. Unlike
 * APScheduler 3 (issue #373), a duplicate id is detected here already. Thread-safe (synchronized).
 */
final class PendingJobs {

    private final List<PendingJob> jobs = new ArrayList<>();

    private final JobAssembler assembler;

    PendingJobs(JobAssembler assembler) {
        this.assembler = assembler;
    }

    synchronized PendingJob add(PendingJob job) {
        int index = indexOf(job.template().id());
        if (index < 0) {
            this.jobs.add(job);
            return job;
        }
        if (job.policy() == ConflictPolicy.KEEP_EXISTING) {
            return this.jobs.get(index);
        }
        if (job.policy() == ConflictPolicy.ERROR) {
            throw new ConflictingJobIdException(job.template().id(), "pending jobs");
        }
        this.jobs.set(index, job);
        return job;
    }

    synchronized PendingJob modify(String id, JobChanges changes) {
        return update(id, (p) -> {
            PendingJob changed = p.withTemplate(this.assembler.apply(new JobDraft(p.template()).build(), withoutNextRunTime(changes)));
            return changes.nextRunTimeSet ? changed.withNextRunTime(true, changes.nextRunTime) : changed;
        });
    }

    synchronized PendingJob reschedule(String id, Trigger trigger) {
        return update(id, (p) -> {
            JobDraft draft = new JobDraft(p.template());
            draft.trigger = trigger;
            return p.withTemplate(draft.build()).withNextRunTime(false, null);
        });
    }

    synchronized PendingJob pause(String id) {
        return update(id, (p) -> p.withNextRunTime(true, null));
    }

    synchronized PendingJob resume(String id) {
        return update(id, (p) -> p.withNextRunTime(false, null));
    }

    synchronized void remove(String id) {
        int index = indexOf(id);
        if (index < 0) {
            throw new JobLookupException(id);
        }
        this.jobs.remove(index);
    }

    synchronized void removeAll(String jobstore) {
        this.jobs.removeIf((p) -> jobstore == null || p.template().jobstore().equals(jobstore));
    }

    synchronized Optional<PendingJob> get(String id, String jobstore) {
        return this.jobs.stream().filter((p) -> p.template().id().equals(id))
                .filter((p) -> jobstore == null || p.template().jobstore().equals(jobstore)).findFirst();
    }

    synchronized List<PendingJob> list(String jobstore) {
        return this.jobs.stream().filter((p) -> jobstore == null || p.template().jobstore().equals(jobstore)).toList();
    }

    /** Takes the pending jobs out, in the order they were added. */
    synchronized List<PendingJob> drain() {
        List<PendingJob> all = new ArrayList<>(this.jobs);
        this.jobs.clear();
        return all;
    }

    private PendingJob update(String id, UnaryOperator<PendingJob> change) {
        int index = indexOf(id);
        if (index < 0) {
            throw new JobLookupException(id);
        }
        PendingJob changed = change.apply(this.jobs.get(index));
        this.jobs.set(index, changed);
        return changed;
    }

    private int indexOf(String id) {
        for (int i = 0; i < this.jobs.size(); i++) {
            if (this.jobs.get(i).template().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static JobChanges withoutNextRunTime(JobChanges changes) {
        if (!changes.nextRunTimeSet) {
            return changes;
        }
        JobChanges copy = new JobChanges();
        copy.name = changes.name;
        copy.args = changes.args;
        copy.kwargs = changes.kwargs;
        copy.trigger = changes.trigger;
        copy.executor = changes.executor;
        copy.misfireGraceTimeSet = changes.misfireGraceTimeSet;
        copy.misfireGraceTime = changes.misfireGraceTime;
        copy.coalesce = changes.coalesce;
        copy.maxInstances = changes.maxInstances;
        copy.jitterSet = changes.jitterSet;
        copy.jitter = changes.jitter;
        copy.timeoutSet = changes.timeoutSet;
        copy.timeout = changes.timeout;
        return copy;
    }
}
