package io.kairos.scheduler.history;

/**
 * The error of a {@link RunOutcome#CANCELLED} run record: a retry that was pending, or about to be scheduled, was
 * dropped because the job was paused, removed, rescheduled or changed first. The message says which. Never thrown by
 * Kairos; it only describes a record.
 */
public final class RetryCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message why the retry was dropped
     */
    public RetryCancelledException(String message) {
        super(message, null, false, false);
    }
}
