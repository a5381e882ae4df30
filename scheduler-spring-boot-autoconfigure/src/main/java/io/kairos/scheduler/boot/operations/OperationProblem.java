package io.kairos.scheduler.boot.operations;

import io.kairos.scheduler.SchedulerNotRunningException;
import org.jspecify.annotations.Nullable;

/**
 * How a refusal of {@link SchedulerOperations} is answered over HTTP, the same by the actuator {@code scheduler}
 * endpoint and the dashboard: 400 for an {@link InvalidOperationException} (a bad parameter, body key, action or
 * trigger spec), 404 for a {@link JobNotFoundException}, 503 for a {@link SchedulerNotRunningException} (run history
 * and the scheduler's own pause and resume need a started scheduler). The detail is the exception's message, which
 * names what was wrong and what is valid.
 *
 * @param status the HTTP status code
 * @param title the HTTP status phrase
 * @param detail what was wrong and what is valid
 * @param field the request field at fault (a query parameter, a body key or a trigger spec key), or {@code null}
 */
public record OperationProblem(int status, String title, String detail, @Nullable String field) {

    /**
     * The answer to a refusal, or {@code null} for any other failure (a server error, left to the caller's usual
     * handling).
     *
     * @param ex what an operation threw
     * @return the problem, or {@code null}
     */
    public static @Nullable OperationProblem of(Throwable ex) {
        if (ex instanceof InvalidOperationException invalid) {
            return new OperationProblem(400, "Bad Request", String.valueOf(invalid.getMessage()), invalid.field());
        }
        if (ex instanceof JobNotFoundException notFound) {
            return new OperationProblem(404, "Not Found", String.valueOf(notFound.getMessage()), null);
        }
        if (ex instanceof SchedulerNotRunningException notRunning) {
            return new OperationProblem(503, "Service Unavailable", String.valueOf(notRunning.getMessage()), null);
        }
        return null;
    }
}
