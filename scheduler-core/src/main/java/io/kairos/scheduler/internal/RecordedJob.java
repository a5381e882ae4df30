package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.StoredJob;

import java.util.Objects;

/**
 * The parts of a job a run record names: its id, name, task and executor. Kept instead of the whole
 * {@link StoredJob} (arguments, trigger, options) where many jobs' runs are recorded later, as when all jobs of a
 * store are removed. Immutable.
 *
 * @param id the job's id
 * @param name the job's name
 * @param task the job's task name
 * @param executor the job's executor alias
 */
public record RecordedJob(String id, String name, String task, String executor) {

    /**
     * Checks that no component is {@code null}.
     *
     * @throws NullPointerException when one is
     */
    public RecordedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(executor, "executor");
    }

    /**
     * The parts of a stored job a run record names.
     *
     * @param job the job
     * @return its id, name, task and executor
     */
    public static RecordedJob of(StoredJob job) {
        return new RecordedJob(job.id(), job.name(), job.task(), job.executor());
    }
}
