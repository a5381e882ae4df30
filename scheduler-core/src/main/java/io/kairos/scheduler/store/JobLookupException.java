package io.kairos.scheduler.store;

/**
 * No job with the given id exists (in the given store, or in any store).
 */
public class JobLookupException extends java.util.NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    /**
     * Creates the exception.
     *
     * @param jobId the id that was looked up
     */
    public JobLookupException(String jobId) {
        super("No job by the id of " + jobId + " was found");
        this.jobId = jobId;
    }

    /**
     * The id that was looked up.
     *
     * @return the id
     */
    public String jobId() {
        return this.jobId;
    }
}
