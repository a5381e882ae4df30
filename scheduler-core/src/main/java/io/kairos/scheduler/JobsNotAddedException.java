package io.kairos.scheduler;

import io.kairos.scheduler.input.InputText;

import java.util.List;

/**
 * Some requests of {@link Scheduler#addJobs} (or jobs of {@link Scheduler#importJobs}) were not added; the others
 * were. {@link #failures()} says which and why, {@link #addedIds()} names the jobs that were added (or kept, under
 * {@code ConflictPolicy.KEEP_EXISTING}; {@code getJob(id)} reads them). The message names the first few failures.
 */
public class JobsNotAddedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How many failures the message names. */
    private static final int NAMED = 5;

    private final List<String> addedIds;

    private final transient List<Failure> failures;

    /**
     * Creates the exception; the first failure's cause becomes its cause.
     *
     * @param requests how many requests the call had
     * @param addedIds the ids of the jobs added, in request order
     * @param failures the requests not added, in request order; not empty
     */
    public JobsNotAddedException(int requests, List<String> addedIds, List<Failure> failures) {
        super(message(requests, failures), failures.get(0).cause());
        this.addedIds = List.copyOf(addedIds);
        this.failures = List.copyOf(failures);
    }

    private static String message(int requests, List<Failure> failures) {
        StringBuilder text = new StringBuilder().append(failures.size()).append(" of ").append(requests).append(" jobs not added: ");
        for (int i = 0; i < Math.min(NAMED, failures.size()); i++) {
            Failure failure = failures.get(i);
            text.append(i == 0 ? "" : "; ").append("request #").append(failure.index());
            if (failure.jobId() != null) {
                text.append(" (id ").append(InputText.quote(failure.jobId())).append(')');
            }
            text.append(": ").append(failure.cause().getMessage());
        }
        if (failures.size() > NAMED) {
            text.append("; and ").append(failures.size() - NAMED).append(" more (see failures())");
        }
        return text.toString();
    }

    /**
     * The ids of the jobs that were added (or kept under {@code KEEP_EXISTING}), in request order.
     *
     * @return an unmodifiable list
     */
    public List<String> addedIds() {
        return this.addedIds;
    }

    /**
     * The requests that were not added, in request order.
     *
     * @return an unmodifiable list, not empty
     */
    public List<Failure> failures() {
        return this.failures;
    }

    /**
     * One request that was not added.
     *
     * @param index its position in the collection passed (0-based)
     * @param jobId the job's id when it was known (given, or generated before the failure), else {@code null}
     * @param cause why: the exception {@link Scheduler#addJob} would have thrown for it (validation,
     *     {@code ConflictingJobIdException}, {@code JobStoreException}); a request after a store failure in the same
     *     store is not attempted and fails with a {@code JobStoreException} saying so
     */
    public record Failure(int index, String jobId, RuntimeException cause) {
    }
}
