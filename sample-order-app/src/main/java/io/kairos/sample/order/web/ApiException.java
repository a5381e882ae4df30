package io.kairos.sample.order.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on, answered as a {@code ProblemDetail} with the given status and message by
 * {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status to answer with, e.g. 400, 404 or 409
     * @param message what went wrong, naming the field and the value; becomes the problem's {@code detail}
     */
    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * A 400 Bad Request.
     *
     * @param message what is wrong with the request
     * @return the exception
     */
    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    /**
     * A 404 Not Found.
     *
     * @param message what was not found
     * @return the exception
     */
    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    /**
     * A 409 Conflict: the request is well formed but the current state forbids it.
     *
     * @param message which state forbids it
     * @return the exception
     */
    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    /**
     * The HTTP status to answer with.
     *
     * @return the status
     */
    public HttpStatus status() {
        return this.status;
    }
}
