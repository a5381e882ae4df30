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
 * {@code reschedule} takes the new trigger spec in the same body, keys in camelCase
 * ({@code {"action": "reschedule", "type": "cron", "dayOfWeek": "mon-fri", "hour": "3"}}; see
 * {@link #jobAction}); {@code run} sets the next run time to now;</li>
 * <li>{@code DELETE /actuator/scheduler/{id}}: removes the job;</li>
 * <li>{@code POST /actuator/scheduler} with {@code {"action": "pause" | "resume"}}: the whole scheduler.</li>
 * </ul>
 * Write operations follow Spring Boot's endpoint access settings: the default access is read-only; allow them with
 * {@code management.endpoint.scheduler.access=unrestricted}. A bad action or trigger spec is a 400 naming what is
 * valid. Jobs are looked up in every store by id. Thread-safe.
 */
@Endpoint(id = "scheduler", defaultAccess = Access.READ_ONLY)
public class SchedulerEndpoint {

    private static final java.util.List<String> TRIGGER_KEYS = java.util.List.of("type", "expression", "year", "month",
            "day", "week", "day_of_week", "hour", "minute", "second", "weeks", "days", "hours", "minutes", "seconds",
            "months", "years", "run_date", "start_date", "end_date", "timezone", "jitter");

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
     * Acts on one job ({@code POST /actuator/scheduler/{id}}). The trigger keys are the camelCase trigger spec keys,
     * used by {@code reschedule} only; values are text, as in YAML.
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param type the trigger type for {@code reschedule}: {@code cron}, {@code interval}, {@code date},
     *     {@code calendarinterval}
     * @param expression cron: a whole cron expression
     * @param year cron field
     * @param month cron field
     * @param day cron field
     * @param week cron field
     * @param dayOfWeek cron field
     * @param hour cron field
     * @param minute cron field
     * @param second cron field
     * @param weeks interval/calendarinterval length
     * @param days interval/calendarinterval length
     * @param hours interval/calendarinterval length
     * @param minutes interval/calendarinterval length
     * @param seconds interval/calendarinterval length
     * @param months calendarinterval length
     * @param years calendarinterval length
     * @param runDate date: the run date
     * @param startDate earliest fire time
     * @param endDate latest fire time
     * @param timezone the trigger's zone
     * @param jitter the trigger's jitter in seconds
     * @return the job after the action; empty when it was removed (resumed with no further fire time); {@code null}
     *     when there is no such job
     * @throws InvalidEndpointRequestException (400) for an unknown action or an invalid trigger spec
     */
    @WriteOperation
    public @Nullable Optional<JobDescriptor> jobAction(@Selector String id, String action, @Nullable String type,
            @Nullable String expression, @Nullable String year, @Nullable String month, @Nullable String day,
            @Nullable String week, @Nullable String dayOfWeek, @Nullable String hour, @Nullable String minute,
            @Nullable String second, @Nullable String weeks, @Nullable String days, @Nullable String hours,
            @Nullable String minutes, @Nullable String seconds, @Nullable String months, @Nullable String years,
            @Nullable String runDate, @Nullable String startDate, @Nullable String endDate, @Nullable String timezone,
            @Nullable String jitter) {
        return act(id, action, triggerSpec(type, expression, year, month, day, week, dayOfWeek, hour, minute, second,
                weeks, days, hours, minutes, seconds, months, years, runDate, startDate, endDate, timezone, jitter));
    }

    /**
     * Acts on one job, with the trigger spec as a map.
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param spec the trigger spec for {@code reschedule} (snake_case or camelCase keys), empty otherwise
     * @return as {@link #jobAction}
     * @throws InvalidEndpointRequestException (400) for an unknown action or an invalid trigger spec
     */
    public @Nullable Optional<JobDescriptor> act(String id, String action, Map<String, Object> spec) {
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
                    if (spec.isEmpty()) {
                        throw invalid("action 'reschedule' needs a trigger spec, e.g. "
                                + "{\"action\": \"reschedule\", \"type\": \"cron\", \"minute\": \"*/5\"}");
                    }
                    yield Optional.of(this.scheduler.rescheduleJob(id, spec));
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
     * Collects the given trigger parameters into a spec with snake_case keys.
     *
     * @param values the parameters in the order of {@link #jobAction}'s trigger parameters, {@code null} for absent
     * @return the spec, without absent keys
     */
    static Map<String, Object> triggerSpec(@Nullable String... values) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        for (int i = 0; i < TRIGGER_KEYS.size(); i++) {
            if (values[i] != null && !values[i].isBlank()) {
                spec.put(TRIGGER_KEYS.get(i), values[i]);
            }
        }
        return spec;
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
