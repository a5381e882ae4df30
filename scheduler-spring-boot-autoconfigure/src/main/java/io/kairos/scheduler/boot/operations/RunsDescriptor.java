package io.kairos.scheduler.boot.operations;

import java.util.List;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * A page of run records as the {@code scheduler} endpoint answers it: {@code {"runs": [...], "next": "..."}}.
 *
 * @param runs the runs, newest first
 * @param next the page token to pass as {@code ?after=} for the next page, or {@code null} when this page held
 *     fewer runs than the limit
 */
public record RunsDescriptor(List<RunDescriptor> runs, @Nullable String next) {

    /**
     * Describes a page.
     *
     * @param runs the records, newest first
     * @param next where the next page starts, or {@code null}
     * @return the descriptor
     */
    public static RunsDescriptor of(List<RunRecord> runs, @Nullable RunCursor next) {
        return new RunsDescriptor(runs.stream().map(RunDescriptor::of).toList(), next != null ? next.toToken() : null);
    }
}
