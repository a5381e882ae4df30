package io.kairos.scheduler.boot;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.SchedulerState;
import io.kairos.scheduler.history.RunPage;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.trigger.Trigger;

/**
 * The Kairos scheduler as a Spring bean: inject it to add, change and inspect jobs at run time ("cancel order 42 in
 * 30 minutes unless it is paid"). A thin facade over the engine's {@link Scheduler}: each method delegates with the
 * same contract (see the engine's javadoc for every exception); {@link #engine()} gives the whole engine API
 * (listeners, executors, stores, export and import).
 *
 * <p>Its lifecycle belongs to the application context ({@link io.kairos.scheduler.boot.autoconfigure.KairosSchedulerLifecycle}): it starts when the
 * context has refreshed, after the {@code @ScheduledJob} declarations have been written to the stores, and stops in
 * the context's (graceful) shutdown. Do not call {@code engine().start()} or {@code engine().shutdown()} yourself.
 * Jobs added before the start are pending and stored at the start, as APScheduler's.
 *
 * <p>Thread-safe, as the engine.
 */
public final class JobScheduler {

    private final Scheduler engine;

    /**
     * Wraps an engine scheduler.
     *
     * @param engine the scheduler built by the auto-configuration (or your own)
     */
    public JobScheduler(Scheduler engine) {
        this.engine = engine;
    }

    /**
     * The engine scheduler, for what this facade does not carry.
     *
     * @return the engine, never {@code null}
     */
    public Scheduler engine() {
        return this.engine;
    }

    /**
     * Adds a job: APScheduler's {@code add_job}.
     *
     * @param request what to add
     * @return the job as stored (or pending, before the start)
     * @see Scheduler#addJob(JobRequest)
     */
    public Job addJob(JobRequest request) {
        return this.engine.addJob(request);
    }

    /**
     * Adds many jobs, written in batches (one JDBC transaction or one Redis script call per 1,000 jobs of a store,
     * one wake-up per batch; Redis pipelines the batches of one call). Each request is validated and meets its
     * conflict policy on its own; the ones that fail are reported together at the end, the others stay added. When a
     * store fails, its later requests are not attempted; on Redis the batches already sent are reported as Redis
     * answered them, and a batch whose reply was lost is reported failed though it may have been written (see
     * {@link Scheduler#addJobs(Collection)}).
     *
     * @param requests what to add, in order; not {@code null}
     * @return the jobs as stored (or pending, before the start), in request order
     * @throws io.kairos.scheduler.JobsNotAddedException when any request was not added: which (position, id) and why
     * @see Scheduler#addJobs(Collection)
     */
    public List<Job> addJobs(Collection<? extends JobRequest> requests) {
        return this.engine.addJobs(requests);
    }

    /**
     * Adds a job with a trigger and positional arguments, default id and policies.
     *
     * @param taskName the task, e.g. {@code orderService.cancelUnpaidOrder}
     * @param trigger the trigger
     * @param args positional arguments, JSON values
     * @return the job
     * @see Scheduler#addJob(String, Trigger, Object...)
     */
    public Job addJob(String taskName, Trigger trigger, Object... args) {
        return this.engine.addJob(taskName, trigger, args);
    }

    /**
     * Adds a job with a trigger spec ({@code Map.of("type", "date", "run_date", "...")}) and positional arguments.
     *
     * @param taskName the task
     * @param triggerSpec the trigger spec
     * @param args positional arguments, JSON values
     * @return the job
     * @see Scheduler#addJob(String, Map, Object...)
     */
    public Job addJob(String taskName, Map<String, ?> triggerSpec, Object... args) {
        return this.engine.addJob(taskName, triggerSpec, args);
    }

    /**
     * Changes a job: APScheduler's {@code modify_job}.
     *
     * @param id the job id
     * @param changes what to change
     * @return the job after the change
     * @see Scheduler#modifyJob(String, JobChanges)
     */
    public Job modifyJob(String id, JobChanges changes) {
        return this.engine.modifyJob(id, changes);
    }

    /**
     * Gives a job a new trigger and recomputes its next run time: APScheduler's {@code reschedule_job}.
     *
     * @param id the job id
     * @param trigger the new trigger
     * @return the job after the change
     * @see Scheduler#rescheduleJob(String, Trigger)
     */
    public Job rescheduleJob(String id, Trigger trigger) {
        return this.engine.rescheduleJob(id, trigger);
    }

    /**
     * Gives a job a new trigger from a spec ({@code Map.of("type", "cron", "minute", "*&#47;5")}).
     *
     * @param id the job id
     * @param triggerSpec the new trigger's spec
     * @return the job after the change
     * @see Scheduler#rescheduleJob(String, Map)
     */
    public Job rescheduleJob(String id, Map<String, ?> triggerSpec) {
        return this.engine.rescheduleJob(id, triggerSpec);
    }

    /**
     * Pauses a job (its next run time is cleared until resumed).
     *
     * @param id the job id
     * @return the paused job
     * @see Scheduler#pauseJob(String)
     */
    public Job pauseJob(String id) {
        return this.engine.pauseJob(id);
    }

    /**
     * Resumes a paused job; a job whose trigger has no further fire time is removed.
     *
     * @param id the job id
     * @return the resumed job, or empty when it was removed
     * @see Scheduler#resumeJob(String)
     */
    public Optional<Job> resumeJob(String id) {
        return this.engine.resumeJob(id);
    }

    /**
     * Removes a job.
     *
     * @param id the job id
     * @see Scheduler#removeJob(String)
     */
    public void removeJob(String id) {
        this.engine.removeJob(id);
    }

    /**
     * Looks a job up in every store.
     *
     * @param id the job id
     * @return the job, or empty
     * @see Scheduler#getJob(String)
     */
    public Optional<Job> getJob(String id) {
        return this.engine.getJob(id);
    }

    /**
     * Every job of every store (pending ones included before the start).
     *
     * @return the jobs, each store's sorted by next run time
     * @see Scheduler#getJobs()
     */
    public List<Job> getJobs() {
        return this.engine.getJobs();
    }

    /**
     * One page of the jobs, filtered by state, store, executor and task: the stores one after another by alias, each
     * in id order, at most {@code query.limit() + 1} rows read per store visited. A page may hold fewer jobs than the
     * limit, even none, and still have a next one: read on with {@code query.after(page.next())} until
     * {@link JobPage#next()} is {@code null}.
     *
     * @param query the filters, page size and cursor, not {@code null}
     * @return the page
     * @throws IllegalArgumentException for an unknown store, or naming {@code cursor} for a cursor the listing did
     *     not write
     * @see Scheduler#findJobs(JobQuery)
     */
    public JobPage<Job> findJobs(JobQuery query) {
        return this.engine.findJobs(query);
    }

    /**
     * How many jobs are scheduled, paused and broken over every store (the pending ones before the start), without
     * loading them: one call per store (a {@code GROUP BY} statement for JDBC, an aggregation for MongoDB, an O(1)
     * script for Redis, a pass over the jobs in memory; the ZooKeeper store reads its jobs a page at a time). A snapshot per store, not
     * across stores.
     *
     * @return the counts, never {@code null}
     * @throws io.kairos.scheduler.store.JobStoreException when a store fails
     * @see Scheduler#countJobs(String)
     */
    public JobCounts countJobs() {
        return this.engine.countJobs();
    }

    /**
     * The latest runs of a job, newest first, from its store's run history (every instance sharing the store sees
     * the same). A store that keeps no history (one written outside Kairos) answers an empty list.
     *
     * @param id the job id, not {@code null}; a removed job's runs are found until retention removes them
     * @param limit the most runs to return, 1 to {@value RunQuery#MAX_LIMIT}
     * @return the runs, newest first; empty when the job never ran
     * @see Scheduler#getRuns(String, int)
     */
    public List<RunRecord> getRuns(String id, int limit) {
        return this.engine.getRuns(id, limit);
    }

    /**
     * The newest run of each of some jobs, in one batched read per store (every instance sharing a store sees the
     * same): what a listing of jobs shows as each job's last run.
     *
     * @param jobIds the job ids, not {@code null}; at most {@value io.kairos.scheduler.history.RunHistory#MAX_JOB_IDS}
     * @return job id to its newest run, only for jobs with runs; an unmodifiable map
     * @throws IllegalArgumentException naming {@code jobIds} when there are more ids than the bound
     * @throws io.kairos.scheduler.SchedulerNotRunningException when the scheduler is stopped
     * @see Scheduler#getLastRuns(Collection)
     */
    public Map<String, RunRecord> getLastRuns(Collection<String> jobIds) {
        return this.engine.getLastRuns(jobIds);
    }

    /**
     * One page of runs across jobs and stores, filtered by job, outcome and time range, newest first; pass the
     * page's {@link RunPage#next()} to {@link RunQuery#after} for the next page; it is {@code null} on the last page,
     * where paging stops.
     *
     * @param query what to read, not {@code null}
     * @return the page
     * @see Scheduler#findRuns(RunQuery)
     */
    public RunPage findRuns(RunQuery query) {
        return this.engine.findRuns(query);
    }

    /**
     * Pauses the whole scheduler: stores stay open, no job is submitted until {@link #resume()}.
     *
     * @see Scheduler#pause()
     */
    public void pause() {
        this.engine.pause();
    }

    /**
     * Resumes the whole scheduler after {@link #pause()}.
     *
     * @see Scheduler#resume()
     */
    public void resume() {
        this.engine.resume();
    }

    /**
     * The scheduler's state.
     *
     * @return stopped, running or paused
     */
    public SchedulerState state() {
        return this.engine.state();
    }

    /**
     * The time zone of triggers without their own ({@code kairos.timezone}).
     *
     * @return the zone
     */
    public ZoneId timezone() {
        return this.engine.timezone();
    }

    @Override
    public String toString() {
        return "JobScheduler[" + this.engine.schedulerId() + ", " + this.engine.state() + "]";
    }
}
