package io.kairos.sample.order.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as JSON ({@code application/problem+json}, RFC 9457): {@link ApiException} with its status
 * and message, an unreadable body naming the field ({@link JsonBodyProblems}), Spring MVC's other errors (unknown
 * route, wrong method) as {@link ResponseEntityExceptionHandler} does, and anything else as a 500 whose detail does
 * not leak internals. Errors Tomcat answers before Spring MVC (an over-long URL) are problems too
 * ({@link ProblemErrorReportValve}).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * Answers a client error.
     *
     * @param ex the error
     * @return a problem with the exception's status and message
     */
    @ExceptionHandler(ApiException.class)
    public ProblemDetail handleApiException(ApiException ex) {
        return ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    }

    /**
     * Answers a body that cannot be read, naming the field.
     *
     * @param ex the error
     * @param headers the response headers
     * @param status 400
     * @param request the request
     * @return a problem naming the field and what is valid
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, JsonBodyProblems.of(ex), headers, status, request);
    }

    /**
     * Answers an unexpected failure and logs it with its stack trace.
     *
     * @param ex the failure
     * @return a 500 problem
     */
    @ExceptionHandler(RuntimeException.class)
    public ProblemDetail handleUnexpected(RuntimeException ex) {
        log.error("Request failed", ex);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error: " + ex.getClass().getSimpleName() + "; see the application log");
    }
}
