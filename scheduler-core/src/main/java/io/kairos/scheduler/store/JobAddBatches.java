package io.kairos.scheduler.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The batches of jobs that one {@code addJobs} call of the scheduler writes to one store under one conflict policy,
 * handed to {@link JobStore#addJobBatches}. The store takes the batches in order with {@link #next()} and reports
 * each batch's outcomes with {@link #written} in the same order; it may take a batch before it has reported the
 * ones it took earlier (a store that pipelines its writes does), so the scheduler prepares a batch while the
 * backend still writes earlier ones.
 *
 * <p>Not thread-safe: both methods are called on the thread that called {@link JobStore#addJobBatches}.
 */
public interface JobAddBatches {

    /**
     * Takes the next batch. Preparing it is work of the caller (first run times, task bindings, and under
     * {@link ConflictPolicy#KEEP_EXISTING} a lookup per job that has a task function), so it takes time and may call
     * the store.
     *
     * @return the next batch: not empty, at most {@link JobStore#ADD_BATCH_SIZE} jobs, each id at most once across
     *     all batches; or {@code null} when none is left (then it must not be called again)
     */
    @Nullable List<StoredJob> next();

    /**
     * Reports the outcomes of the oldest batch taken with {@link #next()} and not yet reported. A batch that failed
     * as a whole (the backend failed) is reported with every outcome failed with the store's exception.
     *
     * @param outcomes one outcome per job of that batch, in its order, as {@link JobStore#addJobs} returns them
     * @throws IllegalStateException when no batch is waiting for its outcomes, or their number is not the batch's
     */
    void written(List<JobAddOutcome> outcomes);
}
