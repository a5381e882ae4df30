package io.kairos.scheduler.history;

import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * One page of run records, newest first. Immutable.
 *
 * @param runs the records, newest first; at most the query's limit; never {@code null}, unmodifiable
 * @param next where the next page starts (pass it to {@link RunQuery#after(RunCursor)}), or {@code null} when
 *     this page is the last one: stop there ({@code after} refuses {@code null})
 */
public record RunPage(List<RunRecord> runs, @Nullable RunCursor next) {

    /**
     * Copies the records.
     */
    public RunPage {
        runs = List.copyOf(runs);
    }
}
