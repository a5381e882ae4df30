package io.kairos.scheduler.store;

import org.jspecify.annotations.Nullable;

/**
 * A job store could not do what was asked because its backend failed (a database or Redis outage, a
 * lost connection, a timeout). The scheduler backs off and retries; it never ends its loop for this.
 */
public class JobStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the store was doing
     * @param cause the backend's error
     */
    public JobStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
