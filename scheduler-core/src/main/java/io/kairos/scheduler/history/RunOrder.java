package io.kairos.scheduler.history;

import java.util.Comparator;

/**
 * The order of run histories: newest first.
 */
public final class RunOrder {

    /** {@code finishedAt} descending, then {@code runId} descending (plain {@code String} order). */
    public static final Comparator<RunCursor> NEWEST_FIRST = Comparator.comparing(RunCursor::finishedAt)
            .thenComparing(RunCursor::runId)
            .reversed();

    /** {@link #NEWEST_FIRST} on records. */
    public static final Comparator<RunRecord> RECORDS_NEWEST_FIRST = Comparator.comparing(RunRecord::cursor, NEWEST_FIRST);

    private RunOrder() {
    }
}
