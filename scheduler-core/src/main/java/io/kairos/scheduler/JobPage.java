package io.kairos.scheduler;

import org.jspecify.annotations.Nullable;
import java.util.List;

/**
 * One page of a scheduler's jobs ({@link Scheduler#findJobs(io.kairos.scheduler.store.JobQuery)}): the stores one
 * after another by alias, each in id order. Immutable.
 *
 * @param <J> the type of the jobs ({@link Job} for {@code Scheduler.findJobs})
 * @param jobs the jobs of the page that pass the query's filters; at most the query's limit, possibly none even when
 *     more pages follow; never {@code null}, unmodifiable
 * @param next the opaque cursor of the next page (pass it to {@link io.kairos.scheduler.store.JobQuery#after}), or
 *     {@code null} when this page is the last one
 */
public record JobPage<J>(List<J> jobs, @Nullable String next) {

    /**
     * Copies the jobs.
     */
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
