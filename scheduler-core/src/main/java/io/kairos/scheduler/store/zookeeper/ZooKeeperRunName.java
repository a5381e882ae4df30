package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunOrder;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * The name of a run znode, {@code <finished at, epoch milliseconds>~<outcome>~<run id, encoded>}: it carries what the
 * history filters and orders on, so that a query or the retention reads a job's child list and only the data of the
 * runs it returns. The same record always gets the same name, so a record written twice is created once. Immutable.
 *
 * @param name the znode name
 * @param finishedAt when the run finished
 * @param outcome the run's outcome
 * @param runId the run id
 */
record ZooKeeperRunName(String name, Instant finishedAt, RunOutcome outcome, String runId) {

    /** {@link RunOrder#NEWEST_FIRST} on names. */
    static final Comparator<ZooKeeperRunName> NEWEST_FIRST = Comparator.comparing(ZooKeeperRunName::cursor, RunOrder.NEWEST_FIRST);

    private static final char SEPARATOR = '~';

    /**
     * The name of a record's znode.
     *
     * @param run the record
     * @return the name
     */
    static String of(RunRecord run) {
        return run.finishedAt().toEpochMilli() + "" + SEPARATOR + run.outcome().name() + SEPARATOR + ZooKeeperPaths.encode(run.runId());
    }

    /**
     * Reads a znode name.
     *
     * @param name a child of {@code runs/<job>}, untrusted
     * @return the name's parts, or {@code null} when the name is not one {@link #of} writes
     */
    static @Nullable ZooKeeperRunName parse(String name) {
        int first = name.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : name.indexOf(SEPARATOR, first + 1);
        if (first <= 0 || second <= first + 1 || second == name.length() - 1) {
            return null;
        }
        try {
            long millis = Long.parseLong(name.substring(0, first));
            RunOutcome outcome = RunOutcome.valueOf(name.substring(first + 1, second));
            return new ZooKeeperRunName(name, Instant.ofEpochMilli(millis), outcome,
                    URLDecoder.decode(name.substring(second + 1), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException | java.time.DateTimeException ex) {
            return null;
        }
    }

    /**
     * The position of this run in the newest-first order.
     *
     * @return the cursor
     */
    RunCursor cursor() {
        return new RunCursor(this.finishedAt, this.runId);
    }

    /**
     * Whether the run satisfies a query's outcome, time range and cursor (the job is chosen by the parent znode).
     *
     * @param query the query
     * @return {@code true} when the run belongs to the result
     */
    boolean matches(RunQuery query) {
        return (query.outcomes().isEmpty() || query.outcomes().contains(this.outcome))
                && (query.since() == null || !this.finishedAt.isBefore(query.since()))
                && (query.until() == null || this.finishedAt.isBefore(query.until()))
                && (query.after() == null || RunOrder.NEWEST_FIRST.compare(cursor(), query.after()) > 0);
    }
}
