package io.kairos.scheduler;

import io.kairos.scheduler.internal.ComponentLifecycle;
import io.kairos.scheduler.internal.JobAssembler;
import io.kairos.scheduler.internal.JobListing;
import io.kairos.scheduler.internal.PendingJobs;
import io.kairos.scheduler.internal.SchedulerJobs;
import io.kairos.scheduler.internal.SchedulerRuntime;
import io.kairos.scheduler.internal.Settings;

import io.kairos.scheduler.event.EventListener;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.internal.EventDispatcher;
import io.kairos.scheduler.internal.FireTimes;
import io.kairos.scheduler.internal.RunHistoryReader;
import io.kairos.scheduler.internal.TaskLookup;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.JobStoreStatus;
import io.kairos.scheduler.task.InvalidJobArgumentsException;
import io.kairos.scheduler.task.UnknownTaskException;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import io.kairos.scheduler.trigger.Trigger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;


/**
 * The scheduler: composes job stores, executors, listeners and a clock, and runs the main loop (DESIGN.md). The
 * one type users touch; its methods carry APScheduler 3's names in Java form ({@code add_job} is
 * {@link #addJob(JobRequest)}, {@code BlockingScheduler.start()} is {@link #startBlocking()}).
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.builder().build();
 * scheduler.taskRegistry().register("reports.daily", () -> ...);
 * scheduler.addJob(JobRequest.of("reports.daily").trigger(Map.of("type", "cron", "hour", 3)));
 * scheduler.startBlocking();   // or start() to run in the background
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link SchedulerState#STOPPED} → {@link #start()} → {@link SchedulerState#RUNNING} ⇄
 * {@link SchedulerState#PAUSED} → {@link #shutdown(boolean)} → stopped (and startable again). Jobs added while
 * stopped are <em>pending</em> and stored at start.
 *
 * <p><b>Errors at add time.</b> Unknown task, arguments that do not fit the task or are not JSON values, an
 * invalid trigger spec, an unknown executor or store alias, a task without a stable name for a shared store, a
 * task the executor vetoes, and a duplicate id (also among pending jobs) all fail in {@link #addJob} — not at the
 * first run.
 *
 * <p><b>Thread-safety.</b> All methods may be called from any thread, including from running jobs and
 * listeners. Lifecycle methods ({@code start}, {@code shutdown}, {@code configure}) are serialized; job methods
 * run concurrently against the thread-safe stores. Listeners are called synchronously (see
 * {@link SchedulerEvent}).
 */
public final class Scheduler implements AutoCloseable {

    private final Settings settings;

    private final EventDispatcher events = new EventDispatcher();

    private final SchedulerRuntime runtime;

    private final ComponentLifecycle components;

    private final SchedulerJobs<Job> jobs;

    private final JobListing<Job> listing;

    private final RunHistoryReader history;

    Scheduler(Settings settings) {
        this.settings = settings;
        TaskLookup tasks = new TaskLookup(settings.taskRegistry);
        FireTimes fireTimes = new FireTimes(settings.random);
        JobAssembler assembler = new JobAssembler(settings, tasks, fireTimes);
        PendingJobs pending = new PendingJobs(assembler);
        this.runtime = new SchedulerRuntime(settings, this.events, tasks, fireTimes, assembler, pending);
        this.components = this.runtime.components();
        this.jobs = new SchedulerJobs<>((stored, pendingState) -> new Job(this, stored, pendingState, settings.timezone), this.runtime, assembler, tasks, pending);
        this.listing = new JobListing<>(settings, this.runtime, this.jobs);
        this.history = new RunHistoryReader(settings.components);
    }

    /**
     * Starts building a scheduler.
     *
     * @return a builder with all defaults
     */
    public static SchedulerBuilder builder() {
        return new SchedulerBuilder();
    }

    // ---- configuration and lifecycle ----------------------------------------------------------------------

    /**
     * Applies flat {@code kairos.}-prefixed configuration keys (APScheduler 3's {@code configure(gconfig)} with
     * prefix {@code apscheduler.}): {@code kairos.timezone}, {@code kairos.scheduler-id}, {@code kairos.start-paused},
     * {@code kairos.poll-interval}, {@code kairos.lease-time}, {@code kairos.shutdown.timeout},
     * {@code kairos.tasks.allowed-packages} (comma-separated, added to the task registry's),
     * {@code kairos.job-defaults.(misfire-grace-time|coalesce|max-instances|jitter)},
     * {@code kairos.job-defaults.retry.(max-attempts|backoff|multiplier|max-backoff|jitter|retry-on|no-retry-on)}
     * (see {@link io.kairos.scheduler.retry.RetryPolicy#parse}), {@code kairos.history.(enabled|max-runs-per-job|max-age|max-stack-trace-length|max-result-length)},
     * {@code kairos.executors.<alias>.type} + options, {@code kairos.jobstores.<alias>.type} + options. Values may
     * be strings; nested maps are flattened. Durations accept {@code 30}, {@code 30s}, {@code 500ms}, {@code 5m},
     * {@code PT30S}.
     *
     * @param properties the keys and values
     * @throws SchedulerAlreadyRunningException when the scheduler is started
     * @throws IllegalArgumentException naming the key, for an unknown key, a bad value or an unknown type (listing
     *     the valid ones)
     */
    public void configure(Map<String, ?> properties) {
        this.runtime.configure(properties);
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public SchedulerState state() {
        return this.runtime.state();
    }

    /**
     * This scheduler's id, the lease owner in shared stores.
     *
     * @return the id
     */
    public String schedulerId() {
        return this.settings.schedulerId;
    }

    /**
     * The scheduler's time zone (the default of trigger specs).
     *
     * @return the zone
     */
    public ZoneId timezone() {
        return this.settings.timezone;
    }

    /**
     * The task registry that resolves task names: register lambdas here
     * ({@code scheduler.taskRegistry().register("purge", () -> ...)}).
     *
     * @return the registry, thread-safe
     */
    public io.kairos.scheduler.task.TaskRegistry taskRegistry() {
        return this.settings.taskRegistry;
    }

    /**
     * The scheduler's clock.
     *
     * @return the clock
     */
    public InstantSource clock() {
        return this.settings.clock;
    }

    /**
     * Starts the scheduler in the background, paused when configured with {@code start-paused}: one daemon loop
     * thread per job store, named {@code kairos-scheduler-<alias>}, so that a store that fails or hangs delays only
     * its own jobs (see {@link #jobStoreStatus()}).
     *
     * @throws SchedulerAlreadyRunningException when started already
     * @throws IllegalStateException when no {@code default} job store is configured and no {@code memory} store
     *     type is available
     * @throws io.kairos.scheduler.store.ConflictingJobIdException when a pending job's id is taken in its store
     */
    public void start() {
        start(this.settings.startPaused);
    }

    /**
     * Starts the scheduler in the background, as APScheduler 3's {@code start(paused)}: creates the missing
     * {@code default} executor (a thread pool of 10) and {@code default} store ({@code memory}), starts executors
     * and stores, stores the pending jobs, publishes {@code JobAdded} for each and then {@code SchedulerStarted}.
     *
     * @param paused whether to start without processing jobs until {@link #resume()}
     * @throws SchedulerAlreadyRunningException when started already
     * @throws IllegalStateException when no default store can be created
     */
    public void start(boolean paused) {
        this.runtime.start(paused);
    }

    /**
     * Starts the scheduler and blocks the calling thread until {@link #shutdown} (from another thread, a job or a
     * listener) or until the thread is interrupted (then it shuts down, waiting for running jobs): the stand-alone
     * process, as APScheduler 3's {@code BlockingScheduler.start()}. The store loops run in threads of their own (one
     * per job store, not daemons), as with {@link #start()}. The interrupt flag is restored on return.
     *
     * @throws SchedulerAlreadyRunningException when started already
     */
    public void startBlocking() {
        this.runtime.startBlocking();
    }

    /**
     * Shuts down, waiting for running jobs (up to the shutdown timeout, default 30 s).
     *
     * @throws SchedulerNotRunningException when not started
     */
    public void shutdown() {
        shutdown(true);
    }

    /**
     * Shuts down, as APScheduler 3's {@code shutdown(wait)}: stops the loop, shuts the executors down (with
     * {@code wait}, running jobs may finish for up to the shutdown timeout; without, they are interrupted),
     * releases held jobs whose runs ended, shuts the stores down (jobs are kept, also in the memory store,
     * unlike APScheduler 3) and publishes {@code SchedulerShutdown}. Jobs added from now on are pending.
     *
     * @param wait whether to let running jobs finish
     * @throws SchedulerNotRunningException when not started
     */
    public void shutdown(boolean wait) {
        this.runtime.shutdown(wait);
    }

    /**
     * Shuts down, waiting for running jobs, when started; does nothing when stopped.
     */
    @Override
    public void close() {
        this.runtime.close();
    }

    /**
     * Pauses job processing (APScheduler 3's {@code pause()}); runs in progress continue. Publishes
     * {@code SchedulerPaused} when it was running.
     *
     * @throws SchedulerNotRunningException when not started
     */
    public void pause() {
        this.runtime.pause();
    }

    /**
     * Resumes job processing and wakes the loop; publishes {@code SchedulerResumed} when it was paused.
     *
     * @throws SchedulerNotRunningException when not started
     */
    public void resume() {
        this.runtime.resume();
    }

    /**
     * Asks every store loop to look at its store now (APScheduler 3's {@code wakeup()}); e.g. after a test advanced
     * its clock. Never blocks; a wake-up while a loop is busy is not lost.
     */
    public void wakeup() {
        this.runtime.wakeup();
    }

    /**
     * Each job store's health as its loop last found it: up, or down since when and why; when the loop last ended a
     * pass without store failure; the earliest next run time of a job not yet acquired (overdue when past). Answers
     * from what the loops already know and makes no store call, so it answers at once also while a store hangs or
     * is down (health checks use it). Each store has its own loop: a store that is down delays only its own jobs.
     * The loop of a store that is down retries after a back-off of 1 s, doubling up to 5 s, or sooner when work it
     * knows of is due sooner (a held job's run or lease extension, the poll interval of a shared store) or when it is
     * woken (a Redis store wakes it when its connection is back); it logs one
     * WARN when the store goes down and one INFO when it is back.
     *
     * @return the statuses by store alias, sorted by alias, unmodifiable; empty while the scheduler is stopped
     */
    public Map<String, JobStoreStatus> jobStoreStatus() {
        return this.runtime.jobStoreStatus();
    }

    /**
     * Jobs in shared stores that no running instance takes: each executor alias is a worker group, an instance takes
     * only jobs whose executor it has, and these jobs need an executor this scheduler lacks and have been due longer
     * than the lease time without any instance taking them (an instance with the executor would have, within its poll
     * interval). They are kept as they are, never marked broken; start an instance with the executor, or modify the
     * jobs to use one that runs. Each shared store's loop counts them at its first pass and every minute after (one
     * bounded store query: counts are lower bounds past the earliest thousand or so due jobs); this method makes no
     * store call. Health details and the actuator endpoint show it.
     *
     * @return store alias to (executor alias to number of jobs), only stores with such jobs, sorted by alias,
     *     unmodifiable; empty while the scheduler is stopped
     */
    public Map<String, Map<String, Integer>> jobsWaitingForExecutor() {
        return this.runtime.jobsWaitingForExecutor();
    }

    // ---- executors, stores, listeners ------------------------------------------------------------------------

    /**
     * Adds an executor; started at once when the scheduler is. Publishes {@code ExecutorAdded}.
     *
     * @param alias the alias
     * @param executor an unstarted executor
     * @throws IllegalArgumentException when the alias is taken
     */
    public void addExecutor(String alias, JobExecutor executor) {
        this.components.addExecutor(alias, executor);
    }

    /**
     * Removes an executor and shuts it down, letting its running jobs finish (up to the shutdown timeout). Jobs
     * still naming it are marked broken when next due. Publishes {@code ExecutorRemoved}.
     *
     * @param alias the alias
     * @throws IllegalArgumentException when there is no such executor
     */
    public void removeExecutor(String alias) {
        this.components.removeExecutor(alias);
    }

    /**
     * Adds a job store; started at once when the scheduler is, and the loop woken. Publishes {@code JobStoreAdded}.
     *
     * @param alias the alias
     * @param store an unstarted store
     * @throws IllegalArgumentException when the alias is taken
     */
    public void addJobStore(String alias, JobStore store) {
        this.components.addJobStore(alias, store);
    }

    /**
     * Removes a job store and shuts it down (its jobs stay in it). Publishes {@code JobStoreRemoved}.
     *
     * @param alias the alias
     * @throws IllegalArgumentException when there is no such store
     */
    public void removeJobStore(String alias) {
        this.components.removeJobStore(alias);
    }

    /**
     * Subscribes a listener to events of a type and its subtypes, e.g. {@code addListener(JobFailed.class, e -> ...)}
     * or {@code addListener(JobEvent.class, ...)}.
     *
     * @param <E> the event type
     * @param type the event class
     * @param listener the listener; called synchronously, its exceptions are logged
     */
    public <E extends SchedulerEvent> void addListener(Class<E> type, EventListener<? super E> listener) {
        this.events.add(type, listener);
    }

    /**
     * Subscribes a listener to all events (APScheduler's {@code EVENT_ALL}).
     *
     * @param listener the listener
     */
    public void addListener(EventListener<SchedulerEvent> listener) {
        this.events.add(SchedulerEvent.class, listener);
    }

    /**
     * Unsubscribes a listener from everything it was subscribed to.
     *
     * @param listener the listener, by identity
     * @return whether it was subscribed
     */
    public boolean removeListener(EventListener<?> listener) {
        return this.events.remove(listener);
    }

    // ---- jobs ---------------------------------------------------------------------------------------------------

    /**
     * Adds a job (APScheduler 3's {@code add_job}). Started: stores it, publishes {@code JobAdded} and wakes the
     * loop. Stopped: keeps it pending until {@link #start()} (a duplicate id among pending jobs is detected now).
     *
     * @param request what to add
     * @return the job as stored (or as pending); under {@link ConflictPolicy#KEEP_EXISTING} the existing job when
     *     the id was taken
     * @throws UnknownTaskException when the task name resolves to nothing
     * @throws InvalidJobArgumentsException when the arguments do not fit the task or are not JSON values
     * @throws InvalidTriggerSpecException when the trigger spec is invalid, or the trigger never fires (has no fire
     *     time at or after now: a cron such as {@code 0 0 0 30 2 *}, or an end date in the past) and the job is not
     *     added paused ({@link JobRequest#paused()})
     * @throws IllegalArgumentException for an unknown executor or store alias, an unnamed task for a shared store,
     *     a task the executor refuses, a job option the executor cannot honour (a {@code timeout} outside the
     *     {@code process-pool} executor), or a bad option (id, name, misfire grace time, max instances, jitter)
     * @throws ConflictingJobIdException when the id is taken and the policy is {@link ConflictPolicy#ERROR}
     * @throws JobStoreException when the store fails
     */
    public Job addJob(JobRequest request) {
        return this.jobs.add(request);
    }

    /**
     * Adds many jobs, written in batches: for each job store and conflict policy, up to
     * {@link io.kairos.scheduler.store.JobStore#ADD_BATCH_SIZE 1,000} jobs per write (one JDBC transaction with batched
     * inserts, one Redis script call), with one wake-up of the loop per batch and one {@code JobAdded} event per job.
     * The Redis store pipelines the batches of one call: it sends a batch before the reply to the previous one came
     * back (at most 3 unanswered), Redis running them in order. Stopped: the jobs are kept pending, as by
     * {@link #addJob(JobRequest)}.
     *
     * <p><b>Per job, not all-or-nothing.</b> Each request is validated as {@link #addJob(JobRequest)} validates it and
     * meets its own conflict policy (finished markers included, as for {@link #addJob(JobRequest)}); a request that
     * fails does not stop the others. A job id may appear once per
     * call. When a store fails, the batch it was writing is not written (the JDBC and Redis stores write a batch
     * atomically; a store without a batch write of its own adds one by one and keeps what it wrote), and the later
     * requests for that store are not attempted. On Redis, the batches sent before the failure was seen (at most two)
     * are reported as Redis answered them, added or failed; a batch whose reply was lost (a timeout, a dropped
     * connection) is reported failed with the store's exception although Redis may have written it, as for a single
     * {@link #addJob(JobRequest)} that times out. Every request that was not added is reported in one
     * {@link JobsNotAddedException} thrown at the end, which also names the jobs that were added.
     *
     * @param requests what to add, in order; not {@code null}; the requests are read, not kept
     * @return the jobs as stored (or pending), in request order; under {@code KEEP_EXISTING} the existing job, or the
     *     finished marker ({@code state() == FINISHED}) of a one-shot job that already ran, where an id was taken
     * @throws JobsNotAddedException when any request was not added: its {@code failures()} give each request's
     *     position, id and the exception {@link #addJob(JobRequest)} would have thrown
     * @throws NullPointerException when {@code requests} is {@code null}
     */
    public List<Job> addJobs(Collection<? extends JobRequest> requests) {
        return this.jobs.addAll(requests);
    }

    /**
     * Adds a job running a task by name on a trigger.
     *
     * @param taskName the task name
     * @param trigger the trigger
     * @param args positional arguments, JSON values
     * @return the job
     * @see #addJob(JobRequest)
     */
    public Job addJob(String taskName, Trigger trigger, Object... args) {
        return addJob(JobRequest.of(taskName).trigger(trigger).args(args));
    }

    /**
     * Adds a job running a task by name on a trigger spec.
     *
     * @param taskName the task name
     * @param triggerSpec the trigger spec, e.g. {@code Map.of("type", "interval", "minutes", 5)}
     * @param args positional arguments, JSON values
     * @return the job
     * @see #addJob(JobRequest)
     */
    public Job addJob(String taskName, Map<String, ?> triggerSpec, Object... args) {
        return addJob(JobRequest.of(taskName).trigger(triggerSpec).args(args));
    }

    /**
     * Modifies a job, searching all stores (APScheduler 3's {@code modify_job}). A next run time given to a paused
     * job resumes it; so "run now" ({@code JobChanges.create().nextRunTime(now)}) leaves a paused job scheduled (see
     * {@link JobChanges#nextRunTime}).
     *
     * @param id the job id
     * @param changes the changes
     * @return the job after the change
     * @throws JobLookupException when no job has the id
     * @throws IllegalArgumentException when a change is invalid (as {@link #addJob}); an
     *     {@link InvalidTriggerSpecException} when a new trigger never fires and the same changes do not pause the
     *     job ({@link JobChanges#nextRunTime} {@code null})
     */
    public Job modifyJob(String id, JobChanges changes) {
        return modifyJob(id, null, changes);
    }

    /**
     * Modifies a job in one store (or all when {@code jobstore} is {@code null}); publishes {@code JobModified} and
     * wakes the loop. A trigger change keeps the next run time; see {@link #rescheduleJob}.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null}
     * @param changes the changes
     * @return the job after the change
     * @throws JobLookupException when no job has the id
     * @throws IllegalArgumentException when a change is invalid (as {@link #modifyJob(String, JobChanges)})
     */
    public Job modifyJob(String id, @Nullable String jobstore, JobChanges changes) {
        return this.jobs.modify(id, jobstore, changes);
    }

    /**
     * Gives a job a new trigger; its next run time becomes the trigger's first fire time from now (APScheduler 3's
     * {@code reschedule_job}, which pauses the job for good when the trigger never fires; Kairos refuses such a
     * trigger).
     *
     * @param id the job id
     * @param trigger the trigger
     * @return the job after the change
     * @throws JobLookupException when no job has the id
     * @throws InvalidTriggerSpecException when the trigger never fires (has no fire time at or after now)
     */
    public Job rescheduleJob(String id, Trigger trigger) {
        return rescheduleJob(id, null, trigger);
    }

    /**
     * As {@link #rescheduleJob(String, Trigger)}, in one store.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null} for all
     * @param trigger the trigger
     * @return the job after the change
     * @throws JobLookupException when no job has the id
     * @throws InvalidTriggerSpecException when the trigger never fires
     */
    public Job rescheduleJob(String id, @Nullable String jobstore, Trigger trigger) {
        return this.jobs.reschedule(id, jobstore, trigger);
    }

    /**
     * As {@link #rescheduleJob(String, Trigger)} with a trigger spec read in the scheduler's time zone.
     *
     * @param id the job id
     * @param triggerSpec the spec
     * @return the job after the change
     * @throws InvalidTriggerSpecException when the spec is invalid, or the trigger never fires
     * @throws JobLookupException when no job has the id
     */
    public Job rescheduleJob(String id, Map<String, ?> triggerSpec) {
        return rescheduleJob(id, null, triggerSpec);
    }

    /**
     * As {@link #rescheduleJob(String, Map)}, in one store.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null} for all
     * @param triggerSpec the spec
     * @return the job after the change
     * @throws InvalidTriggerSpecException when the spec is invalid, or the trigger never fires
     * @throws JobLookupException when no job has the id
     */
    public Job rescheduleJob(String id, @Nullable String jobstore, Map<String, ?> triggerSpec) {
        return this.jobs.reschedule(id, jobstore, triggerSpec);
    }

    /**
     * Pauses a job: it keeps its definition and has no next run time (APScheduler 3's {@code pause_job}).
     *
     * @param id the job id
     * @return the job after the change
     * @throws JobLookupException when no job has the id
     */
    public Job pauseJob(String id) {
        return pauseJob(id, null);
    }

    /**
     * As {@link #pauseJob(String)}, in one store.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null} for all
     * @return the job after the change
     * @throws JobLookupException when no job has the id
     */
    public Job pauseJob(String id, @Nullable String jobstore) {
        return this.jobs.pause(id, jobstore);
    }

    /**
     * Resumes a paused (or broken, once its cause is fixed) job: its next run time becomes the trigger's first fire
     * time from now, so runs missed while paused are not replayed; when the trigger will never fire again the job
     * is removed (as APScheduler 3's {@code resume_job}).
     *
     * @param id the job id
     * @return the job after the change, or empty when it was removed
     * @throws JobLookupException when no job has the id
     * @throws UnknownTaskException when a broken job's task still cannot be resolved
     * @throws InvalidJobArgumentsException when the job's stored arguments do not fit its task (fix them with
     *     {@link #modifyJob} first); the message names the job, the task and what does not fit
     */
    public Optional<Job> resumeJob(String id) {
        return resumeJob(id, null);
    }

    /**
     * As {@link #resumeJob(String)}, in one store.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null} for all
     * @return the job after the change, or empty when it was removed
     * @throws JobLookupException when no job has the id
     * @throws UnknownTaskException when a broken job's task still cannot be resolved
     * @throws InvalidJobArgumentsException when the job's stored arguments do not fit its task
     */
    public Optional<Job> resumeJob(String id, @Nullable String jobstore) {
        return this.jobs.resume(id, jobstore);
    }

    /**
     * Removes a job; publishes {@code JobRemoved}. Runs in progress finish.
     *
     * @param id the job id
     * @throws JobLookupException when no job has the id
     */
    public void removeJob(String id) {
        removeJob(id, null);
    }

    /**
     * As {@link #removeJob(String)}, in one store.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null} for all
     * @throws JobLookupException when no job has the id
     */
    public void removeJob(String id, @Nullable String jobstore) {
        this.jobs.remove(id, jobstore);
    }

    /**
     * Removes every job from every store (or the pending jobs); publishes {@code AllJobsRemoved} with a
     * {@code null} alias when started. A pending retry of a removed job is recorded as a {@code CANCELLED} run, as by
     * {@link #removeJob(String)}; to find them, each store's scheduled jobs are read once, a page at a time, before
     * they are removed.
     */
    public void removeAllJobs() {
        removeAllJobs(null);
    }

    /**
     * Removes every job of one store.
     *
     * @param jobstore the store alias, or {@code null} for all
     * @throws IllegalArgumentException when there is no such store
     */
    public void removeAllJobs(@Nullable String jobstore) {
        this.jobs.removeAll(jobstore);
    }

    /**
     * Looks a job up in all stores (or among pending jobs).
     *
     * @param id the job id
     * @return the job, or empty
     */
    public Optional<Job> getJob(String id) {
        return getJob(id, null);
    }

    /**
     * Looks a job up in one store.
     *
     * @param id the job id
     * @param jobstore the store alias, or {@code null} for all
     * @return the job, or empty
     */
    public Optional<Job> getJob(String id, @Nullable String jobstore) {
        return this.jobs.get(id, jobstore);
    }

    /**
     * Every job (pending jobs while stopped), sorted by next run time, paused and broken ones last.
     *
     * @return a new list
     */
    public List<Job> getJobs() {
        return getJobs(null);
    }

    /**
     * The jobs of one store, sorted by next run time, paused and broken ones last.
     *
     * @param jobstore the store alias, or {@code null} for all
     * @return a new list
     * @throws IllegalArgumentException when there is no such store
     */
    public List<Job> getJobs(@Nullable String jobstore) {
        return this.jobs.list(jobstore);
    }

    /**
     * One page of the jobs (of the pending jobs while stopped), filtered: the stores one after another by alias, each
     * in id order. A page reads at most {@code query.limit() + 1} rows from each store it visits, whatever the number
     * of jobs, and applies the filters to what it read, so it may hold fewer jobs than the limit (even none) and still
     * have a {@link JobPage#next()}: read on with {@code query.after(page.next())} until it is {@code null}. Jobs
     * present for the whole listing come exactly once; jobs added or removed meanwhile may or may not come.
     *
     * @param query the filters, page size and cursor, not {@code null}
     * @return the page
     * @throws IllegalArgumentException when the query names an unknown store, or naming {@code cursor} when the cursor
     *     is not the {@code next} of a page of this listing
     * @throws JobStoreException when a store fails
     */
    public JobPage<Job> findJobs(JobQuery query) {
        return this.jobs.page(Objects.requireNonNull(query, "query"));
    }

    /**
     * How many jobs are scheduled, paused and broken, over every store (over the pending jobs while stopped: paused
     * when added paused, else scheduled), without loading them: see {@link #countJobs(String)}.
     *
     * @return the counts, never {@code null}
     * @throws JobStoreException when a store fails
     */
    public JobCounts countJobs() {
        return countJobs(null);
    }

    /**
     * How many jobs of one store (or of every store) are scheduled, paused and broken, without loading them: for
     * overviews that refresh often (the dashboard's). Each store is asked once ({@link JobStore#countJobs()}); the cost
     * per store is one {@code GROUP BY} statement for JDBC and one aggregation for MongoDB (each a scan on the server,
     * no job sent), one O(1) script call for Redis, one pass over the jobs for the memory store, and for the ZooKeeper
     * store a read of the jobs a page of {@value JobQuery#MAX_LIMIT} at a time (bounded memory, work growing with the
     * store).
     *
     * <p>A count is a snapshot of each store at the moment it was asked, stale once read; the stores are asked one
     * after another, so the sum is not a consistent snapshot across stores (a job moved between stores meanwhile may
     * count twice or not at all). Jobs count under their stored state: a job whose stored form cannot be read counts
     * as broken once the store marked it so (when it came due; the Redis and ZooKeeper stores also when listed), which
     * a listing shows as broken at once. {@link JobState#FINISHED} markers are not counted.
     * Thread-safe.
     *
     * @param jobstore the store alias, or {@code null} for every store
     * @return the counts (the sum over the stores for {@code null}), never {@code null}
     * @throws IllegalArgumentException when the scheduler is started and has no store by that alias
     * @throws JobStoreException when a store fails
     */
    public JobCounts countJobs(@Nullable String jobstore) {
        return this.jobs.count(jobstore);
    }

    /**
     * Prints the jobs to standard output in APScheduler 3's layout (see {@link #printJobs(String, Appendable)}).
     */
    public void printJobs() {
        printJobs(null, System.out);
    }

    /**
     * Prints the jobs in APScheduler 3's {@code print_jobs} layout: {@code Pending jobs:} while stopped, else one
     * {@code Jobstore <alias>:} section per store (sorted by alias); each job on a line indented 4 spaces as
     * {@link Job#toString()}; {@code No pending jobs} / {@code No scheduled jobs} when empty. Lines end in
     * {@code \n}. A started scheduler's jobs are read a page of 1,000 at a time and written page by page, in id
     * order within a store (APScheduler sorts by next run time, which needs every job in memory); pending jobs are
     * sorted by next run time.
     *
     * @param jobstore the store alias, or {@code null} for all
     * @param out where to print
     * @throws UncheckedIOException when writing fails
     */
    public void printJobs(@Nullable String jobstore, Appendable out) {
        this.listing.print(jobstore, out);
    }

    /**
     * Exports jobs as JSON {@code {"version":1,"jobs":[...]}}, each job as the configured {@link JobCodec} writes
     * it (APScheduler 3.11's {@code export_jobs}). The whole text is held in memory: for many jobs, use
     * {@link #exportJobs(String, Appendable)}.
     *
     * @param jobstore the store alias, or {@code null} for all
     * @return the JSON text
     * @throws SchedulerNotRunningException when not started (as APScheduler)
     * @throws IllegalStateException when no job codec is configured
     */
    public String exportJobs(@Nullable String jobstore) {
        StringBuilder out = new StringBuilder();
        exportJobs(jobstore, out);
        return out.toString();
    }

    /**
     * Exports jobs as {@link #exportJobs(String)} does, writing them as they are read: the stores are read a page of
     * 1,000 jobs at a time, each store in id order, so memory does not grow with the number of jobs.
     *
     * @param jobstore the store alias, or {@code null} for all
     * @param out where the JSON text goes (a {@link java.io.Writer} or any {@link Appendable})
     * @throws SchedulerNotRunningException when not started (as APScheduler)
     * @throws IllegalStateException when no job codec is configured
     * @throws IllegalArgumentException when there is no such store
     * @throws UncheckedIOException when writing fails
     * @throws JobStoreException when a store fails
     */
    public void exportJobs(@Nullable String jobstore, Appendable out) {
        this.listing.export(jobstore, out);
    }

    /**
     * Imports jobs exported by {@link #exportJobs} into a store through {@link #addJobs}: validated as
     * {@link #addJob} does, written in batches, each job added or refused on its own (a job whose id is taken is
     * refused under {@link ConflictPolicy#ERROR}). Paused jobs stay paused; scheduled ones keep their next run time.
     *
     * @param json the exported text
     * @param jobstore the target store alias, not {@code null} ({@code default} as APScheduler)
     * @param policy what to do when an id is taken
     * @return the imported jobs
     * @throws IllegalArgumentException when the text is not an export of version 1 (then nothing is added)
     * @throws JobsNotAddedException when some jobs were not added (the others were); it says which and why
     * @throws IllegalStateException when no job codec is configured
     */
    public List<Job> importJobs(String json, String jobstore, ConflictPolicy policy) {
        return this.listing.importJobs(json, jobstore, policy);
    }

    // ---- run history --------------------------------------------------------------------------------------

    /**
     * The latest runs of a job, newest first, from every store (a removed job's runs too, until retention removes
     * them).
     *
     * @param id the job id, not {@code null}
     * @param limit the most runs to return, 1 to {@value RunQuery#MAX_LIMIT}
     * @return the runs, newest first ({@code finishedAt} descending); empty when the job never ran or its stores
     *     keep no history
     * @throws IllegalArgumentException when {@code limit} is out of range
     * @throws SchedulerNotRunningException when the scheduler is stopped (its stores are not started)
     * @throws JobStoreException when a store fails
     */
    public List<RunRecord> getRuns(String id, int limit) {
        return getRuns(id, null, limit);
    }

    /**
     * The latest runs of a job in one store, newest first.
     *
     * @param id the job id, not {@code null}
     * @param jobstore the store alias, or {@code null} for all
     * @param limit the most runs to return, 1 to {@value RunQuery#MAX_LIMIT}
     * @return the runs, newest first
     * @throws IllegalArgumentException when {@code limit} is out of range or there is no such store
     * @throws SchedulerNotRunningException when the scheduler is stopped
     * @throws JobStoreException when a store fails
     */
    public List<RunRecord> getRuns(String id, @Nullable String jobstore, int limit) {
        return findRuns(RunQuery.ofJob(id).withLimit(limit), jobstore).runs();
    }

    /**
     * The newest run of each of some jobs, from every store, in one batched read per store ({@link
     * io.kairos.scheduler.history.RunHistory#lastRuns}): what a listing of jobs shows as each job's last run. Across
     * stores the newest run wins.
     *
     * @param jobIds the job ids, not {@code null}; at most {@value io.kairos.scheduler.history.RunHistory#MAX_JOB_IDS}
     *     (a listing page holds at most that many jobs)
     * @return job id to its newest run (finishedAt, then run id), only for jobs with runs; never {@code null}, an
     *     unmodifiable map
     * @throws IllegalArgumentException naming {@code jobIds} when there are more ids than the bound
     * @throws SchedulerNotRunningException when the scheduler is stopped
     * @throws JobStoreException when a store fails
     */
    public Map<String, RunRecord> getLastRuns(Collection<String> jobIds) {
        return getLastRuns(jobIds, null);
    }

    /**
     * The newest run of each of some jobs in one store (see {@link #getLastRuns(Collection)}).
     *
     * @param jobIds the job ids, not {@code null}; at most {@value io.kairos.scheduler.history.RunHistory#MAX_JOB_IDS}
     * @param jobstore the store alias, or {@code null} for all (across stores the newest run wins)
     * @return job id to its newest run, only for jobs with runs; never {@code null}, an unmodifiable map
     * @throws IllegalArgumentException naming {@code jobIds} when there are more ids than the bound, or when there is
     *     no such store
     * @throws SchedulerNotRunningException when the scheduler is stopped
     * @throws JobStoreException when a store fails
     */
    public Map<String, RunRecord> getLastRuns(Collection<String> jobIds, @Nullable String jobstore) {
        Objects.requireNonNull(jobIds, "jobIds");
        if (this.runtime.isStopped()) {
            throw new SchedulerNotRunningException("reading run history");
        }
        return Collections.unmodifiableMap(this.history.lastRuns(jobIds, jobstore));
    }

    /**
     * One page of runs across jobs and stores, filtered by job, {@linkplain RunOutcome outcome} and time range:
     * for instance every failed run since midnight. Pass the page's {@link RunPage#next()} to
     * {@link RunQuery#after} for the next page; it is {@code null} on the last page, where paging stops.
     *
     * @param query what to read, not {@code null}
     * @return the page, newest first
     * @throws SchedulerNotRunningException when the scheduler is stopped
     * @throws JobStoreException when a store fails
     */
    public RunPage findRuns(RunQuery query) {
        return findRuns(query, null);
    }

    /**
     * One page of runs of one store (see {@link #findRuns(RunQuery)}).
     *
     * @param query what to read, not {@code null}
     * @param jobstore the store alias, or {@code null} for all
     * @return the page, newest first
     * @throws IllegalArgumentException when there is no such store
     * @throws SchedulerNotRunningException when the scheduler is stopped
     * @throws JobStoreException when a store fails
     */
    public RunPage findRuns(RunQuery query, @Nullable String jobstore) {
        Objects.requireNonNull(query, "query");
        if (this.runtime.isStopped()) {
            throw new SchedulerNotRunningException("reading run history");
        }
        return this.history.find(query, jobstore);
    }

    /**
     * How many runs of a job this scheduler has in flight (for tests and monitoring).
     *
     * @param jobstore the store alias
     * @param id the job id
     * @return zero or more
     */
    public int runsInFlight(String jobstore, String id) {
        return this.components.runsInFlight(jobstore, id);
    }

    /**
     * The executors by alias (the {@code default} one appears at start when not configured).
     *
     * @return an unmodifiable, sorted snapshot
     */
    public Map<String, JobExecutor> executors() {
        return Map.copyOf(this.settings.components.executors());
    }

    /**
     * The job stores by alias (the {@code default} one appears at start when not configured).
     *
     * @return an unmodifiable snapshot
     */
    public Map<String, JobStore> jobStores() {
        return Map.copyOf(this.settings.components.stores());
    }

    /**
     * Whether and how this scheduler records run history ({@code kairos.history.*}).
     *
     * @return the settings, never {@code null}
     */
    public io.kairos.scheduler.history.HistorySettings historySettings() {
        return this.settings.history;
    }

    /**
     * The policies jobs get when their request leaves them unset.
     *
     * @return the job defaults
     */
    public JobDefaults jobDefaults() {
        return this.settings.jobDefaults;
    }

    /**
     * The time shutdown waits for running jobs.
     *
     * @return the shutdown timeout
     */
    public Duration shutdownTimeout() {
        return this.settings.shutdownTimeout;
    }
}
