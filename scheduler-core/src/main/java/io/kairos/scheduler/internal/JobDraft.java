package io.kairos.scheduler.internal;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A mutable copy of a {@link StoredJob}'s fields, for building changed jobs. Not thread-safe; used within one
 * call.
 */
final class JobDraft {

    String id;

    String name;

    String task;

    List<Object> args;

    Map<String, Object> kwargs;

    Trigger trigger;

    String executor;

    String jobstore;

    Duration misfireGraceTime;

    boolean coalesce;

    int maxInstances;

    Duration jitter;

    Instant nextRunTime;

    Instant nextFireTime;

    JobState state = JobState.PAUSED;

    String brokenReason;

    long version;

    Duration timeout;

    boolean keepsFinishedMarker;

    RetryPolicy retry = RetryPolicy.NONE;

    PendingRetry pendingRetry;

    JobDraft() {
    }

    JobDraft(StoredJob job) {
        this.id = job.id();
        this.name = job.name();
        this.task = job.task();
        this.args = job.args();
        this.kwargs = job.kwargs();
        this.trigger = job.trigger();
        this.executor = job.executor();
        this.jobstore = job.jobstore();
        this.misfireGraceTime = job.misfireGraceTime();
        this.coalesce = job.coalesce();
        this.maxInstances = job.maxInstances();
        this.jitter = job.jitter();
        this.nextRunTime = job.nextRunTime();
        this.nextFireTime = job.nextFireTime();
        this.state = job.state();
        this.brokenReason = job.brokenReason();
        this.version = job.version();
        this.timeout = job.timeout();
        this.keepsFinishedMarker = job.keepsFinishedMarker();
        this.retry = job.retry();
        this.pendingRetry = job.pendingRetry();
    }

    JobDraft schedule(Instant runTime, Instant fireTime) {
        this.nextRunTime = runTime;
        this.nextFireTime = runTime == null ? null : fireTime;
        this.state = runTime == null ? JobState.PAUSED : JobState.SCHEDULED;
        this.brokenReason = null;
        // a new schedule (pause, resume, reschedule) drops a pending retry
        this.pendingRetry = null;
        return this;
    }

    StoredJob build() {
        return new StoredJob(this.id, this.name, this.task, this.args, this.kwargs, this.trigger, this.executor, this.jobstore,
                this.misfireGraceTime, this.coalesce, this.maxInstances, this.jitter, this.nextRunTime, this.nextFireTime, this.state,
                this.brokenReason, this.version, this.timeout, this.keepsFinishedMarker, this.retry,
                this.state == JobState.SCHEDULED ? this.pendingRetry : null);
    }
}
