package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.RetryCancelledException;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a retry that will not run ({@link RunOutcome#CANCELLED}, with the reason) and logs it. Thread-safe.
 */
public final class RetryCancellations {

    private static final Logger logger = LoggerFactory.getLogger(RetryCancellations.class);

    private RetryCancellations() {
    }

    /**
     * Records and logs a dropped retry.
     *
     * @param context the loops' context (its recorder)
     * @param job the job the retry belonged to
     * @param storeAlias the job's store
     * @param retry the dropped retry
     * @param now the scheduler clock's time
     * @param reason why it was dropped, e.g. {@code "the job was paused"}
     */
    public static void record(LoopContext context, StoredJob job, String storeAlias, PendingRetry retry, Instant now, String reason) {
        record(context.recorder(), job, storeAlias, retry, now, reason);
    }

    /**
     * Records and logs a dropped retry.
     *
     * @param recorder where run records go
     * @param job the job the retry belonged to
     * @param storeAlias the job's store
     * @param retry the dropped retry
     * @param now the scheduler clock's time
     * @param reason why it was dropped
     */
    public static void record(RunRecorder recorder, StoredJob job, String storeAlias, PendingRetry retry, Instant now, String reason) {
        record(recorder, RecordedJob.of(job), storeAlias, retry, now, reason);
    }

    /**
     * Records and logs a dropped retry of a job known by the parts a run record names.
     *
     * @param recorder where run records go
     * @param job the id, name, task and executor of the job the retry belonged to
     * @param storeAlias the job's store
     * @param retry the dropped retry
     * @param now the scheduler clock's time
     * @param reason why it was dropped
     */
    public static void record(RunRecorder recorder, RecordedJob job, String storeAlias, PendingRetry retry, Instant now, String reason) {
        logger.info("Retry (attempt {}) of job '{}' (run time {}) dropped: {}", retry.attempt(), job.id(), retry.scheduledAt(), reason);
        if (recorder.isEnabled()) {
            recorder.add(recorder.records().record(job, storeAlias, retry.scheduledAt(), null, null, now, RunOutcome.CANCELLED,
                    retry.attempt(), new RetryCancelledException(reason), null));
        }
    }
}
