package io.kairos.sample.order.web;

import io.kairos.scheduler.input.InputText;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns a request body that Jackson could not read into a problem that names the field ({@code items[0].count})
 * and says what is valid: malformed JSON (with line and column), a number where a whole number is wanted
 * ({@code 1.5}, {@code "12"}, full-width digits, values beyond the type's range), an unknown field. Stateless.
 */
final class JsonBodyProblems {

    private JsonBodyProblems() {
    }

    /**
     * The problem for an unreadable body.
     *
     * @param ex Spring MVC's exception
     * @return a 400 problem; its {@code field} property holds the JSON path when one is known
     */
    static ProblemDetail of(HttpMessageNotReadableException ex) {
        JacksonException cause = cause(ex);
        if (cause == null) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing or not JSON; send Content-Type: application/json and a JSON object");
        }
        String field = field(cause.getPath());
        String detail;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            detail = field + " is not a field of this request; valid: " + known(unknown.getKnownPropertyIds());
        }
        else if (cause instanceof MismatchedInputException mismatch && isWholeNumber(mismatch.getTargetType())
                || cause instanceof InputCoercionException) {
            detail = field + " must be a whole number written as a JSON number (e.g. 2), within range; "
                    + InputText.quote(cause.getOriginalMessage());
        }
        else if (cause instanceof MismatchedInputException && !field.isEmpty()) {
            detail = field + " has the wrong type: " + InputText.quote(cause.getOriginalMessage());
        }
        else {
            TokenStreamLocation at = cause.getLocation();
            detail = "The request body is not valid JSON" + (at != null ? " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() : "") + (field.isEmpty() ? "" : " (in " + field + ")") + ": "
                    + InputText.quote(cause.getOriginalMessage());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (!field.isEmpty()) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static @Nullable JacksonException cause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    /** The JSON path as the API's messages write it: {@code items[0].count}. */
    static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            String name = reference.getPropertyName();
            if (name != null) {
                // a field name comes from the request: a long one is cut as any echoed value
                field.append(field.isEmpty() ? "" : ".").append(name.length() > InputText.MAX_ECHO_LENGTH ? InputText.quote(name) : name);
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static boolean isWholeNumber(@Nullable Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class;
    }

    private static String known(@Nullable Collection<Object> ids) {
        return ids == null ? "see the API documentation" : ids.stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
