package io.kairos.scheduler.store;

/**
 * A job was added with an id that its store (or the scheduler's pending jobs) already holds.
 */
public class ConflictingJobIdException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    /**
     * Creates the exception.
     *
     * @param jobId the conflicting id
     * @param where the store alias, or "pending jobs"
     */
    public ConflictingJobIdException(String jobId, String where) {
        super("Job identifier (" + jobId + ") conflicts with an existing job in " + where
                + "; use another id, or add it with JobRequest.conflictPolicy(ConflictPolicy.REPLACE) to replace the "
                + "stored job (ConflictPolicy.KEEP_EXISTING keeps it)");
        this.jobId = jobId;
    }

    /**
     * The conflicting id.
     *
     * @return the id
     */
    public String jobId() {
        return this.jobId;
    }
}
