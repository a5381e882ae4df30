package io.kairos.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.event.JobFailed;
import io.kairos.scheduler.event.JobMaxInstancesReached;
import io.kairos.scheduler.event.JobMissed;
import io.kairos.scheduler.event.JobModified;
import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.event.JobRetryScheduled;
import io.kairos.scheduler.event.JobStoreFailed;
import io.kairos.scheduler.event.JobSubmitted;
import io.kairos.scheduler.event.RetryDecision;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.event.SchedulerStarted;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.store.JobState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for the Kairos scheduler, fed by its events. Tags carry task names, outcomes and store aliases,
 * never job ids (unbounded cardinality).
 * <ul>
 * <li>{@code kairos.job.executions} (timer; tags {@code task}, {@code outcome} = {@code success} | {@code failure}):
 * time from submission to the end of the run, queueing in the executor included;</li>
 * <li>{@code kairos.job.lateness} (timer; tag {@code task}): submission time minus the time the run was due: its
 * scheduled run time, or for a retry the time the retry was due, so that a retry's back-off is not counted as lateness
 * ({@code JobSubmitted#lateness}); never negative;</li>
 * <li>{@code kairos.job.missed} (counter; tag {@code task}): run times skipped past their misfire grace time;</li>
 * <li>{@code kairos.job.max.instances.reached} (counter; tag {@code task}): run times dropped because the job
 * had max instances runs in flight;</li>
 * <li>{@code kairos.job.retries} (counter; tags {@code task}, {@code outcome} = {@code scheduled} (a failed attempt will be
 * retried), {@code succeeded} (a retry succeeded), {@code exhausted} (the last allowed attempt failed) |
 * {@code not-retryable} (the exception is excluded by the policy)): retries of failed attempts;</li>
 * <li>{@code kairos.store.failures} (counter; tag {@code store}): store operations that failed;</li>
 * <li>{@code kairos.jobs} (gauge; tags {@code store}, {@code state}): jobs per store and state, counted at most
 * every 10 seconds;</li>
 * <li>{@code kairos.jobs.running} (gauge): run times submitted in this instance and not yet ended (executed,
 * failed, or missed when the executor started them).</li>
 * <li>{@code kairos.jobs.stuck} (gauge): runs of this instance that ran past their job's timeout on a thread-pool or
 * virtual-thread executor, were interrupted, and are still in their task ten seconds later (see
 * {@code JobStuck}).</li>
 * </ul>
 * The per-task meters (both outcomes of {@code kairos.job.executions}, lateness, missed, max instances reached, every
 * outcome of {@code kairos.job.retries}) are registered at zero for every job's task when the scheduler starts and
 * when a job is added, and {@code kairos.store.failures} for every store at start, so dashboards and alerts see them
 * before the first run. The task of a job is looked up when the job is added (or at its first event) and cached until
 * the job is modified or removed (a removed one-off job's last run is still reported under its task). Thread-safe.
 */
public class SchedulerMetrics {

    private static final Duration COUNT_INTERVAL = Duration.ofSeconds(10);

    private final Scheduler scheduler;

    private final MeterRegistry registry;

    private final Map<String, String> tasks = new ConcurrentHashMap<>();

    private final Map<String, Instant> submitted = new ConcurrentHashMap<>();

    private final Map<String, End> earlyEnds = new ConcurrentHashMap<>();

    private final AtomicInteger running = new AtomicInteger();

    /** Guards {@code submitted} and {@code earlyEnds} together (see {@code submitted(JobSubmitted)}). */
    private final Object matching = new Object();

    /**
     * The end of a run whose submission has not been seen yet (events of one run may arrive out of order); outcome
     * {@code null} for a run time missed at start (no execution to time).
     */
    private record End(Instant end, @Nullable String outcome) {
    }

    private final Map<String, Map<JobState, Long>> counts = new ConcurrentHashMap<>();

    private final java.util.Set<String> gaugedStores = ConcurrentHashMap.newKeySet();

    private final java.util.Set<String> meteredTasks = ConcurrentHashMap.newKeySet();

    private volatile Instant countedAt = Instant.MIN;

    /**
     * Registers the gauges and subscribes to the scheduler's events.
     *
     * @param scheduler the scheduler
     * @param registry the registry
     */
    public SchedulerMetrics(Scheduler scheduler, MeterRegistry registry) {
        this.scheduler = scheduler;
        this.registry = registry;
        Gauge.builder("kairos.jobs.running", this.running, AtomicInteger::get)
            .description("Runs of Kairos jobs in flight in this instance")
            .register(registry);
        Gauge.builder("kairos.jobs.stuck", scheduler, SchedulerMetrics::stuckRuns)
            .description("Timed-out runs of Kairos jobs whose threads ignore the interrupt and are still in their task")
            .register(registry);
        registerStoreGauges();
        scheduler.addListener(this::onEvent);
    }

    /** Registers the per-store gauges for the stores known now; idempotent (stores appear at the scheduler's start). */
    private void registerStoreGauges() {
        this.scheduler.jobStores().keySet().stream().filter(this.gaugedStores::add).forEach((store) -> {
            for (JobState state : JobState.values()) {
                Gauge.builder("kairos.jobs", () -> count(store, state))
                    .tags("store", store, "state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Kairos jobs per store and state")
                    .register(this.registry);
            }
        });
    }

    /**
     * Registers the per-task meters of every job known now and the per-store failure counters, so that they are
     * listed (at zero) before the first run; a store that cannot list its jobs is left to later events.
     */
    private void registerKnownMeters() {
        for (String store : this.scheduler.jobStores().keySet()) {
            counter("kairos.store.failures", "store", store);
            try {
                this.scheduler.getJobs(store).forEach((job) -> registerTaskMeters(job.task()));
            }
            catch (RuntimeException ex) {
                // the store is down or unreadable: its tasks' meters appear with their first event
            }
        }
    }

    /** Registers the meters tagged with a task, once per task. */
    private void registerTaskMeters(String task) {
        if (!this.meteredTasks.add(task)) {
            return;
        }
        lateness(task);
        executions(task, "success");
        executions(task, "failure");
        counter("kairos.job.missed", "task", task);
        counter("kairos.job.max.instances.reached", "task", task);
        for (String outcome : List.of("scheduled", "succeeded", "exhausted", "not-retryable")) {
            retries(task, outcome);
        }
    }

    private void onEvent(SchedulerEvent event) {
        if (event instanceof SchedulerStarted) {
            registerStoreGauges();
            registerKnownMeters();
        }
        else if (event instanceof JobAdded e) {
            registerTaskMeters(task(e.jobstore(), e.jobId()));
        }
        else if (event instanceof JobSubmitted e) {
            submitted(e);
        }
        else if (event instanceof JobExecuted e) {
            finished(e.jobstore(), e.jobId(), e.scheduledRunTime(), e.timestamp(), "success");
            if (e.attempt() > 1) {
                retries(task(e.jobstore(), e.jobId()), "succeeded").increment();
            }
        }
        else if (event instanceof JobFailed e) {
            finished(e.jobstore(), e.jobId(), e.scheduledRunTime(), e.timestamp(), "failure");
            if (e.retry() == RetryDecision.ATTEMPTS_EXHAUSTED || e.retry() == RetryDecision.NOT_RETRYABLE) {
                retries(task(e.jobstore(), e.jobId()), e.retry() == RetryDecision.ATTEMPTS_EXHAUSTED ? "exhausted" : "not-retryable")
                    .increment();
            }
        }
        else if (event instanceof JobRetryScheduled e) {
            retries(task(e.jobstore(), e.jobId()), "scheduled").increment();
        }
        else if (event instanceof JobMissed e) {
            counter("kairos.job.missed", "task", task(e.jobstore(), e.jobId())).increment();
            if (e.submitted()) {
                // found late when the run started: it ends a submitted run time without an execution
                finished(e.jobstore(), e.jobId(), e.scheduledRunTime(), e.timestamp(), null);
            }
        }
        else if (event instanceof JobMaxInstancesReached e) {
            counter("kairos.job.max.instances.reached", "task", task(e.jobstore(), e.jobId()))
                .increment(e.scheduledRunTimes().size());
        }
        else if (event instanceof JobStoreFailed e) {
            counter("kairos.store.failures", "store", e.alias()).increment();
        }
        else if (event instanceof JobModified e) {
            this.tasks.remove(e.jobstore() + "|" + e.jobId());
        }
        else if (event instanceof JobRemoved e && this.running.get() == 0) {
            this.tasks.remove(e.jobstore() + "|" + e.jobId());
        }
    }

    // submitted() runs on the loop thread and finished() on a worker: the two maps change together under one lock,
    // so that a run ending while its JobSubmitted is being handled is matched by one of the two, never parked in
    // both. Only the matching is locked: task look-ups (possibly a store read) and meter work happen outside it
    private void submitted(JobSubmitted event) {
        Timer lateness = lateness(task(event.jobstore(), event.jobId()));
        for (Instant runTime : event.scheduledRunTimes()) {
            String key = key(event.jobId(), runTime);
            End early;
            synchronized (this.matching) {
                early = this.earlyEnds.remove(key);
                if (early == null) {
                    this.submitted.put(key, event.timestamp());
                    this.running.incrementAndGet();
                }
            }
            if (early != null && early.outcome() != null) {
                record(event.jobstore(), event.jobId(), event.timestamp(), early.end(), early.outcome());
            }
            lateness.record(event.lateness(runTime));
        }
    }

    private void finished(String jobstore, String jobId, Instant runTime, Instant end, @Nullable String outcome) {
        String key = key(jobId, runTime);
        Instant start;
        synchronized (this.matching) {
            start = this.submitted.remove(key);
            if (start == null) {
                // the run ended before its JobSubmitted event was published: recorded when that event arrives
                this.earlyEnds.put(key, new End(end, outcome));
                return;
            }
            this.running.decrementAndGet();
        }
        if (outcome != null) {
            record(jobstore, jobId, start, end, outcome);
        }
    }

    private void record(String jobstore, String jobId, Instant start, Instant end, String outcome) {
        executions(task(jobstore, jobId), outcome).record(positive(Duration.between(start, end)));
    }

    private Timer executions(String task, String outcome) {
        return Timer.builder("kairos.job.executions").tags("task", task, "outcome", outcome)
            .description("Kairos job runs, from submission to the end of the run")
            .register(this.registry);
    }

    private Timer lateness(String task) {
        return Timer.builder("kairos.job.lateness").tag("task", task)
            .description("How late Kairos job runs were submitted, relative to when they were due (a retry: its due time)")
            .register(this.registry);
    }

    private Counter retries(String task, String outcome) {
        return Counter.builder("kairos.job.retries").tag("task", task).tag("outcome", outcome)
            .description("Retries of failed Kairos job attempts, by what became of them")
            .register(this.registry);
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(this.registry);
    }

    private String task(String jobstore, String jobId) {
        return this.tasks.computeIfAbsent(jobstore + "|" + jobId, (key) -> {
            try {
                return this.scheduler.getJob(jobId, jobstore).map(Job::task).orElse("unknown");
            }
            catch (RuntimeException ex) {
                return "unknown";
            }
        });
    }

    private double count(String store, JobState state) {
        Instant now = Instant.now();
        if (this.countedAt.plus(COUNT_INTERVAL).isBefore(now)) {
            this.countedAt = now;
            for (String alias : this.scheduler.jobStores().keySet()) {
                Map<JobState, Long> byState = new EnumMap<>(JobState.class);
                try {
                    for (Job job : this.scheduler.getJobs(alias)) {
                        byState.merge(job.state(), 1L, Long::sum);
                    }
                    this.counts.put(alias, byState);
                }
                catch (RuntimeException ex) {
                    this.counts.remove(alias);
                }
            }
        }
        Map<JobState, Long> byState = this.counts.get(store);
        return byState == null ? Double.NaN : byState.getOrDefault(state, 0L);
    }

    private static double stuckRuns(Scheduler scheduler) {
        return scheduler.executors().values().stream().mapToInt(JobExecutor::stuckRuns).sum();
    }

    private static String key(String jobId, Instant runTime) {
        return jobId + "@" + runTime;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
