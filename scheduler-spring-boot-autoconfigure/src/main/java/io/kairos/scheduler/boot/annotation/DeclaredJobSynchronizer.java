package io.kairos.scheduler.boot.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobDefaults;
import io.kairos.scheduler.JobOptions;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.trigger.CronTrigger;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Triggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link ScheduledJob} declarations to the job stores at start-up: an upsert by job id.
 * <ul>
 * <li>A declaration whose job is absent is added, unless its job already ran to the end: a declared job whose
 * trigger has no fire time left (a {@code date} job that ran, an interval or cron with an end date that passed)
 * leaves a finished marker in its store ({@link JobState#FINISHED}, kept for {@code kairos.finished-job-retention}).
 * A declaration whose trigger equals the marker's is not added again, so a one-shot job runs once per id across
 * restarts and instances; a declaration with another trigger (a new {@code date}) replaces the marker and is
 * scheduled again. Other changes (name, executor, policies, even the task) do not bring a finished job back.</li>
 * <li>A declaration equal to its stored job (same task, name, trigger, executor and policies) leaves the job
 * alone: it keeps its stored next run time (and its paused state), so a restart neither adds a run nor loses
 * one.</li>
 * <li>A changed declaration modifies the job; a changed trigger reschedules it (a new next run time from the new
 * trigger, as APScheduler's {@code reschedule_job}).</li>
 * <li>A stored job that was declared (its name starts with {@value #DECLARED_NAME_PREFIX}) but has no declaration
 * any more is <em>not</em> removed: it is logged at WARN and listed by {@link #undeclaredJobs()} (and by the
 * actuator endpoint), so an operator decides.</li>
 * </ul>
 * Every declaration is checked (trigger, store and executor aliases) before anything is written, so a bad one
 * leaves the stores untouched; only a trigger that never fires is found as its job is written (a finished job's
 * trigger is allowed to have no fire time left), so declarations before it may have been written.
 *
 * <p><b>How declared jobs are recognised.</b> The job's stored name is the declared name (default the task name)
 * prefixed with {@value #DECLARED_NAME_PREFIX}, e.g. {@code @reports.nightly}. Do not start the names of jobs you
 * add at run time with it. Several instances starting at once converge: adds use
 * {@link ConflictPolicy#KEEP_EXISTING}.
 *
 * <p>Thread-safe for one {@link #synchronize} at a time (called from the lifecycle's start).
 */
public final class DeclaredJobSynchronizer {

    /** The prefix of the stored name of every declared job. */
    public static final String DECLARED_NAME_PREFIX = "@";

    private static final Logger logger = LoggerFactory.getLogger(DeclaredJobSynchronizer.class);

    private static final Map<String, String> ATTRIBUTES = Map.of("expression", "cron", "run_date", "date", "seconds",
            "interval", "day_of_week", "dayOfWeek", "start_date", "startDate", "end_date", "endDate");

    private volatile List<Job> undeclared = List.of();

    /**
     * Checks every declaration, then upserts them, then looks for declared jobs without a declaration.
     *
     * @param engine the scheduler, started (paused) so its stores are open
     * @param declarations the declarations
     * @throws ScheduledJobDeclarationException when a declaration names an unknown store or executor, or its trigger
     *     is invalid (nothing has been written then), or its trigger never fires (naming the attribute that gives
     *     the trigger, e.g. {@code cron}, or {@code endDate} when that has passed)
     */
    public void synchronize(Scheduler engine, List<ScheduledJobDefinition> declarations) {
        Map<ScheduledJobDefinition, Trigger> triggers = new LinkedHashMap<>();
        for (ScheduledJobDefinition definition : declarations) {
            checkAlias(definition, "jobstore", definition.options().jobstoreOr(null), engine.jobStores().keySet());
            checkAlias(definition, "executor", definition.options().executorOr(null), engine.executors().keySet());
            triggers.put(definition, trigger(definition, engine));
        }
        triggers.forEach((definition, trigger) -> {
            try {
                upsert(engine, definition, trigger);
            }
            catch (InvalidTriggerSpecException ex) {
                // the scheduler refuses a trigger that never fires (no fire time at or after now) when it is written
                throw declarationError(definition, ex, true);
            }
        });
        Set<String> ids = declarations.stream().map(ScheduledJobDefinition::id).collect(Collectors.toSet());
        List<Job> orphans = new ArrayList<>();
        // page through the stores: a store of a million jobs is read a thousand at a time, never held whole
        JobQuery everyJob = JobQuery.all().withLimit(JobQuery.MAX_LIMIT);
        for (JobPage<Job> page = engine.findJobs(everyJob); ; page = engine.findJobs(everyJob.after(page.next()))) {
            page.jobs().stream()
                .filter((job) -> job.name().startsWith(DECLARED_NAME_PREFIX) && !ids.contains(job.id()))
                .forEach(orphans::add);
            if (page.next() == null) {
                break;
            }
        }
        orphans.forEach((job) -> logger.warn("Job '{}' in store '{}' (task {}) was declared with @ScheduledJob, but no "
                + "bean declares it any more; it is kept. Remove it (DELETE /actuator/scheduler/{}) or declare it again",
                job.id(), job.jobstore(), job.task(), job.id()));
        this.undeclared = List.copyOf(orphans);
    }

    /**
     * The stored jobs that were declared but have no declaration any more, as found by the last
     * {@link #synchronize}.
     *
     * @return the jobs, immutable
     */
    public List<Job> undeclaredJobs() {
        return this.undeclared;
    }

    private void upsert(Scheduler engine, ScheduledJobDefinition definition, Trigger trigger) {
        String store = definition.options().jobstoreOr("default");
        String name = DECLARED_NAME_PREFIX + definition.name();
        Optional<Job> existing = engine.getJob(definition.id(), store);
        if (existing.isEmpty()) {
            Job added = engine.addJob(request(definition, name, trigger, trigger, store));
            if (added.state() == JobState.FINISHED) {
                replaceIfRedeclared(engine, definition, trigger, added, name, store);
            }
            else {
                logger.debug("Added declared job '{}' ({})", definition.id(), definition.source());
            }
            return;
        }
        Job job = existing.get();
        if (!job.task().equals(definition.task())) {
            engine.removeJob(definition.id(), store);
            engine.addJob(request(definition, name, trigger, trigger, store));
            logger.info("Replaced job '{}': its task changed from {} to {}", definition.id(), job.task(), definition.task());
            return;
        }
        Trigger effective = anchored(engine, definition, trigger, job);
        JobChanges changes = changes(engine.jobDefaults(), definition, name, job);
        if (changes != null) {
            engine.modifyJob(definition.id(), store, changes);
        }
        boolean rescheduled = !effective.equals(job.trigger());
        if (rescheduled) {
            if (effective == trigger) {
                // the declaration's own spec, read by the scheduler: see request()
                engine.rescheduleJob(definition.id(), store, definition.triggerSpec());
            }
            else {
                engine.rescheduleJob(definition.id(), store, effective);
            }
        }
        if (changes != null || rescheduled) {
            logger.info("Updated declared job '{}' to match {}{}", definition.id(), definition.source(),
                    rescheduled ? " (new trigger, rescheduled)" : "");
        }
    }

    /**
     * The declared job already ran to the end ({@code finished} is its marker): schedules it again when its trigger
     * changed. The add uses {@link ConflictPolicy#ERROR}, which replaces a marker but not a job, so an instance that
     * starts at the same time and added it first is not overridden.
     */
    private static void replaceIfRedeclared(Scheduler engine, ScheduledJobDefinition definition, Trigger trigger, Job finished,
            String name, String store) {
        Trigger effective = anchored(engine, definition, trigger, finished);
        if (effective.equals(finished.trigger())) {
            logger.debug("Declared job '{}' ({}) already ran its last fire time; not added again", definition.id(),
                    definition.source());
            return;
        }
        try {
            engine.addJob(request(definition, name, trigger, effective, store).conflictPolicy(ConflictPolicy.ERROR));
            logger.info("Declared job '{}' ran before with another trigger; scheduled again to match {}", definition.id(),
                    definition.source());
        }
        catch (ConflictingJobIdException ex) {
            logger.debug("Declared job '{}' was scheduled again by another instance", definition.id());
        }
    }

    /**
     * The request that adds a declared job. When {@code effective} is the trigger read from the declaration
     * ({@code declared}), the request gives the declaration's spec rather than the trigger, so the scheduler reads it
     * with the clock reading it looks the first run time up at: an interval without a start date first runs at once
     * (the trigger read from the spec earlier, to check it, would give its next interval boundary).
     */
    private static JobRequest request(ScheduledJobDefinition definition, String name, Trigger declared, Trigger effective,
            String store) {
        JobRequest request = JobRequest.of(definition.task()).id(definition.id()).name(name);
        if (effective == declared) {
            request.trigger(definition.triggerSpec());
        }
        else {
            request.trigger(effective);
        }
        return request.options(definition.options()).jobstore(store).conflictPolicy(ConflictPolicy.KEEP_EXISTING);
    }

    /**
     * The changes (other than the trigger) that make {@code job} match the declaration, or {@code null} when it
     * matches already.
     */
    private static JobChanges changes(JobDefaults defaults, ScheduledJobDefinition definition, String name, Job job) {
        JobChanges changes = JobChanges.create();
        boolean changed = false;
        if (!job.name().equals(name)) {
            changes.name(name);
            changed = true;
        }
        JobOptions options = definition.options();
        String executor = options.executorOr("default");
        if (!job.executor().equals(executor)) {
            changes.executor(executor);
            changed = true;
        }
        boolean coalesce = options.coalesceOr(defaults.coalesce());
        if (job.coalesce() != coalesce) {
            changes.coalesce(coalesce);
            changed = true;
        }
        int maxInstances = options.maxInstancesOr(defaults.maxInstances());
        if (job.maxInstances() != maxInstances) {
            changes.maxInstances(maxInstances);
            changed = true;
        }
        Duration grace = options.misfireGraceTimeOr(defaults.misfireGraceTime());
        if (!Objects.equals(job.misfireGraceTime().orElse(null), grace)) {
            changes.misfireGraceTime(grace);
            changed = true;
        }
        Duration jitter = options.jitterOr(defaults.jitter());
        if (!Objects.equals(job.jitter().orElse(null), jitter)) {
            changes.jitter(jitter);
            changed = true;
        }
        Duration timeout = options.timeoutOr(null);
        if (!Objects.equals(job.timeout().orElse(null), timeout)) {
            changes.timeout(timeout);
            changed = true;
        }
        RetryPolicy retry = options.retryOr(defaults.retry());
        if (!job.retry().equals(retry)) {
            changes.retry(retry);
            changed = true;
        }
        return changed ? changes : null;
    }

    /**
     * The declared trigger with the stored job's start date when the declaration gives none: an interval trigger's
     * default start date is the moment its spec is read, which differs at every start-up and would otherwise make
     * every restart a change (and lose the stored next run time).
     */
    private static Trigger anchored(Scheduler engine, ScheduledJobDefinition definition, Trigger trigger, Job job) {
        Object type = definition.triggerSpec().get("type");
        Object storedStart = job.trigger() != null ? job.trigger().toSpec().get("start_date") : null;
        if (definition.triggerSpec().containsKey("start_date") || storedStart == null
                || !("interval".equals(type) || "calendarinterval".equals(type))
                || !type.equals(job.trigger().toSpec().get("type"))) {
            return trigger;
        }
        Map<String, Object> spec = new LinkedHashMap<>(definition.triggerSpec());
        spec.put("start_date", storedStart);
        return fromSpec(spec, engine);
    }

    private static Trigger fromSpec(Map<String, ?> spec, Scheduler engine) {
        if (CronTrigger.TYPE.equals(spec.get("type"))) {
            return CronTrigger.fromSpec(spec, engine.timezone());
        }
        return Triggers.fromSpec(spec, engine.timezone(), engine.clock());
    }

    private static void checkAlias(ScheduledJobDefinition definition, String attribute, String alias, Set<String> valid) {
        String value = Objects.requireNonNullElse(alias, "default");
        if (!valid.contains(value)) {
            throw new ScheduledJobDeclarationException(definition.source(), attribute, value,
                    "names no configured " + (attribute.equals("jobstore") ? "job store" : "executor"),
                    "Valid values: " + String.join(", ", sortedCopy(valid)) + " (configure more under kairos."
                            + (attribute.equals("jobstore") ? "jobstores" : "executors") + ".<alias>)",
                    null);
        }
    }

    private static Trigger trigger(ScheduledJobDefinition definition, Scheduler engine) {
        try {
            return fromSpec(definition.triggerSpec(), engine);
        }
        catch (InvalidTriggerSpecException ex) {
            throw declarationError(definition, ex, false);
        }
    }

    /**
     * The declaration's error for a trigger the core refuses. An error about one field names that attribute (an end
     * date that has passed is one: the core names {@code end_date}); an error about the whole trigger when its job is
     * written (it never fires) names the attribute that gives the trigger form ({@code cron}, {@code interval}, or
     * the cron fields).
     *
     * @param written whether the core refused the trigger as its job was written (it never fires), not as the
     *     trigger was built from the spec
     */
    private static ScheduledJobDeclarationException declarationError(ScheduledJobDefinition definition,
            InvalidTriggerSpecException ex, boolean written) {
        Map<String, Object> spec = definition.triggerSpec();
        String field = ex.field();
        if (field != null) {
            String attribute = ATTRIBUTES.getOrDefault(field, field);
            // the value as the declaration gave it, else as the core saw it
            Object value = spec.containsKey(field) ? spec.get(field) : ex.value();
            return new ScheduledJobDeclarationException(definition.source(), attribute, value,
                    "is not a valid trigger: " + ex.getMessage(), "Fix the attribute; the reason lists what is valid", ex);
        }
        String attribute;
        Object value;
        if (spec.containsKey(ScheduledJobParser.CRON_EXPRESSION_KEY)) {
            attribute = "cron";
            value = spec.get(ScheduledJobParser.CRON_EXPRESSION_KEY);
        }
        else if ("interval".equals(spec.get("type"))) {
            attribute = "interval";
            value = spec.get("seconds") + " seconds";
        }
        else {
            attribute = "cron fields";
            value = cronFields(spec);
        }
        if (!written) {
            return new ScheduledJobDeclarationException(definition.source(), attribute, value,
                    "is not a valid trigger: " + ex.getMessage(), "Fix the attribute; the reason lists what is valid", ex);
        }
        return new ScheduledJobDeclarationException(definition.source(), attribute, value,
                "makes a trigger that never fires: it has no fire time from now on",
                "Give a " + attribute + " that has a fire time from now on (a day that exists in the months given, "
                        + "e.g. not February 30)", ex);
    }

    private static String cronFields(Map<String, Object> spec) {
        StringBuilder fields = new StringBuilder();
        spec.forEach((key, value) -> {
            if (!key.equals("type") && !key.equals("start_date") && !key.equals("end_date") && !key.equals("timezone")) {
                fields.append(fields.isEmpty() ? "" : ", ").append(ATTRIBUTES.getOrDefault(key, key)).append('=').append(value);
            }
        });
        return fields.toString();
    }

    private static List<String> sortedCopy(Set<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted;
    }
}
