package io.kairos.scheduler.boot.actuate;

import java.util.Optional;

import io.kairos.scheduler.boot.operations.InvalidOperationException;
import io.kairos.scheduler.boot.operations.JobDescriptor;
import io.kairos.scheduler.boot.operations.JobNotFoundException;
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
 * <li>{@code GET /actuator/scheduler}: the scheduler, its stores and executors, every job;</li>
 * <li>{@code GET /actuator/scheduler/{id}}: one job (404 when absent);</li>
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
 * {@link SchedulerEndpointWebExtension} answers it (and a missing job) with the reason in the body. Reads and actions
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
     * The scheduler and all its jobs.
     *
     * @return the descriptor
     */
    @ReadOperation
    public SchedulerDescriptor scheduler() {
        return this.operations.describe();
    }

    /**
     * One job.
     *
     * @param id the job id
     * @return the job, or {@code null} (404) when absent
     */
    @ReadOperation
    public @Nullable JobDescriptor job(@Selector String id) {
        return this.operations.job(id).orElse(null);
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
