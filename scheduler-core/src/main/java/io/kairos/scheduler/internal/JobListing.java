package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobRequest;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.StoredJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs as text behind {@link Scheduler}: {@code printJobs} in APScheduler 3's layout, and the
 * {@code exportJobs}/{@code importJobs} plumbing around {@link JobsJson} (an import adds the jobs through
 * {@link SchedulerJobs#addAll}, validated as any added job, written in batches).
 *
 * <p><b>Thread-safety.</b> Stateless; as thread-safe as the job API it reads and writes through. A listing is not a
 * snapshot: jobs may change between one store's section and the next.
 */
public final class JobListing<J> {

    private final Settings settings;

    private final SchedulerRuntime runtime;

    private final SchedulerJobs<J> jobs;

    public JobListing(Settings settings, SchedulerRuntime runtime, SchedulerJobs<J> jobs) {
        this.settings = settings;
        this.runtime = runtime;
        this.jobs = jobs;
    }

    public void print(String jobstore, Appendable out) {
        StringBuilder text = new StringBuilder();
        if (this.runtime.isStopped()) {
            text.append("Pending jobs:\n");
            appendJobs(text, this.jobs.list(jobstore), "No pending jobs");
        }
        else {
            List<String> aliases = jobstore != null ? List.of(jobstore) : new ArrayList<>(this.settings.components.stores().keySet());
            for (String alias : aliases) {
                text.append("Jobstore ").append(alias).append(":\n");
                appendJobs(text, this.jobs.list(alias), "No scheduled jobs");
            }
        }
        try {
            out.append(text);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void appendJobs(StringBuilder text, List<?> jobs, String none) {
        if (jobs.isEmpty()) {
            text.append("    ").append(none).append('\n');
        }
        jobs.forEach((j) -> text.append("    ").append(j).append('\n'));
    }

    public String export(String jobstore) {
        this.runtime.requireStarted("exportJobs");
        return JobsJson.write(codec(), this.runtime.operations().list(jobstore));
    }

    public List<J> importJobs(String json, String jobstore, ConflictPolicy policy) {
        List<JobRequest> requests = new ArrayList<>();
        for (StoredJob job : JobsJson.read(codec(), json)) {
            JobRequest request = JobRequest.of(job.task()).id(job.id()).name(job.name()).args(job.args()).kwargs(job.kwargs())
                    .trigger(job.trigger()).executor(job.executor()).jobstore(jobstore).misfireGraceTime(job.misfireGraceTime())
                    .coalesce(job.coalesce()).maxInstances(job.maxInstances()).jitter(job.jitter())
                    .timeout(job.timeout()).nextRunTime(job.nextRunTime()).conflictPolicy(policy);
            requests.add(request);
        }
        return this.jobs.addAll(requests);
    }

    private JobCodec codec() {
        if (this.settings.codec == null) {
            throw new IllegalStateException("No JobCodec is configured; set one with SchedulerBuilder.jobCodec(...)");
        }
        return this.settings.codec;
    }
}
