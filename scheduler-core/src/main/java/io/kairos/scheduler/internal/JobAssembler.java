package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobDefaults;
import io.kairos.scheduler.JobOptions;

import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.JobArguments;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.Tasks;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Zones;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * Validates job requests and changes at add time (task, arguments, JSON-ability, trigger, aliases, executor
 * veto, stable task name for shared stores, policies) and computes first run times. Thread-safe (reads settings
 * that change only while stopped).
 */
public final class JobAssembler {

    static final String DEFAULT = "default";

    /** Stands in, for {@link JobExecutor#checkJob}, for the default executor created at start (never started). */
    private static final JobExecutor DEFAULT_EXECUTOR_RULES = new ThreadPoolJobExecutor();

    /** What a valid job id is, as errors say it. */
    static final String ID_RULE = "valid: 1 to 191 characters, not blank, not '.' or '..', without '/', '\\' or control"
            + " characters (U+0000 to U+001F, U+007F to U+009F), e.g. 'order-timeout-42'";

    private final Settings settings;

    private final TaskLookup tasks;

    private final FireTimes fireTimes;

    public JobAssembler(Settings settings, TaskLookup tasks, FireTimes fireTimes) {
        this.settings = settings;
        this.tasks = tasks;
        this.fireTimes = fireTimes;
    }

    PendingJob assemble(JobRequest request) {
        Task task = request.task() != null ? request.task() : this.tasks.resolve(null, request.taskName());
        JobDraft draft = new JobDraft();
        draft.id = request.id() == null ? JobIds.next() : checkId(request.id());
        // an id the caller chose may be added again (a restart, another instance): it leaves a finished marker
        draft.keepsFinishedMarker = request.id() != null;
        draft.name = request.name() == null ? task.name() : checkName(request.name());
        draft.task = task.name();
        draft.args = request.args();
        draft.kwargs = request.kwargs();
        checkArguments(task, draft);
        draft.trigger = trigger(request.trigger());
        if (!request.isNextRunTimeSet()) {
            requireFires(draft.trigger);
        }
        JobDefaults defaults = this.settings.jobDefaults;
        draft.executor = DEFAULT;
        draft.jobstore = Objects.requireNonNull(request.options().jobstoreOr(DEFAULT));
        draft.misfireGraceTime = defaults.misfireGraceTime();
        draft.coalesce = defaults.coalesce();
        draft.maxInstances = defaults.maxInstances();
        draft.jitter = defaults.jitter();
        draft.retry = defaults.retry();
        applyOptions(draft, request.options());
        checkPlacement(task, draft.executor, draft.jobstore);
        StoredJob template = draft.build();
        checkExecutorAccepts(template);
        return new PendingJob(template, request.task(), request.conflictPolicy(), request.isNextRunTimeSet(), request.nextRunTime());
    }

    /** Sets on a draft the options that are set; the others keep the draft's values (the defaults, or the job's). */
    private static void applyOptions(JobDraft draft, JobOptions options) {
        draft.executor = Objects.requireNonNull(options.executorOr(draft.executor));
        draft.misfireGraceTime = options.misfireGraceTimeOr(draft.misfireGraceTime);
        draft.coalesce = options.coalesceOr(draft.coalesce);
        draft.maxInstances = options.maxInstancesOr(draft.maxInstances);
        draft.jitter = options.jitterOr(draft.jitter);
        draft.timeout = options.timeoutOr(draft.timeout);
        draft.retry = options.retryOr(draft.retry);
    }

    /**
     * The job to store now: the template with its first run time (the given one, or the trigger's first fire
     * time with jitter; none = paused).
     */
    StoredJob firstRun(PendingJob pending, Instant now) {
        StoredJob template = pending.template();
        if (pending.nextRunTimeSet()) {
            return template.withNextRunTime(pending.nextRunTime(), pending.nextRunTime());
        }
        if (template.trigger() instanceof DateTrigger date && (template.jitter() == null || template.jitter().isZero())) {
            // what FireTimes.next gives for an unfired date trigger without jitter (a date trigger has none of its
            // own), without the zoned date-times; the job shares the trigger's instant for both times
            return template.withNextRunTime(date.runTime(), date.runTime());
        }
        Optional<FireTimes.Next> next = this.fireTimes.next(Objects.requireNonNull(template.trigger(), "trigger"),
                template.jitter(), null, now);
        if (next.isEmpty()) {
            return template.withNextRunTime(null, null);
        }
        return template.withNextRunTime(next.get().runTime(), next.get().fireTime());
    }

    /** Applies changes to a stored job, validating them as at add time. */
    StoredJob apply(StoredJob job, JobChanges changes) {
        return apply(job, changes, true);
    }

    /**
     * Applies changes to a job, validating them as at add time; a pending job's template leaves a changed next run
     * time out ({@code schedule == false}): the pending job keeps it beside the template.
     */
    StoredJob apply(StoredJob job, JobChanges changes, boolean schedule) {
        JobDraft draft = new JobDraft(job);
        if (changes.name() != null) {
            draft.name = checkName(changes.name());
        }
        if (changes.args() != null) {
            draft.args = changes.args();
        }
        if (changes.kwargs() != null) {
            draft.kwargs = changes.kwargs();
        }
        if (changes.trigger() != null) {
            draft.trigger = trigger(changes.trigger());
            if (!(changes.isNextRunTimeSet() && changes.nextRunTime() == null)) {
                requireFires(draft.trigger);
            }
        }
        JobOptions options = changes.options();
        applyOptions(draft, options);
        boolean executorChanged = options.isSet(JobOptions.Option.EXECUTOR);
        if (changes.args() != null || changes.kwargs() != null || executorChanged) {
            Task task = this.tasks.resolve(job.id(), job.task());
            checkArguments(task, draft);
            checkPlacement(task, draft.executor, draft.jobstore);
        }
        if (schedule && changes.isNextRunTimeSet()) {
            draft.schedule(changes.nextRunTime(), changes.nextRunTime());
        }
        StoredJob changed = draft.build();
        if (executorChanged || options.isSet(JobOptions.Option.TIMEOUT)) {
            checkExecutorAccepts(changed);
        }
        return changed;
    }

    /** A job with a trigger and the trigger's first run time after now (none = paused): resuming a job. */
    StoredJob schedule(StoredJob job, Trigger trigger, Instant now) {
        JobDraft draft = new JobDraft(job);
        draft.trigger = trigger;
        Optional<FireTimes.Next> next = this.fireTimes.next(trigger, draft.jitter, null, now);
        return draft.schedule(next.map(FireTimes.Next::runTime).orElse(null), next.map(FireTimes.Next::fireTime).orElse(null)).build();
    }

    /**
     * A job with a new trigger and the trigger's first run time after now (APScheduler's {@code reschedule_job}).
     *
     * @throws InvalidTriggerSpecException when the trigger never fires after now
     */
    StoredJob reschedule(StoredJob job, Trigger trigger, Instant now) {
        StoredJob rescheduled = schedule(job, trigger, now);
        if (rescheduled.nextRunTime() == null) {
            throw neverFires(trigger, now);
        }
        return rescheduled;
    }

    /**
     * Refuses a trigger that has no fire time at or after now: a job with it would sit paused for good (APScheduler
     * stores it so, silently). A job is added with such a trigger only when it is added paused on purpose
     * ({@link JobRequest#paused()}, or {@link JobChanges#nextRunTime} {@code null} with the new trigger). A
     * {@code date} trigger always fires (a past run date fires at once), so it is not asked.
     *
     * @throws InvalidTriggerSpecException when the trigger never fires after now
     */
    void requireFires(Trigger trigger) {
        if (trigger instanceof DateTrigger) {
            return;
        }
        Instant now = this.settings.clock.instant();
        if (trigger.nextFireTime(null, Zones.atZone(now, trigger.timezone())).isEmpty()) {
            throw neverFires(trigger, now);
        }
    }

    // names end_date when the end date has passed (the cause), else the whole trigger
    private static InvalidTriggerSpecException neverFires(Trigger trigger, Instant now) {
        Optional<ZonedDateTime> passed = trigger.endDate().filter((end) -> end.toInstant().isBefore(now));
        String ended = passed.map((end) -> " (its end date " + end.toOffsetDateTime() + " has passed)").orElse("");
        String message = "trigger " + InputText.shorten(trigger) + " never fires: it has no fire time at or after " + now + ended
                + "; valid: a trigger that fires after now, or add the job paused on purpose (JobRequest.paused(); with "
                + "modifyJob, JobChanges.nextRunTime(null))";
        return passed.isPresent() ? new InvalidTriggerSpecException("end_date", passed.get(), message)
                : new InvalidTriggerSpecException(null, trigger, message);
    }

    Trigger trigger(@Nullable Object triggerOrSpec) {
        if (triggerOrSpec instanceof Trigger trigger) {
            return trigger;
        }
        if (triggerOrSpec instanceof Map<?, ?> spec) {
            Map<String, Object> copy = new LinkedHashMap<>();
            spec.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return TriggerSpecs.fromSpec(copy, this.settings.timezone, this.settings.clock.instant());
        }
        // no trigger: run once, now (APScheduler's default)
        return new DateTrigger(this.settings.clock.instant(), this.settings.timezone);
    }

    /** Checks that the executor and store exist (or are the defaults created at start) and accept the task. */
    void checkPlacement(Task task, String executorAlias, String storeAlias) {
        JobExecutor executor = this.settings.components.executors().get(executorAlias);
        if (executor == null && !executorAlias.equals(DEFAULT)) {
            throw new IllegalArgumentException("No executor by the alias of '" + executorAlias + "'; known executors: "
                    + this.settings.components.executors().keySet() + " (and 'default', created at start when missing)");
        }
        if (executor != null) {
            executor.checkTask(task);
        }
        JobStore store = this.settings.components.stores().get(storeAlias);
        if (store == null && !storeAlias.equals(DEFAULT)) {
            throw new IllegalArgumentException("No job store by the alias of '" + storeAlias + "'; known job stores: "
                    + this.settings.components.stores().keySet() + " (and 'default', created at start when missing)");
        }
        if (store != null && store.isShared() && !task.hasStableName()) {
            throw new IllegalArgumentException(Tasks.unstableNameMessage(task, storeAlias));
        }
    }

    /**
     * Lets the job's executor veto its options ({@link JobExecutor#checkJob}); the default executor, when it is
     * still to be created at start, is a thread pool.
     */
    private void checkExecutorAccepts(StoredJob job) {
        JobExecutor executor = this.settings.components.executors().get(job.executor());
        if (executor == null && job.executor().equals(DEFAULT)) {
            executor = DEFAULT_EXECUTOR_RULES;
        }
        if (executor != null) {
            executor.checkJob(job);
        }
    }

    private static void checkArguments(Task task, JobDraft draft) {
        JobArguments.requireJsonCompatible(draft.args, draft.kwargs);
        task.checkArguments(draft.args, draft.kwargs);
    }

    /**
     * Checks a job id the caller chose (every add, so {@code addJob}, {@code addJobs} and {@code importJobs}): not
     * blank, at most 191 characters, not {@code .} or {@code ..}, and without {@code /}, {@code \} or ISO control
     * characters. A job id is a path segment of the actuator and dashboard URLs: Tomcat refuses an encoded {@code /}
     * or {@code \} in a path before any application code sees it, and browsers and HTTP clients resolve the dot
     * segments {@code .} and {@code ..} away (even encoded as {@code %2E}), so such a job could be added but not
     * reached over HTTP. Jobs already stored with such ids are not checked: they load, list and run as before.
     */
    static String checkId(String id) {
        if (id.isBlank() || id.length() > 191) {
            throw new IllegalArgumentException("id " + quoteId(id) + " is not a valid job id: it is "
                    + (id.isBlank() ? "blank" : id.length() + " characters long") + "; " + ID_RULE);
        }
        if (id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("id " + quoteId(id) + " is not a valid job id: it is a dot segment, which"
                    + " browsers and HTTP clients resolve away in a URL path (a job id is a path segment of the actuator and"
                    + " dashboard URLs); " + ID_RULE);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("id " + quoteId(id) + " is not a valid job id: it holds " + describe(c)
                        + " at index " + i + " (a job id is a path segment of the actuator and dashboard URLs); " + ID_RULE);
            }
        }
        return id;
    }

    /** A job id quoted for a message, each control character written as a backslash, {@code u} and four hex digits. */
    private static String quoteId(String id) {
        StringBuilder visible = new StringBuilder(id.length());
        id.chars().forEach((c) -> {
            if (Character.isISOControl(c)) {
                visible.append(String.format("\\u%04X", c));
            }
            else {
                visible.append((char) c);
            }
        });
        return InputText.quote(visible);
    }

    private static String describe(char c) {
        return Character.isISOControl(c) ? String.format("the control character U+%04X", (int) c) : "'" + c + "'";
    }

    /**
     * Checks a job name the caller chose (at add and modify; a name defaulted from the task name is not checked): not
     * blank and at most {@value JobRequest#MAX_NAME_LENGTH} characters. Jobs already stored with longer names load as
     * before.
     */
    private static String checkName(String name) {
        String checked = checkText("name", name);
        if (checked.length() > JobRequest.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name " + InputText.quote(checked) + " is too long; valid: 1 to "
                    + JobRequest.MAX_NAME_LENGTH + " characters, not blank (a label for lists, logs and the dashboard; keep"
                    + " longer text in the job's arguments)");
        }
        return checked;
    }

    private static String checkText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string, got '" + value + "'");
        }
        return value;
    }
}
