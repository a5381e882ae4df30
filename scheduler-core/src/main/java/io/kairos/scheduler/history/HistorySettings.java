package io.kairos.scheduler.history;

import java.util.Objects;

/**
 * Whether and how a scheduler records run history ({@code kairos.history.*}). Immutable.
 *
 * @param enabled whether runs are recorded ({@code kairos.history.enabled}, default {@code true})
 * @param retention what the stores keep ({@code kairos.history.max-runs-per-job}, {@code kairos.history.max-age});
 *     not {@code null}
 * @param maxStackTraceLength the most characters of a failed run's stack trace kept
 *     ({@code kairos.history.max-stack-trace-length}, default 16,384), at least 256
 * @param maxResultLength the most characters of a run's result (as JSON) kept
 *     ({@code kairos.history.max-result-length}, default 4,096), at least 16
 */
public record HistorySettings(boolean enabled, RunRetention retention, int maxStackTraceLength, int maxResultLength) {

    /** The defaults: enabled, {@link RunRetention#DEFAULT}, 16,384 and 4,096 characters. */
    public static final HistorySettings DEFAULTS = new HistorySettings(true, RunRetention.DEFAULT, 16 * 1024, 4 * 1024);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException naming the property when a value is out of range
     */
    public HistorySettings {
        Objects.requireNonNull(retention, "retention");
        if (maxStackTraceLength < 256) {
            throw new IllegalArgumentException("kairos.history.max-stack-trace-length must be at least 256, was " + maxStackTraceLength);
        }
        if (maxResultLength < 16) {
            throw new IllegalArgumentException("kairos.history.max-result-length must be at least 16, was " + maxResultLength);
        }
    }

    /**
     * These settings turned on or off.
     *
     * @param on whether runs are recorded
     * @return the changed copy
     */
    public HistorySettings withEnabled(boolean on) {
        return new HistorySettings(on, this.retention, this.maxStackTraceLength, this.maxResultLength);
    }

    /**
     * These settings with another retention.
     *
     * @param kept what the stores keep, not {@code null}
     * @return the changed copy
     */
    public HistorySettings withRetention(RunRetention kept) {
        return new HistorySettings(this.enabled, kept, this.maxStackTraceLength, this.maxResultLength);
    }

    /**
     * These settings with other size limits.
     *
     * @param stackTrace the most characters of a stack trace kept, at least 256
     * @param result the most characters of a result kept, at least 16
     * @return the changed copy
     */
    public HistorySettings withLimits(int stackTrace, int result) {
        return new HistorySettings(this.enabled, this.retention, stackTrace, result);
    }
}
