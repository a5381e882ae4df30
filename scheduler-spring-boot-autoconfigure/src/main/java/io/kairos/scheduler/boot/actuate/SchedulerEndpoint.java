package io.kairos.scheduler.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

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
 * <li>{@code GET /actuator/scheduler/{id}}: one job (404 when absent), with its {@code lastRun};</li>
 * <li>{@code GET /actuator/scheduler/{id}/runs}: the job's runs, newest first, {@code ?limit=} (1 to 500, default
 * 20), {@code ?outcome=}, {@code ?since=}, {@code ?until=}, {@code ?after=} (see {@link RunsParameters}); a removed
 * job's runs too, until retention removes them;</li>
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
 * {@link SchedulerEndpointWebExtension} answers it (and a missing job) with the reason in the body. Jobs are looked
 * up in every store by id. Thread-safe.
 */
@Endpoint(id = "scheduler", defaultAccess = Access.READ_ONLY)
public class SchedulerEndpoint {

    /** A reschedule body, shown in errors. */
    static final String RESCHEDULE_EXAMPLE = "{\"action\": \"reschedule\", \"trigger\": \"{\\\"type\\\": \\\"cron\\\", \\\"hour\\\": \\\"3\\\"}\"}";

    /** Longest trigger spec text taken (a spec of an and/or trigger of many parts stays far below it). */
    static final int MAX_TRIGGER_LENGTH = 16_384;

    /** Reads trigger spec text; a duplicate key is an error rather than a silent overwrite. */
    private static final ObjectReader SPEC_READER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build()
        .readerFor(Object.class);

    /** The path segment of run lists. */
    static final String RUNS = "runs";

    /** The path segment of a job's own view under {@code /{id}/}. */
    static final String JOB = "job";

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
            RunQuery query = RunsParameters.apply(RunQuery.all(), limit, outcome, since, until, after);
            RunPage page = this.scheduler.findRuns(query);
            return RunsDescriptor.of(page.runs(), page.next());
        }
        noRunParameters(limit, outcome, since, until, after);
        return job(id);
    }

    /** A job's view takes no parameter of the run lists: one given by mistake is a 400, not silently ignored. */
    private static void noRunParameters(@Nullable String limit, @Nullable String outcome, @Nullable String since,
            @Nullable String until, @Nullable String after) {
        String given = limit != null ? "limit" : outcome != null ? "outcome" : since != null ? "since"
                : until != null ? "until" : after != null ? "after" : null;
        if (given != null) {
            throw invalid("'" + given + "' is a parameter of /actuator/scheduler/runs and /actuator/scheduler/{id}/runs,"
                    + " not of a job's view");
        }
    }

    /**
     * One job with its last run.
     *
     * @param id the job id
     * @return the job, or {@code null} when absent
     */
    public @Nullable JobDescriptor job(String id) {
        return this.scheduler.getJob(id).map((job) -> LastRuns.describe(this.scheduler, job)).orElse(null);
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
            case RUNS -> {
                RunQuery query = RunsParameters.apply(RunQuery.ofJob(id), limit, outcome, since, until, after);
                RunPage page = this.scheduler.findRuns(query);
                yield RunsDescriptor.of(page.runs(), page.next());
            }
            case JOB -> {
                noRunParameters(limit, outcome, since, until, after);
                yield job(id);
            }
            default -> throw invalid("/actuator/scheduler/{id}/" + echo(part) + " is not a part of a job; valid: "
                    + RUNS + ", " + JOB);
        };
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
        switch (action(action, "pause, resume")) {
            case "pause" -> this.scheduler.pause();
            case "resume" -> this.scheduler.resume();
            default -> throw invalid("action " + echo(action) + " is not a scheduler action; valid: pause, resume");
        }
        return scheduler();
    }

    /**
     * Acts on one job ({@code POST /actuator/scheduler/{id}}).
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param trigger for {@code reschedule} only: the new trigger spec, a map or the text of a JSON object such as
     *     {@code {"type": "cron", "hour": "3"}} (at most {@value #MAX_TRIGGER_LENGTH} characters); values text or
     *     numbers, as in YAML
     * @return the job after the action; empty when it was removed (resumed with no further fire time); {@code null}
     *     when there is no such job
     * @throws InvalidEndpointRequestException (400) when the action is missing or unknown, {@code reschedule} has no
     *     {@code trigger} (the flat form of earlier snapshots included: the message shows the right form), the
     *     trigger is not a JSON object, another action has one, or the trigger spec is invalid (the reason of
     *     {@code Triggers.fromSpec})
     */
    @WriteOperation
    public @Nullable Optional<JobDescriptor> jobAction(@Selector String id, @Nullable String action,
            @Nullable Object trigger) {
        String name = action(action, "pause, resume, run, reschedule");
        if (trigger != null && !name.equals("reschedule")) {
            throw invalid("'trigger' is only taken by action 'reschedule', not by " + echo(action));
        }
        if (this.scheduler.getJob(id).isEmpty()) {
            return null;
        }
        try {
            Optional<Job> job = switch (name) {
                case "pause" -> Optional.of(this.scheduler.pauseJob(id));
                case "resume" -> this.scheduler.resumeJob(id);
                case "run" -> Optional.of(this.scheduler.modifyJob(id,
                        JobChanges.create().nextRunTime(this.scheduler.engine().clock().instant())));
                case "reschedule" -> Optional.of(this.scheduler.rescheduleJob(id, triggerSpec(trigger)));
                default -> throw invalid("action " + echo(action) + " is not a job action; valid: pause, resume, run, reschedule");
            };
            return job.map((changed) -> LastRuns.describe(this.scheduler, changed));
        }
        catch (InvalidTriggerSpecException ex) {
            throw invalid("invalid trigger spec: " + ex.getMessage());
        }
        catch (JobLookupException ex) {
            return null;
        }
    }

    /**
     * The trigger spec of a reschedule: a map (JMX, direct calls) or, over HTTP, the text of a JSON object (Spring
     * Boot's web endpoints bind a request body to {@code Map<String, String>}, so a nested object cannot reach an
     * operation).
     */
    private static Map<String, ?> triggerSpec(@Nullable Object trigger) {
        if (trigger == null) {
            throw invalid("action 'reschedule' needs the new trigger spec under 'trigger', as the text of a JSON object, e.g. "
                    + RESCHEDULE_EXAMPLE);
        }
        Object spec = trigger;
        if (trigger instanceof CharSequence text) {
            if (text.length() > MAX_TRIGGER_LENGTH) {
                throw invalid("'trigger' is " + text.length() + " characters long; at most " + MAX_TRIGGER_LENGTH);
            }
            try {
                spec = SPEC_READER.readValue(text.toString());
            }
            catch (JacksonException ex) {
                throw invalid("'trigger' is not a JSON object: " + echo(text) + " (" + echo(ex.getOriginalMessage())
                        + "); e.g. " + RESCHEDULE_EXAMPLE);
            }
        }
        if (!(spec instanceof Map<?, ?> map)) {
            throw invalid("'trigger' must be a JSON object (a trigger spec), e.g. " + RESCHEDULE_EXAMPLE + "; got "
                    + echo(trigger));
        }
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((key, value) -> keyed.put(String.valueOf(key), value));
        return keyed;
    }

    /** The action in lower case; a missing or blank one is an error listing {@code valid}. */
    private static String action(@Nullable String action, String valid) {
        if (action == null || action.isBlank()) {
            throw invalid("'action' is missing; valid: " + valid);
        }
        return action.trim().toLowerCase(Locale.ROOT);
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
        return RunsParameters.invalid(message);
    }
}
