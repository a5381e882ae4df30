package io.kairos.scheduler.history;

import io.kairos.scheduler.input.InputText;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the newest-first order of run records ({@code finishedAt} descending, then {@code runId}
 * descending): a query {@linkplain RunQuery#after(RunCursor) after} it returns the records that come after
 * this one. Keyset paging, so records written meanwhile neither repeat nor shift the pages. Immutable.
 *
 * @param finishedAt the {@link RunRecord#finishedAt()} of the last record seen, not {@code null}
 * @param runId the {@link RunRecord#runId()} of the last record seen, not {@code null}
 */
public record RunCursor(Instant finishedAt, String runId) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is {@code null}
     */
    public RunCursor {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(runId, "runId");
    }

    /**
     * This cursor as an opaque page token for URLs: {@code <epoch milliseconds>~<run id>}.
     *
     * @return the token
     */
    public String toToken() {
        return this.finishedAt.toEpochMilli() + "~" + this.runId;
    }

    /**
     * Reads a page token written by {@link #toToken()}. The time must be from {@link RunQuery#MIN_INSTANT} to
     * {@link RunQuery#MAX_INSTANT}, and the run id must not hold U+0000 (NUL): no run id the scheduler writes does, and
     * a PostgreSQL text cannot hold it, so such a token could only fail in the store.
     *
     * @param token the token, untrusted
     * @return the cursor
     * @throws IllegalArgumentException naming the token when it is not one
     */
    public static RunCursor fromToken(String token) {
        Objects.requireNonNull(token, "token");
        int separator = token.indexOf('~');
        if (separator > 0 && separator < token.length() - 1 && separator <= 20) {
            String runId = token.substring(separator + 1);
            if (runId.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("page token " + InputText.quote(token.replace("\0", "\\u0000"))
                        + " holds a NUL character (U+0000) in its run id; no run id holds one");
            }
            try {
                Instant finishedAt = Instant.ofEpochMilli(Long.parseLong(token.substring(0, separator)));
                if (!RunQuery.inRange(finishedAt)) {
                    throw new IllegalArgumentException("page token " + InputText.quote(token) + " is not one this scheduler"
                            + " wrote: its time (" + finishedAt + ") is outside years 1 to 9999");
                }
                return new RunCursor(finishedAt, runId);
            }
            catch (NumberFormatException ex) {
                // reported below
            }
        }
        throw new IllegalArgumentException("page token " + InputText.quote(token)
                + " is not one this scheduler wrote (<epoch milliseconds>~<run id>)");
    }
}
