package io.kairos.scheduler.store;

import io.kairos.scheduler.input.InputText;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What {@link JobStore#addJobs} did with one job: stored it (new or replacing), kept the job already stored under
 * its id ({@link ConflictPolicy#KEEP_EXISTING}), or refused it.
 *
 * @param stored the job as stored now (the new one, or the existing one when {@code added} is {@code false}), or
 *     {@code null} when refused
 * @param added {@code true} when this call wrote the job
 * @param failure why the job was refused ({@link ConflictingJobIdException} under {@link ConflictPolicy#ERROR},
 *     {@link IllegalArgumentException} when the codec cannot write it), or {@code null}
 */
public record JobAddOutcome(@Nullable StoredJob stored, boolean added, @Nullable RuntimeException failure) {

    /**
     * Checks that exactly one of {@code stored} and {@code failure} is set.
     *
     * @throws IllegalArgumentException when both or neither are set, or a refused job is marked added
     */
    public JobAddOutcome {
        if ((stored == null) == (failure == null) || (failure != null && added)) {
            throw new IllegalArgumentException("an outcome has either a stored job or a failure: " + stored + ", " + failure);
        }
    }

    /**
     * The job was written by this call.
     *
     * @param stored the job as stored, with its version
     * @return the outcome
     */
    public static JobAddOutcome added(StoredJob stored) {
        return new JobAddOutcome(Objects.requireNonNull(stored, "stored"), true, null);
    }

    /**
     * The id was taken and the policy was {@link ConflictPolicy#KEEP_EXISTING}.
     *
     * @param existing the job stored under the id
     * @return the outcome
     */
    public static JobAddOutcome kept(StoredJob existing) {
        return new JobAddOutcome(Objects.requireNonNull(existing, "existing"), false, null);
    }

    /**
     * Checks the precondition of {@link JobStore#addJobs}: no id given twice.
     *
     * @param jobs the jobs
     * @throws IllegalArgumentException naming the first id given twice
     * @throws NullPointerException when the list or a job is {@code null}
     */
    public static void requireDistinctIds(List<StoredJob> jobs) {
        Set<String> ids = new HashSet<>();
        for (StoredJob job : jobs) {
            if (!ids.add(job.id())) {
                throw new IllegalArgumentException("addJobs: job id " + InputText.quote(job.id()) + " is given twice; each id at most once");
            }
        }
    }

    /**
     * The job was not written.
     *
     * @param failure why
     * @return the outcome
     */
    public static JobAddOutcome failed(RuntimeException failure) {
        return new JobAddOutcome(null, false, Objects.requireNonNull(failure, "failure"));
    }

    /**
     * The outcomes of a batch that failed as a whole.
     *
     * @param size the number of jobs in the batch
     * @param failure why, not {@code null}
     * @return {@code size} outcomes failed with {@code failure}, an unmodifiable list
     */
    public static List<JobAddOutcome> allFailed(int size, RuntimeException failure) {
        return Collections.nCopies(size, failed(failure));
    }

    /**
     * The first store failure among a batch's outcomes: after it, the scheduler writes no further batch to that store
     * in the same call.
     *
     * @param outcomes a batch's outcomes
     * @return the first failure that is a {@link JobStoreException}, or {@code null} when there is none
     */
    public static @Nullable JobStoreException storeFailure(List<JobAddOutcome> outcomes) {
        for (JobAddOutcome outcome : outcomes) {
            if (outcome.failure() instanceof JobStoreException down) {
                return down;
            }
        }
        return null;
    }
}
