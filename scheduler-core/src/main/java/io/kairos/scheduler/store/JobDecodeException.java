package io.kairos.scheduler.store;

import java.util.Objects;

import org.jspecify.annotations.Nullable;



/**
 * A stored job that cannot be read. Stores never delete such a job: they mark it broken with this
 * exception's message as the reason.
 */
public class JobDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String jobId;

    /**
     * Creates the exception.
     *
     * @param jobId the job's id when it could be read, else {@code null}
     * @param message what could not be read and why
     * @param cause the underlying error, may be {@code null}
     */
    public JobDecodeException(@Nullable String jobId, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
    }

    /**
     * The job's id when it could be read.
     *
     * @return the id, or {@code null}
     */
    public @Nullable String jobId() {
        return this.jobId;
    }

    /**
     * What could not be read and why.
     *
     * @return the message given when the exception was created, never {@code null}
     */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
