package io.kairos.scheduler.boot.actuate;

import java.util.Optional;

import io.kairos.scheduler.boot.operations.InvalidOperationException;
import io.kairos.scheduler.boot.operations.JobDescriptor;
import io.kairos.scheduler.boot.operations.JobNotFoundException;
import io.kairos.scheduler.boot.operations.RunsDescriptor;
import io.kairos.scheduler.boot.operations.SchedulerDescriptor;
import io.kairos.scheduler.boot.operations.SchedulerOperations;
import io.kairos.scheduler.input.InputText;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code scheduler} actuator endpoint: list and inspect jobs, pause, resume, run now, reschedule and remove
 * them, and pause or resume the whole scheduler.
 * <ul>
 * <li>{@code GET /actuator/scheduler}: the scheduler, its stores and executors, and one page of its jobs:
 * {@code ?limit=} (1 to 1,000, default 100) and {@code ?cursor=} (the {@code next} of the previous answer); jobs come
 * store after store by alias, each store's in id order, and {@code next} is {@code null} after the last page;</li>
 * <li>{@code GET /actuator/scheduler/{id}}: one job (404 when absent), with its {@code lastRun};</li>
 * <li>{@code GET /actuator/scheduler/{id}/runs}: the job's runs, newest first, {@code ?limit=} (1 to 500, default
 * 20), {@code ?outcome=}, {@code ?since=}, {@code ?until=}, {@code ?after=} (see {@link SchedulerOperations#runs});
 * a removed job's runs too, until retention removes them;</li>
 * <li>{@code GET /actuator/scheduler/runs}: runs across jobs, with the same parameters. This path is also the
 * {@code /{id}} of a job whose id is {@code runs}: a GET of it lists runs, and that job is read at
 * {@code GET /actuator/scheduler/runs/job} ({@code /{id}/job} shows any job); its runs are at
 * {@code /actuator/scheduler/runs/runs}, and POST and DELETE of {@code /actuator/scheduler/runs} act on it as on
 * any job;</li>
 * <li>{@code POST /actuator/scheduler/{id}} with {@code {"action": "pause" | "resume" | "run"}}, or
 * {@code {"action": "reschedule", "trigger": "{\"type\": \"cron\", \"hour\": \"3\"}"}}: the new trigger spec
 * in the same form as in {@code application.yml}, {@code JobRequest.trigger(Map)} and the JSON store (keys in
 * snake_case, kebab-case or camelCase; an unknown key is rejected as {@code Triggers.fromSpec} rejects it), as the
 * text of a JSON object because Spring Boot's web endpoints read a body as text values only; {@code run} sets the
 * next run time to now;</li>
 * <li>{@code DELETE /actuator/scheduler/{id}}: removes the job;</li>
 * <li>{@code POST /actuator/scheduler} with {@code {"action": "pause" | "resume"}}: the whole scheduler.</li>
 * </ul>
 * Write operations follow Spring Boot's endpoint access settings: the default access is read-only (a write then
 * answers 405); allow them with {@code management.endpoint.scheduler.access=unrestricted}. A bad action or trigger
 * spec is an {@link InvalidEndpointRequestException} whose reason names what is valid; over HTTP,
 * {@link SchedulerEndpointWebExtension} answers it (and a missing job, and a scheduler that is not running) with the
 * reason in the body, and {@link SchedulerEndpointArgumentsAdvisor} refuses a query parameter or body key that an
 * operation does not take. Reads and actions
 * are those of {@link SchedulerOperations}, which the dashboard uses too; actions are logged there. Thread-safe.
 */
@Endpoint(id = "scheduler", defaultAccess = Access.READ_ONLY)
public class SchedulerEndpoint {

    /** Who acts through this endpoint, for the log of {@link SchedulerOperations}. */
    static final String ACTOR = "the actuator endpoint";

    private final SchedulerOperations operations;

    /**
     * Creates the endpoint.
     *
     * @param operations the reads and actions it exposes
     */
    public SchedulerEndpoint(SchedulerOperations operations) {
        this.operations = operations;
    }

    /**
     * The scheduler and the first page of its jobs.
     *
     * @return the descriptor
     */
    public SchedulerDescriptor scheduler() {
        return this.operations.describe();
    }

    /**
     * The scheduler and one page of its jobs ({@code GET /actuator/scheduler?limit=&cursor=}).
     *
     * @param limit the most jobs, 1 to 1,000 (default 100)
     * @param cursor the {@code next} of the previous answer, or {@code null} for the first page
     * @return the descriptor, its {@code next} the cursor of the following page ({@code null} after the last)
     * @throws InvalidEndpointRequestException (400) naming a bad parameter
     */
    @ReadOperation
    public SchedulerDescriptor scheduler(@Nullable String limit, @Nullable String cursor) {
        try {
            return this.operations.describe(limit, cursor);
        }
        catch (InvalidOperationException ex) {
            throw invalid(ex);
        }
    }

    /** The path segment of run lists. */
    static final String RUNS = "runs";

    /** The path segment of a job's own view under {@code /{id}/}. */
    static final String JOB = "job";

    /**
     * One job ({@code GET /actuator/scheduler/{id}}), or, for the id {@value #RUNS}, runs across jobs.
     *
     * @param id the job id, or {@value #RUNS}
     * @param limit for {@value #RUNS} only: the most runs, 1 to 500 (default 20)
     * @param outcome for {@value #RUNS} only: the outcomes wanted, separated by commas
     * @param since for {@value #RUNS} only: runs that finished at or after this ISO-8601 date-time
     * @param until for {@value #RUNS} only: runs that finished before this ISO-8601 date-time
     * @param after for {@value #RUNS} only: the {@code next} token of the previous page
     * @return the {@link JobDescriptor}, a {@link RunsDescriptor} for {@value #RUNS}, or {@code null} (404) when
     *     there is no such job
     * @throws InvalidEndpointRequestException (400) naming a bad parameter, or a parameter given for a job
     */
    @ReadOperation
    public @Nullable Object job(@Selector String id, @Nullable String limit, @Nullable String outcome,
            @Nullable String since, @Nullable String until, @Nullable String after) {
        if (RUNS.equals(id)) {
            return runs(null, limit, outcome, since, until, after);
        }
        noRunParameters(limit, outcome, since, until, after);
        return job(id);
    }

    /**
     * One job with its last run.
     *
     * @param id the job id
     * @return the job, or {@code null} when absent
     */
    public @Nullable JobDescriptor job(String id) {
        return this.operations.job(id).orElse(null);
    }

    /**
     * A part of one job: {@code GET /actuator/scheduler/{id}/runs} (its runs, newest first) or
     * {@code GET /actuator/scheduler/{id}/job} (the job itself, whatever its id: the way to a job whose id is
     * {@value #RUNS}).
     *
     * @param id the job id
     * @param part {@value #RUNS} or {@value #JOB}
     * @param limit for {@value #RUNS}: the most runs, 1 to 500 (default 20)
     * @param outcome for {@value #RUNS}: the outcomes wanted, separated by commas
     * @param since for {@value #RUNS}: runs that finished at or after this ISO-8601 date-time
     * @param until for {@value #RUNS}: runs that finished before this ISO-8601 date-time
     * @param after for {@value #RUNS}: the {@code next} token of the previous page
     * @return a {@link RunsDescriptor} (possibly empty: a job that never ran, or one that was removed and whose runs
     *     retention removed), a {@link JobDescriptor}, or {@code null} (404) for {@value #JOB} of no job
     * @throws InvalidEndpointRequestException (400) for another part or a bad parameter
     */
    @ReadOperation
    public @Nullable Object jobPart(@Selector String id, @Selector String part, @Nullable String limit,
            @Nullable String outcome, @Nullable String since, @Nullable String until, @Nullable String after) {
        return switch (part) {
            case RUNS -> runs(id, limit, outcome, since, until, after);
            case JOB -> {
                noRunParameters(limit, outcome, since, until, after);
                yield job(id);
            }
            default -> throw invalid(new InvalidOperationException(null, "/actuator/scheduler/{id}/" + echo(part)
                    + " is not a part of a job; valid: " + RUNS + ", " + JOB));
        };
    }

    private RunsDescriptor runs(@Nullable String jobId, @Nullable String limit, @Nullable String outcome,
            @Nullable String since, @Nullable String until, @Nullable String after) {
        try {
            return this.operations.runs(jobId, limit, outcome, since, until, after);
        }
        catch (InvalidOperationException ex) {
            throw invalid(ex);
        }
    }

    /** A job's view takes no parameter of the run lists: one given by mistake is a 400, not silently ignored. */
    private static void noRunParameters(@Nullable String limit, @Nullable String outcome, @Nullable String since,
            @Nullable String until, @Nullable String after) {
        String given = limit != null ? "limit" : outcome != null ? "outcome" : since != null ? "since"
                : until != null ? "until" : after != null ? "after" : null;
        if (given != null) {
            throw invalid(new InvalidOperationException(given, "'" + given + "' is a parameter of /actuator/scheduler/runs"
                    + " and /actuator/scheduler/{id}/runs, not of a job's view"));
        }
    }

    /**
     * Pauses or resumes the whole scheduler.
     *
     * @param action {@code pause} or {@code resume}
     * @return the scheduler after the change
     * @throws InvalidEndpointRequestException (400) when the action is missing or another one
     */
    @WriteOperation
    public SchedulerDescriptor schedulerAction(@Nullable String action) {
        try {
            return this.operations.schedulerAction(action, ACTOR);
        }
        catch (InvalidOperationException ex) {
            throw invalid(ex);
        }
    }

    /**
     * Acts on one job ({@code POST /actuator/scheduler/{id}}); see {@link SchedulerOperations#jobAction}.
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param trigger for {@code reschedule} only: the new trigger spec, a map or the text of a JSON object such as
     *     {@code {"type": "cron", "hour": "3"}}
     * @return the job after the action; empty when it was removed (resumed with no further fire time); {@code null}
     *     when there is no such job
     * @throws InvalidEndpointRequestException (400) when the action is missing or unknown, {@code reschedule} has no
     *     {@code trigger}, the trigger is not a JSON object, another action has one, or the trigger spec is invalid
     */
    @WriteOperation
    public @Nullable Optional<JobDescriptor> jobAction(@Selector String id, @Nullable String action,
            @Nullable Object trigger) {
        try {
            return this.operations.jobAction(id, action, trigger, ACTOR);
        }
        catch (InvalidOperationException ex) {
            throw invalid(ex);
        }
        catch (JobNotFoundException ex) {
            return null;
        }
    }

    /**
     * A request value for an error message, as {@link InputText#quote} gives it.
     *
     * @param value the value
     * @return e.g. {@code 'explode'}, or {@code 'aaaa…' (5000 characters)}
     */
    static String echo(@Nullable Object value) {
        return InputText.quote(value);
    }

    /**
     * Removes a job.
     *
     * @param id the job id
     * @return {@code true} when removed, {@code false} when there was no such job
     */
    @DeleteOperation
    public boolean removeJob(@Selector String id) {
        try {
            this.operations.removeJob(id, ACTOR);
            return true;
        }
        catch (JobNotFoundException ex) {
            return false;
        }
    }

    private static InvalidEndpointRequestException invalid(InvalidOperationException ex) {
        return new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
    }
}
