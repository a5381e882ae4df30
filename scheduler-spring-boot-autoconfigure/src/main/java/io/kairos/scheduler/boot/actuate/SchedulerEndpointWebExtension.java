package io.kairos.scheduler.boot.actuate;

import java.util.Optional;
import java.util.function.Supplier;

import io.kairos.scheduler.boot.operations.JobDescriptor;
import io.kairos.scheduler.boot.operations.OperationProblem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP answers for the {@link SchedulerEndpoint}: every error carries its reason in the body as an
 * {@link EndpointProblem} ({@code {"title": "Bad Request", "status": 400, "detail": "..."}}), whatever
 * {@code spring.web.error.include-message} says: 400 for a bad action or trigger spec, a bad job-list or run-list
 * parameter, or a query parameter or body key the operation does not take ({@link SchedulerEndpointArgumentsAdvisor}),
 * 404 when the job does not exist, 503 while the scheduler is not running (run history, and pausing or resuming the
 * scheduler, need a started one), as the dashboard answers them ({@link OperationProblem}). 204 when a removal (or a
 * resume that removed a finished job) leaves nothing to show.
 */
@EndpointWebExtension(endpoint = SchedulerEndpoint.class)
public class SchedulerEndpointWebExtension {

    private final SchedulerEndpoint delegate;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint
     */
    public SchedulerEndpointWebExtension(SchedulerEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * The scheduler and one page of its jobs; see {@link SchedulerEndpoint#scheduler(String, String)}.
     *
     * @param limit the most jobs
     * @param cursor the previous page's {@code next}
     * @return 200 with the scheduler, 400 with a problem naming a bad parameter
     */
    @ReadOperation
    public WebEndpointResponse<Object> scheduler(@Nullable String limit, @Nullable String cursor) {
        return answer(() -> new WebEndpointResponse<>(this.delegate.scheduler(limit, cursor)));
    }

    /**
     * One job, or runs across jobs for the id {@code runs}; see {@link SchedulerEndpoint#job(String, String, String,
     * String, String, String)} for the parameters.
     *
     * @param id the job id, or {@code runs}
     * @param limit the most runs
     * @param outcome the outcomes wanted
     * @param since the start of the time range
     * @param until the end of the time range
     * @param after the previous page's {@code next} token
     * @return 200 with the job or the runs, 400 with a problem naming a bad parameter, 404 with a problem when there
     *     is no such job, 503 with a problem for runs while the scheduler is not running
     */
    @ReadOperation
    public WebEndpointResponse<Object> job(@Selector String id, @Nullable String limit, @Nullable String outcome,
            @Nullable String since, @Nullable String until, @Nullable String after) {
        return answer(() -> {
            Object found = this.delegate.job(id, limit, outcome, since, until, after);
            return found != null ? new WebEndpointResponse<>(found) : notFound(id);
        });
    }

    /**
     * A job's runs ({@code /{id}/runs}) or the job itself ({@code /{id}/job}); see
     * {@link SchedulerEndpoint#jobPart}.
     *
     * @param id the job id
     * @param part {@code runs} or {@code job}
     * @param limit the most runs
     * @param outcome the outcomes wanted
     * @param since the start of the time range
     * @param until the end of the time range
     * @param after the previous page's {@code next} token
     * @return 200 with the runs or the job, 400 with a problem naming a bad parameter or part, 404 with a problem
     *     for the {@code job} part of no job, 503 with a problem for runs while the scheduler is not running
     */
    @ReadOperation
    public WebEndpointResponse<Object> jobPart(@Selector String id, @Selector String part, @Nullable String limit,
            @Nullable String outcome, @Nullable String since, @Nullable String until, @Nullable String after) {
        return answer(() -> {
            Object found = this.delegate.jobPart(id, part, limit, outcome, since, until, after);
            return found != null ? new WebEndpointResponse<>(found) : notFound(id);
        });
    }

    /**
     * Pauses or resumes the whole scheduler; see {@link SchedulerEndpoint#schedulerAction}.
     *
     * @param action {@code pause} or {@code resume}
     * @return 200 with the scheduler, 400 with a problem for a missing or unknown action, 503 with a problem while the
     *     scheduler is not running
     */
    @WriteOperation
    public WebEndpointResponse<Object> schedulerAction(@Nullable String action) {
        return answer(() -> new WebEndpointResponse<>(this.delegate.schedulerAction(action)));
    }

    /**
     * Acts on one job; see {@link SchedulerEndpoint#jobAction} for the parameters.
     *
     * @param id the job id
     * @param action the action
     * @param trigger the new trigger spec, for {@code reschedule}
     * @return 200 with the job, 204 when it was removed, 400 with a problem for a bad request, 404 with a problem
     *     when there is no such job, 503 with a problem when the action needs a started scheduler
     */
    @WriteOperation
    public WebEndpointResponse<Object> jobAction(@Selector String id, @Nullable String action, @Nullable Object trigger) {
        return answer(() -> {
            Optional<JobDescriptor> job = this.delegate.jobAction(id, action, trigger);
            if (job == null) {
                return notFound(id);
            }
            return job.<WebEndpointResponse<Object>>map(WebEndpointResponse::new)
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT));
        });
    }

    /**
     * Removes a job.
     *
     * @param id the job id
     * @return 204 when removed, 404 with a problem when there was no such job
     */
    @DeleteOperation
    public WebEndpointResponse<Object> removeJob(@Selector String id) {
        return answer(() -> this.delegate.removeJob(id) ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT)
                : notFound(id));
    }

    /** Runs an operation, answering its refusals as the dashboard does; any other failure stays a server error. */
    private static WebEndpointResponse<Object> answer(Supplier<WebEndpointResponse<Object>> operation) {
        try {
            return operation.get();
        }
        catch (InvalidEndpointRequestException ex) {
            return badRequest(ex.getReason());
        }
        catch (RuntimeException ex) {
            OperationProblem problem = OperationProblem.of(ex);
            if (problem == null) {
                throw ex;
            }
            return problem(problem.status(), problem.title(), problem.detail());
        }
    }

    /**
     * A 400 answer.
     *
     * @param detail what was wrong and what is valid
     * @return the answer
     */
    static WebEndpointResponse<Object> badRequest(String detail) {
        return problem(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", detail);
    }

    private static WebEndpointResponse<Object> notFound(String id) {
        return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found",
                "no job with id " + SchedulerEndpoint.echo(id) + " in any job store");
    }

    private static WebEndpointResponse<Object> problem(int status, String title, String detail) {
        return new WebEndpointResponse<>(new EndpointProblem(title, status, detail), status);
    }

    /**
     * The body of an error answer, with the members of an RFC 9457 problem detail that apply.
     *
     * @param title the HTTP status phrase
     * @param status the HTTP status code
     * @param detail what was wrong and what is valid
     */
    public record EndpointProblem(String title, int status, String detail) {
    }
}
