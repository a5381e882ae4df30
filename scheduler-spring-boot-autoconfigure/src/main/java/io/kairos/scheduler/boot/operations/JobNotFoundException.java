package io.kairos.scheduler.boot.operations;

import io.kairos.scheduler.input.InputText;

/**
 * There is no job with the requested id in any job store (HTTP 404).
 */
public class JobNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * Creates the exception.
     *
     * @param id the requested id, untrusted (the message shortens it)
     */
    public JobNotFoundException(String id) {
        super("no job with id " + InputText.quote(id) + " in any job store");
        this.id = id;
    }

    /**
     * The requested id.
     *
     * @return the id as requested
     */
    public String id() {
        return this.id;
    }
}
