package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobChanges;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;


/**
 * Jobs added while the scheduler is stopped (APScheduler's pending jobs), stored when it starts. Unlike
 * APScheduler 3 (issue #373), a duplicate id is detected here already. Thread-safe (synchronized).
 */
public final class PendingJobs {

    /** By id, in the order they were added (a replaced job keeps its place). */
    private final Map<String, PendingJob> jobs = new LinkedHashMap<>();

    private final JobAssembler assembler;

    public PendingJobs(JobAssembler assembler) {
        this.assembler = assembler;
    }

    synchronized PendingJob add(PendingJob job) {
        String id = job.template().id();
        PendingJob existing = this.jobs.get(id);
        if (existing != null && job.policy() == ConflictPolicy.KEEP_EXISTING) {
            return existing;
        }
        if (existing != null && job.policy() == ConflictPolicy.ERROR) {
            throw new ConflictingJobIdException(id, "pending jobs");
        }
        this.jobs.put(id, job);
        return job;
    }

    synchronized PendingJob modify(String id, JobChanges changes) {
        return update(id, (p) -> {
            PendingJob changed;
            if (changes.trigger() == null) {
                changed = p.withTemplate(this.assembler.apply(p.template(), changes, false));
            }
            else {
                // one reading for a trigger spec's start and, at the start, the job's first run time
                Instant now = this.assembler.readClock();
                changed = p.withTrigger(this.assembler.apply(p.template(), changes, false, InstantSource.fixed(now)),
                        changes.trigger() instanceof Trigger ? null : now);
            }
            return changes.isNextRunTimeSet() ? changed.withNextRunTime(true, changes.nextRunTime()) : changed;
        });
    }

    /**
     * Gives a pending job a new trigger and clears its given next run time.
     *
     * @param read the clock reading the trigger was read from a spec at, or {@code null} for a trigger object
     */
    synchronized PendingJob reschedule(String id, Trigger trigger, @Nullable Instant read) {
        return update(id, (p) -> {
            JobDraft draft = new JobDraft(p.template());
            draft.trigger = trigger;
            return p.withTrigger(draft.build(), read).withNextRunTime(false, null);
        });
    }

    synchronized PendingJob pause(String id) {
        return update(id, (p) -> p.withNextRunTime(true, null));
    }

    synchronized PendingJob resume(String id) {
        return update(id, (p) -> p.withNextRunTime(false, null));
    }

    synchronized void remove(String id) {
        if (this.jobs.remove(id) == null) {
            throw new JobLookupException(id);
        }
    }

    synchronized void removeAll(@Nullable String jobstore) {
        this.jobs.values().removeIf((p) -> jobstore == null || p.template().jobstore().equals(jobstore));
    }

    synchronized Optional<PendingJob> get(String id, @Nullable String jobstore) {
        return Optional.ofNullable(this.jobs.get(id)).filter((p) -> jobstore == null || p.template().jobstore().equals(jobstore));
    }

    synchronized List<PendingJob> list(@Nullable String jobstore) {
        return this.jobs.values().stream().filter((p) -> jobstore == null || p.template().jobstore().equals(jobstore)).toList();
    }

    /** Takes the pending jobs out, in the order they were added. */
    synchronized List<PendingJob> drain() {
        List<PendingJob> all = new ArrayList<>(this.jobs.values());
        this.jobs.clear();
        return all;
    }

    private PendingJob update(String id, UnaryOperator<PendingJob> change) {
        PendingJob current = this.jobs.get(id);
        if (current == null) {
            throw new JobLookupException(id);
        }
        PendingJob changed = change.apply(current);
        this.jobs.put(id, changed);
        return changed;
    }
}
