package io.kairos.scheduler.history;

import org.jspecify.annotations.Nullable;

/**
 * The error of an {@link RunOutcome#ABANDONED} run record whose instance lost its lease on the job while the run
 * was in flight: another instance took the job over and runs the fire time again, so this attempt's end was not
 * written to the store. The message says how the task itself ended; the task's own exception, if any, is the
 * cause (and part of the recorded stack trace). Never thrown by Kairos; it only describes a record.
 */
public final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message how the task ended and what happens to the fire time
     * @param cause the task's exception, or {@code null} when it returned
     */
    public LeaseLostException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
