package io.kairos.scheduler.history;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;


/**
 * Which run records to read: optionally one job's, optionally only some outcomes, optionally a time range of
 * {@link RunRecord#finishedAt()}, newest first, one page of at most {@code limit} records. Immutable; the
 * {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * RunQuery failedToday = RunQuery.all().withOutcomes(RunOutcome.FAILED).since(midnight).withLimit(100);
 * for (RunPage page = scheduler.findRuns(failedToday); ; page = scheduler.findRuns(failedToday.after(page.next()))) {
 *     page.runs().forEach(this::report);
 *     if (page.next() == null) {
 *         break; // the last page
 *     }
 * }
 * }</pre>
 *
 * @param jobId only this job's runs, or {@code null} for every job
 * @param outcomes only these outcomes; empty for all; never {@code null}, an unmodifiable copy
 * @param since only runs finished at or after this instant, or {@code null}; from {@link #MIN_INSTANT} to
 *     {@link #MAX_INSTANT}
 * @param until only runs finished before this instant, or {@code null}; from {@link #MIN_INSTANT} to
 *     {@link #MAX_INSTANT}
 * @param limit the most records of one page, 1 to {@value #MAX_LIMIT}
 * @param after only records after this position of the newest-first order (the previous page's
 *     {@link RunPage#next()}), or {@code null} for the first page; its {@code finishedAt} from {@link #MIN_INSTANT}
 *     to {@link #MAX_INSTANT}
 */
public record RunQuery(@Nullable String jobId, Set<RunOutcome> outcomes, @Nullable Instant since, @Nullable Instant until, int limit, @Nullable RunCursor after) {

    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** The page size of {@link #all()} and {@link #ofJob(String)}. */
    public static final int DEFAULT_LIMIT = 20;

    /**
     * The earliest instant a query takes, {@code 0001-01-01T00:00:00Z}. The stores keep {@code finishedAt} as epoch
     * milliseconds (a {@code long}), which holds only part of {@link Instant}'s range; years 1 to 9999 are far inside
     * it and are what ISO-8601 writes without a sign.
     */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant a query takes, {@code 9999-12-31T23:59:59.999999999Z}; see {@link #MIN_INSTANT}. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException naming the component when {@code limit} is out of range, {@code since},
     *     {@code until} or the {@code finishedAt} of {@code after} is outside {@link #MIN_INSTANT} to
     *     {@link #MAX_INSTANT}, or {@code since} is after {@code until}
     */
    public RunQuery {
        outcomes = outcomes == null || outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        checkRange("since", since);
        checkRange("until", until);
        checkRange("after.finishedAt", after == null ? null : after.finishedAt());
        if (since != null && until != null && since.isAfter(until)) {
            throw new IllegalArgumentException("since (" + since + ") must not be after until (" + until + ")");
        }
    }

    /**
     * Whether an instant is one a query takes: from {@link #MIN_INSTANT} to {@link #MAX_INSTANT}, both included.
     *
     * @param instant the instant, not {@code null}
     * @return {@code true} when it is in range
     */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN_INSTANT) && !instant.isAfter(MAX_INSTANT);
    }

    private static void checkRange(String field, @Nullable Instant instant) {
        if (instant != null && !inRange(instant)) {
            throw new IllegalArgumentException(field + " (" + instant + ") is out of range; valid: " + MIN_INSTANT + " to "
                    + MAX_INSTANT + " (the stores keep epoch milliseconds)");
        }
    }

    /**
     * Every job's runs, newest first, {@value #DEFAULT_LIMIT} per page.
     *
     * @return the query
     */
    public static RunQuery all() {
        return new RunQuery(null, Set.of(), null, null, DEFAULT_LIMIT, null);
    }

    /**
     * One job's runs, newest first, {@value #DEFAULT_LIMIT} per page.
     *
     * @param jobId the job id, not {@code null}
     * @return the query
     */
    public static RunQuery ofJob(String jobId) {
        return new RunQuery(Objects.requireNonNull(jobId, "jobId"), Set.of(), null, null, DEFAULT_LIMIT, null);
    }

    /**
     * This query restricted to some outcomes.
     *
     * @param first an outcome
     * @param more further outcomes
     * @return the changed copy
     */
    public RunQuery withOutcomes(RunOutcome first, RunOutcome... more) {
        return withOutcomes(EnumSet.of(first, more));
    }

    /**
     * This query restricted to some outcomes.
     *
     * @param wanted the outcomes; empty for all
     * @return the changed copy
     */
    public RunQuery withOutcomes(Collection<RunOutcome> wanted) {
        return new RunQuery(this.jobId, wanted.isEmpty() ? Set.of() : EnumSet.copyOf(wanted), this.since, this.until, this.limit,
                this.after);
    }

    /**
     * This query restricted to runs finished at or after an instant.
     *
     * @param instant the start of the range (inclusive), or {@code null} for none
     * @return the changed copy
     */
    public RunQuery since(@Nullable Instant instant) {
        return new RunQuery(this.jobId, this.outcomes, instant, this.until, this.limit, this.after);
    }

    /**
     * This query restricted to runs finished before an instant.
     *
     * @param instant the end of the range (exclusive), or {@code null} for none
     * @return the changed copy
     */
    public RunQuery until(@Nullable Instant instant) {
        return new RunQuery(this.jobId, this.outcomes, this.since, instant, this.limit, this.after);
    }

    /**
     * This query with another page size.
     *
     * @param max the most records of one page, 1 to {@value #MAX_LIMIT}
     * @return the changed copy
     */
    public RunQuery withLimit(int max) {
        return new RunQuery(this.jobId, this.outcomes, this.since, this.until, max, this.after);
    }

    /**
     * This query's page after a position. The first page is the query without {@code after}; the last page's
     * {@link RunPage#next()} is {@code null}, and is refused here rather than read as "the first page again", so a
     * paging loop that forgets to stop on it fails instead of repeating the records.
     *
     * @param cursor the previous page's {@link RunPage#next()}, not {@code null}
     * @return the changed copy
     * @throws IllegalArgumentException when {@code cursor} is {@code null}
     */
    public RunQuery after(RunCursor cursor) {
        if (cursor == null) {
            throw new IllegalArgumentException("cursor is null; valid: a page's RunPage.next(), which is null only on the"
                    + " last page: stop paging there (the first page is the query without after(...))");
        }
        return new RunQuery(this.jobId, this.outcomes, this.since, this.until, this.limit, cursor);
    }

    /**
     * Whether a record satisfies this query's filters (job, outcomes, time range and cursor; not the limit).
     * Stores that filter in memory use it; those that filter in the backend must agree with it.
     *
     * @param run the record
     * @return {@code true} when the record belongs to the result
     */
    public boolean matches(RunRecord run) {
        return (this.jobId == null || this.jobId.equals(run.jobId()))
                && (this.outcomes.isEmpty() || this.outcomes.contains(run.outcome()))
                && (this.since == null || !run.finishedAt().isBefore(this.since))
                && (this.until == null || run.finishedAt().isBefore(this.until))
                && (this.after == null || RunOrder.NEWEST_FIRST.compare(run.cursor(), this.after) > 0);
    }
}
