package io.kairos.scheduler.boot.operations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.DeclaredJobSynchronizer;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and actions on a scheduler, shared by the actuator {@code scheduler} endpoint and the dashboard: one code
 * path that checks a request, carries it out and logs it. Every action is logged at INFO on this class's logger
 * with the actor that asked for it. Jobs are looked up in every store by id. Thread-safe.
 */
public class SchedulerOperations {

    /** The job actions, as an error lists them. */
    public static final String JOB_ACTIONS = "pause, resume, run, reschedule";

    /** The scheduler actions, as an error lists them. */
    public static final String SCHEDULER_ACTIONS = "pause, resume";

    /** How the actuator's body holds the trigger, shown in errors. */
    static final String ACTUATOR_TRIGGER_FORM = "as the text of a JSON object";

    /** A reschedule body of the actuator's, shown in errors. */
    static final String RESCHEDULE_EXAMPLE = "{\"action\": \"reschedule\", \"trigger\": \"{\\\"type\\\": \\\"cron\\\", \\\"hour\\\": \\\"3\\\"}\"}";

    /** Longest trigger spec text taken (a spec of an and/or trigger of many parts stays far below it). */
    public static final int MAX_TRIGGER_LENGTH = 16_384;

    private static final Logger logger = LoggerFactory.getLogger(SchedulerOperations.class);

    /** Reads trigger spec text; a duplicate key is an error rather than a silent overwrite. */
    private static final ObjectReader SPEC_READER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build()
        .readerFor(Object.class);

    private final JobScheduler scheduler;

    private final DeclaredJobSynchronizer synchronizer;

    /**
     * Creates the operations.
     *
     * @param scheduler the scheduler
     * @param synchronizer knows the undeclared jobs
     */
    public SchedulerOperations(JobScheduler scheduler, DeclaredJobSynchronizer synchronizer) {
        this.scheduler = scheduler;
        this.synchronizer = synchronizer;
    }

    /**
     * The scheduler these operations act on.
     *
     * @return the scheduler
     */
    public JobScheduler scheduler() {
        return this.scheduler;
    }

    /**
     * The scheduler and the first page of its jobs ({@value JobsParameters#DEFAULT_LIMIT}).
     *
     * @return the descriptor
     */
    public SchedulerDescriptor describe() {
        return SchedulerDescriptor.of(this.scheduler, this.synchronizer);
    }

    /**
     * The scheduler and one page of its jobs.
     *
     * @param limit the most jobs, 1 to {@value JobsParameters#MAX_LIMIT}, default {@value JobsParameters#DEFAULT_LIMIT}
     *     (untrusted text)
     * @param cursor the {@code next} of the previous answer, or {@code null} for the first page (untrusted)
     * @return the descriptor, with the cursor of the next page
     * @throws InvalidOperationException (field {@code limit} or {@code cursor}) for a bad parameter
     */
    public SchedulerDescriptor describe(@Nullable String limit, @Nullable String cursor) {
        JobQuery query = JobsParameters.query(limit, cursor, null, null, null, null);
        try {
            return SchedulerDescriptor.of(this.scheduler, this.synchronizer, query);
        }
        catch (IllegalArgumentException ex) {
            throw JobsParameters.refused(ex);
        }
    }

    /**
     * One page of jobs, filtered in the stores (see {@link JobsParameters#query} for the parameters).
     *
     * @param query the page
     * @return the page
     * @throws InvalidOperationException (field {@code cursor} or {@code store}) for a cursor the listing did not write
     *     or an unknown store
     */
    public JobPage<Job> jobs(JobQuery query) {
        try {
            return this.scheduler.findJobs(query);
        }
        catch (IllegalArgumentException ex) {
            throw JobsParameters.refused(ex);
        }
    }

    /**
     * One job.
     *
     * @param id the job id
     * @return the job, empty when there is none
     */
    public Optional<JobDescriptor> job(String id) {
        return this.scheduler.getJob(id).map((job) -> LastRuns.describe(this.scheduler, job));
    }

    /**
     * One page of runs, newest first, from the run history of the jobs' stores.
     *
     * @param jobId the job whose runs to read (a removed job's too, until retention removes them), or {@code null}
     *     for runs across jobs
     * @param limit the most runs, 1 to {@value RunsParameters#MAX_LIMIT}, default {@value RunsParameters#DEFAULT_LIMIT}
     *     (untrusted text)
     * @param outcome the outcomes wanted, several separated by commas, any case, or {@code null} for all
     * @param since runs that finished at or after this ISO-8601 date-time with offset, or {@code null}
     * @param until runs that finished before this ISO-8601 date-time with offset, or {@code null}
     * @param after the {@code next} token of the previous page, or {@code null} for the first page
     * @return the page and the token of the next one
     * @throws InvalidOperationException (field: the parameter) for a bad parameter
     */
    public RunsDescriptor runs(@Nullable String jobId, @Nullable String limit, @Nullable String outcome,
            @Nullable String since, @Nullable String until, @Nullable String after) {
        RunQuery query = RunsParameters.apply(jobId == null ? RunQuery.all() : RunQuery.ofJob(jobId), limit, outcome, since,
                until, after);
        RunPage page = this.scheduler.findRuns(query);
        return RunsDescriptor.of(page.runs(), page.next());
    }

    /**
     * Pauses or resumes the whole scheduler.
     *
     * @param action {@code pause} or {@code resume} (any case, blanks around ignored)
     * @param actor who asks, for the log (e.g. {@code user 'admin' via dashboard})
     * @return the scheduler after the change
     * @throws InvalidOperationException (field {@code action}) when the action is missing or another one
     */
    public SchedulerDescriptor schedulerAction(@Nullable String action, String actor) {
        String name = action(action, SCHEDULER_ACTIONS);
        switch (name) {
            case "pause" -> this.scheduler.pause();
            case "resume" -> this.scheduler.resume();
            default -> throw new InvalidOperationException("action",
                    "action " + InputText.quote(action) + " is not a scheduler action; valid: " + SCHEDULER_ACTIONS);
        }
        logger.info("Scheduler {} by {}", pastTense(name), actor);
        return describe();
    }

    /**
     * Acts on one job.
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param trigger for {@code reschedule} only: the new trigger spec, a map or the text of a JSON object such as
     *     {@code {"type": "cron", "hour": "3"}} (at most {@value #MAX_TRIGGER_LENGTH} characters); values text or
     *     numbers, as in YAML
     * @param actor who asks, for the log
     * @return the job after the action; empty when it was removed (resumed with no further fire time)
     * @throws InvalidOperationException when the action is missing or unknown, {@code reschedule} has no
     *     {@code trigger}, the trigger is not a JSON object, another action has one, or the trigger spec is invalid
     *     (then the field is the spec key at fault, and the message the reason of {@code Triggers.fromSpec})
     * @throws JobNotFoundException when there is no such job
     */
    public Optional<JobDescriptor> jobAction(String id, @Nullable String action, @Nullable Object trigger, String actor) {
        return jobAction(id, action, trigger, actor, ACTUATOR_TRIGGER_FORM, RESCHEDULE_EXAMPLE);
    }

    /**
     * Acts on one job, as {@link #jobAction(String, String, Object, String)} does, with errors about the trigger
     * that show the caller's own body: the dashboard takes {@code {"trigger": {"type": "cron", "hour": "3"}}}, not
     * the actuator's {@code {"action": "reschedule", "trigger": "<JSON text>"}}.
     *
     * @param id the job id
     * @param action {@code pause}, {@code resume}, {@code run} or {@code reschedule}
     * @param trigger for {@code reschedule} only: the new trigger spec, a map or the text of a JSON object
     * @param actor who asks, for the log
     * @param triggerForm how the caller's body holds the trigger, e.g. {@code "as a JSON object"}
     * @param bodyExample a whole body of the caller's that reschedules, e.g. {@code {"trigger": {"type": "cron"}}}
     * @return the job after the action; empty when it was removed
     * @throws InvalidOperationException as {@link #jobAction(String, String, Object, String)}
     * @throws JobNotFoundException when there is no such job
     */
    public Optional<JobDescriptor> jobAction(String id, @Nullable String action, @Nullable Object trigger, String actor,
            String triggerForm, String bodyExample) {
        String name = action(action, JOB_ACTIONS);
        if (trigger != null && !name.equals("reschedule")) {
            throw new InvalidOperationException("trigger",
                    "'trigger' is only taken by action 'reschedule', not by " + InputText.quote(action));
        }
        if (this.scheduler.getJob(id).isEmpty()) {
            throw new JobNotFoundException(id);
        }
        try {
            Optional<Job> job = switch (name) {
                case "pause" -> Optional.of(this.scheduler.pauseJob(id));
                case "resume" -> this.scheduler.resumeJob(id);
                case "run" -> Optional.of(this.scheduler.modifyJob(id,
                        JobChanges.create().nextRunTime(this.scheduler.engine().clock().instant())));
                case "reschedule" -> Optional.of(this.scheduler.rescheduleJob(id, triggerSpec(trigger, triggerForm, bodyExample)));
                default -> throw new InvalidOperationException("action",
                        "action " + InputText.quote(action) + " is not a job action; valid: " + JOB_ACTIONS);
            };
            logger.info("Job {} {} by {}{}", InputText.quote(id), pastTense(name), actor,
                    job.map((changed) -> "; trigger " + changed.trigger() + ", next run time "
                            + changed.nextRunTime().map(Object::toString).orElse("none")).orElse("; removed (no further fire time)"));
            return job.map((changed) -> LastRuns.describe(this.scheduler, changed));
        }
        catch (InvalidTriggerSpecException ex) {
            throw new InvalidOperationException(ex.field(), "invalid trigger spec: " + ex.getMessage());
        }
        catch (JobLookupException ex) {
            throw new JobNotFoundException(id);
        }
    }

    /**
     * Removes a job.
     *
     * @param id the job id
     * @param actor who asks, for the log
     * @throws JobNotFoundException when there is no such job
     */
    public void removeJob(String id, String actor) {
        if (this.scheduler.getJob(id).isEmpty()) {
            throw new JobNotFoundException(id);
        }
        try {
            this.scheduler.removeJob(id);
        }
        catch (JobLookupException ex) {
            throw new JobNotFoundException(id);
        }
        logger.info("Job {} removed by {}", InputText.quote(id), actor);
    }

    /**
     * The trigger spec of a reschedule: a map (JMX, direct calls, a JSON body) or the text of a JSON object (Spring
     * Boot's web endpoints bind a request body to {@code Map<String, String>}, so a nested object cannot reach an
     * operation).
     */
    private static Map<String, ?> triggerSpec(@Nullable Object trigger, String form, String example) {
        if (trigger == null) {
            throw new InvalidOperationException("trigger",
                    "action 'reschedule' needs the new trigger spec under 'trigger', " + form + ", e.g. " + example);
        }
        Object spec = trigger;
        if (trigger instanceof CharSequence text) {
            if (text.length() > MAX_TRIGGER_LENGTH) {
                throw new InvalidOperationException("trigger",
                        "'trigger' is " + text.length() + " characters long; at most " + MAX_TRIGGER_LENGTH);
            }
            try {
                spec = SPEC_READER.readValue(text.toString());
            }
            catch (JacksonException ex) {
                throw new InvalidOperationException("trigger", "'trigger' is not a JSON object: " + InputText.quote(text)
                        + " (" + InputText.quote(ex.getOriginalMessage()) + "); e.g. " + example);
            }
        }
        if (!(spec instanceof Map<?, ?> map)) {
            throw new InvalidOperationException("trigger", "'trigger' must be a JSON object (a trigger spec), e.g. "
                    + example + "; got " + InputText.quote(trigger));
        }
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((key, value) -> keyed.put(String.valueOf(key), value));
        return keyed;
    }

    /** The action in lower case; a missing or blank one is an error listing {@code valid}. */
    private static String action(@Nullable String action, String valid) {
        if (action == null || action.isBlank()) {
            throw new InvalidOperationException("action", "'action' is missing; valid: " + valid);
        }
        return action.trim().toLowerCase(Locale.ROOT);
    }

    private static String pastTense(String action) {
        return switch (action) {
            case "run" -> "set to run now";
            case "pause" -> "paused";
            case "resume" -> "resumed";
            default -> action + "d";
        };
    }
}
