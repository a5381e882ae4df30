package io.kairos.scheduler.store;

import org.jspecify.annotations.Nullable;
import java.util.List;

/**
 * One page of a job store's listing ({@link JobStore#listJobs}), in id order. Immutable.
 *
 * @param jobs the jobs of the page that pass the query's filters, in id order; at most the query's limit, possibly
 *     none; never {@code null}, unmodifiable
 * @param next the cursor of the next page (pass it to {@link JobQuery#after(String)}), or {@code null} when this
 *     page is the last one
 */
public record StoredJobPage(List<StoredJob> jobs, @Nullable String next) {

    /**
     * Copies the jobs.
     */
    public StoredJobPage {
        jobs = List.copyOf(jobs);
    }

    /**
     * One page cut from rows read in id order: the first {@code limit} rows are the page, and a further row means a
     * next page follows (it starts after the last row of this one). For stores that read {@code limit + 1} rows
     * after the cursor.
     *
     * @param rows the rows read after the cursor, in id order, at most {@code query.limit() + 1}
     * @param query the query whose filters apply
     * @return the page
     */
    public static StoredJobPage of(List<StoredJob> rows, JobQuery query) {
        int pageRows = Math.min(rows.size(), query.limit());
        List<StoredJob> jobs = rows.subList(0, pageRows).stream().filter(query::matches).toList();
        String next = rows.size() > query.limit() ? rows.get(pageRows - 1).id() : null;
        return new StoredJobPage(jobs, next);
    }
}
