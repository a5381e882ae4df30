package io.kairos.scheduler.boot.operations;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobState;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of job lists (actuator, dashboard), read from untrusted text into a {@link JobQuery}: a bad
 * value is an {@link InvalidOperationException} (a 400 over HTTP) whose field is the parameter and whose message
 * quotes the value and says what is valid. Stateless.
 */
public final class JobsParameters {

    /** Jobs per answer when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = JobQuery.DEFAULT_LIMIT;

    /** Most jobs per answer. */
    public static final int MAX_LIMIT = JobQuery.MAX_LIMIT;

    /** The longest cursor taken (the scheduler's cursors of ids of 191 characters stay far below it). */
    public static final int MAX_CURSOR_LENGTH = 2048;

    private static final String STATES = "SCHEDULED, PAUSED, BROKEN";

    private JobsParameters() {
    }

    /**
     * A query from the parameters.
     *
     * @param limit {@code ?limit=}: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
     * @param cursor {@code ?cursor=}: the {@code next} of the previous answer, or {@code null} for the first page
     * @param state {@code ?state=}: {@code SCHEDULED}, {@code PAUSED} or {@code BROKEN} (any case), or {@code null}
     * @param store {@code ?store=}: a job store alias, or {@code null}
     * @param executor {@code ?executor=}: an executor alias, or {@code null}
     * @param task {@code ?task=}: a task name, or {@code null}
     * @return the query
     * @throws InvalidOperationException naming the first bad parameter
     */
    public static JobQuery query(@Nullable String limit, @Nullable String cursor, @Nullable String state, @Nullable String store,
            @Nullable String executor, @Nullable String task) {
        JobQuery query = JobQuery.all().withLimit(limit(limit)).inStore(blankToNull(store)).withExecutor(blankToNull(executor))
            .withTask(blankToNull(task));
        String wanted = blankToNull(state);
        if (wanted != null) {
            query = query.withStates(state(wanted));
        }
        String after = blankToNull(cursor);
        if (after != null && after.length() > MAX_CURSOR_LENGTH) {
            throw RunsParameters.invalid("cursor", "'cursor' is " + after.length() + " characters long; at most " + MAX_CURSOR_LENGTH
                    + "; pass the 'next' value of the previous answer");
        }
        return query.after(after);
    }

    /**
     * Checks {@code ?executor=} against the executor aliases a caller offers (the dashboard: this instance's
     * executors, the ones its filter lists), as the scheduler checks {@code ?store=} against its stores: an alias
     * that is not one of them is an error rather than an empty page. {@code default} is always taken (the scheduler
     * creates it at start when missing). The actuator's list does not call this: instances sharing a store may have
     * other executors (worker groups, see docs/clustering.md), and an API caller may list another group's jobs.
     *
     * @param query the query from {@link #query}
     * @param known the executor aliases taken
     * @return the query
     * @throws InvalidOperationException (field {@code executor}) naming the value and the aliases taken
     */
    public static JobQuery requireExecutor(JobQuery query, Collection<String> known) {
        String executor = query.executor();
        if (executor == null || executor.equals("default") || known.contains(executor)) {
            return query;
        }
        TreeSet<String> valid = new TreeSet<>(known);
        valid.add("default");
        throw RunsParameters.invalid("executor", "'executor': value " + InputText.quote(executor)
                + " is not an executor of this scheduler; valid: " + String.join(", ", valid));
    }

    /**
     * The parameter a refusal of the scheduler's listing concerns: {@code cursor} for a cursor it did not write,
     * {@code store} for an unknown store.
     *
     * @param ex what {@code findJobs} threw
     * @return the exception to answer with
     */
    public static InvalidOperationException refused(IllegalArgumentException ex) {
        String message = String.valueOf(ex.getMessage());
        if (message.startsWith("cursor ")) {
            return RunsParameters.invalid("cursor", "'cursor': " + message);
        }
        return RunsParameters.invalid("store", "'store': " + message);
    }

    private static int limit(@Nullable String text) {
        return RunsParameters.limit(text, DEFAULT_LIMIT, MAX_LIMIT);
    }

    private static JobState state(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (!name.equals(JobState.FINISHED.name())) {
            try {
                return JobState.valueOf(name);
            }
            catch (IllegalArgumentException ex) {
                // reported below
            }
        }
        throw RunsParameters.invalid("state", "'state': value " + InputText.quote(text) + " is not a job state; valid: " + STATES);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
