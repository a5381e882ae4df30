package io.kairos.scheduler.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How much run history a store keeps ({@code kairos.history.max-runs-per-job} and {@code kairos.history.max-age}).
 * Immutable.
 *
 * @param maxRunsPerJob the most records kept per job id, newest kept; at least 1
 * @param maxAge records that finished longer ago than this are removed; positive, not {@code null}
 */
public record RunRetention(int maxRunsPerJob, Duration maxAge) {

    /** The defaults: 100 runs per job, 7 days. */
    public static final RunRetention DEFAULT = new RunRetention(100, Duration.ofDays(7));

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException naming the property when a value is out of range
     */
    public RunRetention {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxRunsPerJob < 1) {
            throw new IllegalArgumentException("kairos.history.max-runs-per-job must be at least 1, was " + maxRunsPerJob);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("kairos.history.max-age must be positive, was " + maxAge);
        }
    }
}
