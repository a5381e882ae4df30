package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobDefaults;
import io.kairos.scheduler.JobOptions;

import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.JobArguments;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.IntervalTrigger;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Zones;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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

    private final Settings settings;

    private final TaskLookup tasks;

    private final FireTimes fireTimes;

    private final JobPlacement placement;

    public JobAssembler(Settings settings, TaskLookup tasks, FireTimes fireTimes) {
        this.settings = settings;
        this.tasks = tasks;
        this.fireTimes = fireTimes;
        this.placement = new JobPlacement(settings);
    }

    PendingJob assemble(JobRequest request) {
        Instant now = this.settings.clock.instant();
        StoredJob template = draft(request, InstantSource.fixed(now)).build();
        this.placement.checkExecutorAccepts(template);
        return new PendingJob(template, request.task(), request.conflictPolicy(), request.isNextRunTimeSet(), request.nextRunTime(),
                request.trigger() instanceof Trigger ? null : now);
    }

    /**
     * The job to store now for a request to a started scheduler: validated as {@link #assemble} validates it, and built
     * once, with its first run time (as {@link #firstRun(PendingJob, Instant)} gives it) and version 1 (the version a
     * store gives a job it adds), so no copy of it is made on the way to the store.
     *
     * @param request the request
     * @param now the scheduler clock, for a trigger spec's or a missing trigger's "now", the check that the trigger
     *     fires and the first run time of a trigger other than a date trigger; read only when one of them needs it (so
     *     not for a {@code date} trigger object without jitter); a caller that passes a clock reading once makes these
     *     agree on one time, so an {@code interval} spec without {@code start_date} first runs at its start, at once
     * @return the job, scheduled (or paused when added paused or when the trigger has no fire time)
     * @throws RuntimeException as {@link #assemble}
     */
    StoredJob assembleScheduled(JobRequest request, InstantSource now) {
        JobDraft draft = draft(request, now);
        // now's reading, the one a trigger made from a spec starts at: a later reading would give the start's next
        // interval boundary rather than the start itself
        FireTimes.Next first = firstRunTimes(Objects.requireNonNull(draft.trigger, "trigger"), draft.jitter,
                request.isNextRunTimeSet(), request.nextRunTime(), now);
        draft.schedule(first == null ? null : first.runTime(), first == null ? null : first.fireTime());
        draft.version = 1;
        StoredJob job = draft.build();
        this.placement.checkExecutorAccepts(job);
        return job;
    }

    /**
     * Validates a request (task, id, name, arguments, trigger, options, placement) into a draft without a run time
     * (paused, version 0), reading {@code now} only for a trigger spec, a missing trigger or the check that a trigger
     * other than a date trigger fires; the executor's veto ({@link JobPlacement#checkExecutorAccepts}) is left to the
     * caller, on the built job.
     */
    private JobDraft draft(JobRequest request, InstantSource now) {
        Task task = request.task() != null ? request.task() : this.tasks.resolve(null, request.taskName());
        JobDraft draft = new JobDraft();
        String id = request.id();
        draft.id = id == null ? JobIds.next() : JobFields.checkId(id);
        // an id the caller chose may be added again (a restart, another instance): it leaves a finished marker
        draft.keepsFinishedMarker = id != null;
        String name = request.name();
        draft.name = name == null ? task.name() : JobFields.checkName(name);
        draft.task = task.name();
        draft.args = request.args();
        draft.kwargs = request.kwargs();
        checkArguments(task, draft);
        draft.trigger = trigger(request.trigger(), now);
        if (!request.isNextRunTimeSet()) {
            requireFires(draft.trigger, now);
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
        this.placement.check(task, draft.executor, draft.jobstore);
        return draft;
    }

    private static boolean noJitter(@Nullable Duration jitter) {
        return jitter == null || jitter.isZero();
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
     * time at or after {@code now} with jitter; none = paused). An {@code interval} read from a spec without
     * {@code start_date} starts at the reading the spec was read at ({@link PendingJob#triggerRead}); stored later (added
     * before the start, or in a batch), it starts at {@code now} instead, so that it first runs at once, as it is
     * stored, and runs no fire time that passed in between.
     */
    StoredJob firstRun(PendingJob pending, Instant now) {
        StoredJob template = pending.template();
        Trigger trigger = Objects.requireNonNull(template.trigger(), "trigger");
        Trigger started = startedAt(trigger, pending.triggerRead(), now);
        if (started != trigger) {
            JobDraft draft = new JobDraft(template);
            draft.trigger = started;
            template = draft.build();
        }
        FireTimes.Next first = firstRunTimes(started, template.jitter(), pending.nextRunTimeSet(), pending.nextRunTime(),
                InstantSource.fixed(now));
        return template.withNextRunTime(first == null ? null : first.runTime(), first == null ? null : first.fireTime());
    }

    // the interval started at 'now' when it started at the reading of its spec, earlier, and has not ended by now
    private static Trigger startedAt(Trigger trigger, @Nullable Instant read, Instant now) {
        if (read == null || !read.isBefore(now) || !(trigger instanceof IntervalTrigger interval)
                || !interval.startDate().toInstant().equals(read) || interval.endDate().filter((end) -> end.toInstant().isBefore(now)).isPresent()) {
            return trigger;
        }
        return new IntervalTrigger(interval.interval(), now.atZone(interval.timezone()), interval.endDate().orElse(null), interval.timezone(),
                interval.jitter());
    }

    /**
     * A job's first run and fire times: the given run time (for both; none = paused), else for a date trigger without
     * jitter its run time, as {@link FireTimes#next} gives it for an unfired date trigger (a date trigger has no jitter
     * of its own) without the zoned date-times, else the trigger's first fire time at or after {@code now} with the
     * job's jitter; {@code null} when there is none. {@code clock} is read only in the last case.
     */
    private FireTimes.@Nullable Next firstRunTimes(Trigger trigger, @Nullable Duration jitter, boolean nextRunTimeSet,
            @Nullable Instant nextRunTime, InstantSource clock) {
        if (nextRunTimeSet) {
            return nextRunTime == null ? null : new FireTimes.Next(nextRunTime, nextRunTime);
        }
        if (trigger instanceof DateTrigger date && noJitter(jitter)) {
            return new FireTimes.Next(date.runTime(), date.runTime());
        }
        return this.fireTimes.next(trigger, jitter, null, clock.instant()).orElse(null);
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
        return apply(job, changes, schedule, this.settings.clock);
    }

    /**
     * {@link #apply(StoredJob, JobChanges, boolean)} with the clock {@code now}, read once when the changes give a
     * trigger: the start of a trigger spec that leaves it to "now", and the time the new trigger must fire at or after.
     */
    StoredJob apply(StoredJob job, JobChanges changes, boolean schedule, InstantSource now) {
        JobDraft draft = new JobDraft(job);
        if (changes.name() != null) {
            draft.name = JobFields.checkName(changes.name());
        }
        if (changes.args() != null) {
            draft.args = changes.args();
        }
        if (changes.kwargs() != null) {
            draft.kwargs = changes.kwargs();
        }
        if (changes.trigger() != null) {
            InstantSource read = InstantSource.fixed(now.instant());
            draft.trigger = trigger(changes.trigger(), read);
            if (!(changes.isNextRunTimeSet() && changes.nextRunTime() == null)) {
                requireFires(draft.trigger, read);
            }
        }
        JobOptions options = changes.options();
        applyOptions(draft, options);
        boolean executorChanged = options.isSet(JobOptions.Option.EXECUTOR);
        if (changes.args() != null || changes.kwargs() != null || executorChanged) {
            Task task = this.tasks.resolve(job.id(), job.task());
            checkArguments(task, draft);
            this.placement.check(task, draft.executor, draft.jobstore);
        }
        if (schedule && changes.isNextRunTimeSet()) {
            draft.schedule(changes.nextRunTime(), changes.nextRunTime());
        }
        StoredJob changed = draft.build();
        if (executorChanged || options.isSet(JobOptions.Option.TIMEOUT)) {
            this.placement.checkExecutorAccepts(changed);
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
     * @param clock the scheduler clock, read (as now) only for a trigger other than a date trigger
     * @throws InvalidTriggerSpecException when the trigger never fires after now
     */
    static void requireFires(Trigger trigger, InstantSource clock) {
        if (trigger instanceof DateTrigger) {
            return;
        }
        Instant now = clock.instant();
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

    /**
     * Reads the scheduler's clock once, for a caller that shares the reading between a trigger spec's "now"
     * ({@link #trigger(Object, InstantSource)}) and the first run time the trigger is looked up at.
     */
    Instant readClock() {
        return this.settings.clock.instant();
    }

    /** A trigger as given, read from a spec, or a date trigger for now when none is given; {@code now} read only then. */
    Trigger trigger(@Nullable Object triggerOrSpec, InstantSource now) {
        if (triggerOrSpec instanceof Trigger trigger) {
            return trigger;
        }
        if (triggerOrSpec instanceof Map<?, ?> spec) {
            Map<String, Object> copy = new LinkedHashMap<>();
            spec.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return TriggerSpecs.fromSpec(copy, this.settings.timezone, now.instant());
        }
        // no trigger: run once, now (APScheduler's default)
        return new DateTrigger(now.instant(), this.settings.timezone);
    }

    /** Checks that the executor and store exist and accept the task ({@link JobPlacement#check}). */
    void checkPlacement(Task task, String executorAlias, String storeAlias) {
        this.placement.check(task, executorAlias, storeAlias);
    }

    private static void checkArguments(Task task, JobDraft draft) {
        JobArguments.requireJsonCompatible(draft.args, draft.kwargs);
        task.checkArguments(draft.args, draft.kwargs);
    }
}
