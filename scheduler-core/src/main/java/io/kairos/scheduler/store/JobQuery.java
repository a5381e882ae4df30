package io.kairos.scheduler.store;

import org.jspecify.annotations.Nullable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which jobs to list, one page at a time: optionally only some states, one store, one executor, one task; at most
 * {@code limit} jobs per page, after a cursor. Immutable; the {@code with…} methods return changed copies.
 *
 * <p>A page is read in the id order of one store (then store after store, by alias, for
 * {@link io.kairos.scheduler.Scheduler#findJobs(JobQuery)}), and the filters are applied to the rows a page read: a
 * page reads at most {@code limit} rows (plus one to learn whether more follow), so <b>a page may hold fewer than
 * {@code limit} jobs, even none, and still have a next page</b>. Read on until {@code next} is {@code null}. Jobs
 * present for the whole listing come exactly once; a job added or removed meanwhile may or may not come.
 *
 * <pre>{@code
 * JobQuery paused = JobQuery.all().withStates(JobState.PAUSED).withLimit(500);
 * for (JobPage page = scheduler.findJobs(paused); ; page = scheduler.findJobs(paused.after(page.next()))) {
 *     page.jobs().forEach(System.out::println);
 *     if (page.next() == null) break;
 * }
 * }</pre>
 *
 * @param states only jobs in these states; empty for all ({@link JobState#SCHEDULED}, {@link JobState#PAUSED},
 *     {@link JobState#BROKEN}); never {@code null}, an unmodifiable copy; {@link JobState#FINISHED} markers are never
 *     listed
 * @param jobstore only the jobs of the store with this alias, or {@code null} for every store
 * @param executor only jobs run by the executor with this alias, or {@code null} for any
 * @param task only jobs of this task name (exact), or {@code null} for any
 * @param limit the most rows one page reads and returns, 1 to {@value #MAX_LIMIT}
 * @param cursor where the page starts: the {@code next} of the previous page of the same listing (a store's
 *     {@link StoredJobPage#next()} for {@link JobStore#listJobs}, the scheduler's for {@code Scheduler.findJobs}), or
 *     {@code null} for the first page. Untrusted when it comes from a request: a cursor the listing did not write is
 *     an {@link IllegalArgumentException} naming {@code cursor}
 */
public record JobQuery(Set<JobState> states, @Nullable String jobstore, @Nullable String executor, @Nullable String task, int limit,
        @Nullable String cursor) {

    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** The page size of {@link #all()}. */
    public static final int DEFAULT_LIMIT = 100;

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException naming the component when {@code limit} is out of range or {@code states}
     *     holds {@link JobState#FINISHED}
     */
    public JobQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        if (states.contains(JobState.FINISHED)) {
            throw new IllegalArgumentException("states: FINISHED markers are not jobs and are never listed; valid: SCHEDULED, PAUSED, BROKEN");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /**
     * Every job of every store, {@value #DEFAULT_LIMIT} per page, from the first page.
     *
     * @return the query
     */
    public static JobQuery all() {
        return new JobQuery(Set.of(), null, null, null, DEFAULT_LIMIT, null);
    }

    /**
     * This query restricted to some states.
     *
     * @param first a state
     * @param more further states
     * @return the changed copy
     * @throws IllegalArgumentException for {@link JobState#FINISHED}
     */
    public JobQuery withStates(JobState first, JobState... more) {
        return withStates(EnumSet.of(first, more));
    }

    /**
     * This query restricted to some states.
     *
     * @param wanted the states; empty for all
     * @return the changed copy
     * @throws IllegalArgumentException for {@link JobState#FINISHED}
     */
    public JobQuery withStates(Collection<JobState> wanted) {
        return new JobQuery(Set.copyOf(wanted), this.jobstore, this.executor, this.task, this.limit, this.cursor);
    }

    /**
     * This query restricted to one store.
     *
     * @param alias the store alias, or {@code null} for every store
     * @return the changed copy
     */
    public JobQuery inStore(@Nullable String alias) {
        return new JobQuery(this.states, alias, this.executor, this.task, this.limit, this.cursor);
    }

    /**
     * This query restricted to one executor.
     *
     * @param alias the executor alias, or {@code null} for any
     * @return the changed copy
     */
    public JobQuery withExecutor(String alias) {
        return new JobQuery(this.states, this.jobstore, alias, this.task, this.limit, this.cursor);
    }

    /**
     * This query restricted to one task.
     *
     * @param name the task name, or {@code null} for any
     * @return the changed copy
     */
    public JobQuery withTask(String name) {
        return new JobQuery(this.states, this.jobstore, this.executor, name, this.limit, this.cursor);
    }

    /**
     * This query with another page size.
     *
     * @param max the most rows of one page, 1 to {@value #MAX_LIMIT}
     * @return the changed copy
     * @throws IllegalArgumentException when out of range
     */
    public JobQuery withLimit(int max) {
        return new JobQuery(this.states, this.jobstore, this.executor, this.task, max, this.cursor);
    }

    /**
     * This query's page after a position.
     *
     * @param next the previous page's {@code next}, or {@code null} for the first page
     * @return the changed copy
     */
    public JobQuery after(@Nullable String next) {
        return new JobQuery(this.states, this.jobstore, this.executor, this.task, this.limit, next);
    }

    /**
     * Whether a job passes this query's filters (states, store, executor, task; not the cursor or limit). A
     * {@link JobState#FINISHED} marker never does.
     *
     * @param job the job, not {@code null}
     * @return {@code true} when the job belongs to the result
     */
    public boolean matches(StoredJob job) {
        Objects.requireNonNull(job, "job");
        return job.state() != JobState.FINISHED
                && (this.states.isEmpty() || this.states.contains(job.state()))
                && (this.jobstore == null || this.jobstore.equals(job.jobstore()))
                && (this.executor == null || this.executor.equals(job.executor()))
                && (this.task == null || this.task.equals(job.task()));
    }
}
