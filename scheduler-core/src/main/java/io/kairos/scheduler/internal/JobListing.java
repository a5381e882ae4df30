package io.kairos.scheduler.internal;

import io.kairos.scheduler.JobPage;
import io.kairos.scheduler.JobRequest;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;


/**
 * The jobs as text behind {@link Scheduler}: {@code printJobs} in APScheduler 3's layout, and the
 * {@code exportJobs}/{@code importJobs} plumbing around {@link JobsJson} (an import adds the jobs through
 * {@link SchedulerJobs#addAll}, validated as any added job, written in batches).
 *
 * <p>Printing and exporting a started scheduler's jobs read the stores a page of {@value #PAGE} at a time
 * ({@link JobStore#listJobs}) and write each page before reading the next, so memory stays bounded by the page
 * whatever the number of jobs; each store's jobs come in id order.
 *
 * <p><b>Thread-safety.</b> Stateless; as thread-safe as the job API it reads and writes through. A listing is not a
 * snapshot: jobs may change between one page and the next.
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

    /** The page size of printing and exporting. */
    static final int PAGE = JobQuery.MAX_LIMIT;

    public void print(@Nullable String jobstore, Appendable out) {
        try {
            if (this.runtime.isStopped()) {
                out.append("Pending jobs:\n");
                appendJobs(out, this.jobs.list(jobstore), "No pending jobs");
                return;
            }
            List<String> aliases = jobstore != null ? List.of(jobstore) : new ArrayList<>(new TreeMap<>(this.settings.components.stores()).keySet());
            for (String alias : aliases) {
                out.append("Jobstore ").append(alias).append(":\n");
                JobQuery query = JobQuery.all().inStore(alias).withLimit(PAGE);
                boolean none = true;
                for (JobPage<J> page = this.jobs.page(query); ; page = this.jobs.page(query.after(page.next()))) {
                    for (J job : page.jobs()) {
                        out.append("    ").append(job.toString()).append('\n');
                        none = false;
                    }
                    if (page.next() == null) {
                        break;
                    }
                }
                if (none) {
                    out.append("    No scheduled jobs\n");
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void appendJobs(Appendable out, List<?> jobs, String none) throws IOException {
        if (jobs.isEmpty()) {
            out.append("    ").append(none).append('\n');
        }
        for (Object job : jobs) {
            out.append("    ").append(job.toString()).append('\n');
        }
    }

    public void export(@Nullable String jobstore, Appendable out) {
        this.runtime.requireStarted("exportJobs");
        JobCodec codec = codec();
        JobQuery query = JobQuery.all().inStore(jobstore).withLimit(PAGE);
        JobsJson.write(codec, out, new Iterator<>() {

            private StoredJobPage page = JobListing.this.runtime.operations().page(query);

            private int at;

            @Override
            public boolean hasNext() {
                while (this.at == this.page.jobs().size() && this.page.next() != null) {
                    this.page = JobListing.this.runtime.operations().page(query.after(this.page.next()));
                    this.at = 0;
                }
                return this.at < this.page.jobs().size();
            }

            @Override
            public StoredJob next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return this.page.jobs().get(this.at++);
            }
        });
    }

    public List<J> importJobs(String json, String jobstore, ConflictPolicy policy) {
        List<JobRequest> requests = new ArrayList<>();
        for (StoredJob job : JobsJson.read(codec(), json)) {
            JobRequest request = JobRequest.of(job.task()).id(job.id()).name(job.name()).args(job.args()).kwargs(job.kwargs())
                    .trigger(Objects.requireNonNull(job.trigger(), "a decoded job has a trigger")).executor(job.executor()).jobstore(jobstore).misfireGraceTime(job.misfireGraceTime())
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
