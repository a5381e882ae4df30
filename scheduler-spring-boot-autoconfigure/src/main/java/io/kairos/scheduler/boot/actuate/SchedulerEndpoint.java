package io.kairos.scheduler.boot.actuate;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
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
 * <li>{@code POST /actuator/scheduler/{id}} with {@code {"action": "pause" | "resume" | "run" | "reschedule"}};
 * {@code reschedule} takes the new trigger spec as {@code "trigger": {"type": "cron", "hour": "3"}}, {@code run}
 * sets the next run time to now;</li>
 * <li>{@code DELETE /actuator/scheduler/{id}}: removes the job;</li>
 * <li>{@code POST /actuator/scheduler} with {@code {"action": "pause" | "resume"}}: the whole scheduler.</li>
 * </ul>
 * Write operations follow Spring Boot's endpoint access settings: the default access is read-only; allow them with
 * {@code management.endpoint.scheduler.access=unrestricted}. A bad action or trigger spec is a 400 naming what is
 * valid. Jobs are looked up in every store by id. Thread-safe.
 */
@Endpoint(id = "scheduler", defaultAccess = Access.READ_ONLY)
public class SchedulerEndpoint {

    private final JobScheduler scheduler;

    private final DeclaredJobSynchronizer synchronizer;

    /**
     * Creates the endpoint.
     *
     * @param scheduler the scheduler
     * @param synchronizer knows the undeclared jobs
     */
    public SchedulerEndpoint(JobScheduler scheduler, DeclaredJobSynchronizer synchronizer) {
        this.scheduler = scheduler;
        this.synchronizer = synchronizer;
    }

    /**
     * The scheduler and all its jobs.
     *
     * @return the descriptor
     */
    @ReadOperation
    public SchedulerDescriptor scheduler() {
        return SchedulerDescriptor.of(this.scheduler, this.synchronizer);
    }

    /**
     * One job.
     *
     * @param id the job id
     * @return the job, or {@code null} (404) when absent
     */
    @ReadOperation
    public @Nullable JobDescriptor job(@Selector String id) {
        return this.scheduler.getJob(id).map(JobDescriptor::of).orElse(null);
    }

    /**
     * Pauses or resumes the whole scheduler.
     *
     * @param action {@code pause} or {@code resume}
     * @return the scheduler after the change
     * @throws InvalidEndpointRequestException (400) for another action
     */
    @WriteOperation
    public SchedulerDescriptor schedulerAction(String action) {
        switch (action.toLowerCase(Locale.ROOT)) {
            case "pause" -> this.scheduler.pause();
            case "resume" -> this.scheduler.resume();
            default -> throw invalid("action '" + action + "' is not a scheduler action; valid: pause, resume");
        }
        return scheduler();
    }

    /**
     * Acts on one job.
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param trigger for {@code reschedule}: the new trigger spec
     * @return the job after the action; empty when it was removed (resumed with no further fire time); {@code null}
     *     when there is no such job
     * @throws InvalidEndpointRequestException (400) for an unknown action or an invalid trigger spec
     */
    @WriteOperation
    public @Nullable Optional<JobDescriptor> jobAction(@Selector String id, String action,
            @Nullable Map<String, Object> trigger) {
        if (this.scheduler.getJob(id).isEmpty()) {
            return null;
        }
        try {
            Optional<Job> job = switch (action.toLowerCase(Locale.ROOT)) {
                case "pause" -> Optional.of(this.scheduler.pauseJob(id));
                case "resume" -> this.scheduler.resumeJob(id);
                case "run" -> Optional.of(this.scheduler.modifyJob(id,
                        JobChanges.create().nextRunTime(this.scheduler.engine().clock().instant())));
                case "reschedule" -> {
                    if (trigger == null || trigger.isEmpty()) {
                        throw invalid("action 'reschedule' needs a trigger spec, e.g. "
                                + "{\"action\": \"reschedule\", \"trigger\": {\"type\": \"cron\", \"minute\": \"*/5\"}}");
                    }
                    yield Optional.of(this.scheduler.rescheduleJob(id, trigger));
                }
                default -> throw invalid("action '" + action + "' is not a job action; valid: pause, resume, run, reschedule");
            };
            return job.map(JobDescriptor::of);
        }
        catch (InvalidTriggerSpecException ex) {
            throw invalid("invalid trigger spec: " + ex.getMessage());
        }
        catch (JobLookupException ex) {
            return null;
        }
    }

    /**
     * Removes a job.
     *
     * @param id the job id
     * @return {@code true} when removed, {@code false} when there was no such job
     */
    @DeleteOperation
    public boolean removeJob(@Selector String id) {
        if (this.scheduler.getJob(id).isEmpty()) {
            return false;
        }
        try {
            this.scheduler.removeJob(id);
            return true;
        }
        catch (JobLookupException ex) {
            return false;
        }
    }

    private static InvalidEndpointRequestException invalid(String message) {
        return new InvalidEndpointRequestException(message, message);
    }
}
