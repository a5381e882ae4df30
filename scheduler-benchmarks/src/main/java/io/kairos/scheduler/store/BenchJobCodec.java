package io.kairos.scheduler.store;

import io.kairos.scheduler.benchmarks.e2e.kairos.DueAt;

/**
 * Benchmark-only stand-in: the production {@link JsonJobCodec} with a trigger decoder that reads the
 * {@code date} specs written by {@link DueAt}. Needed while {@code JsonJobCodec}'s default decoder still refuses
 * every trigger type (the seam replaced once {@code Triggers.fromSpec} lands on main); everything else (the JSON
 * written and read) is the production codec. Lives in this package to reach the package-private constructor.
 */
public final class BenchJobCodec {

    private BenchJobCodec() {
    }

    /** @return the production JSON codec reading {@link DueAt} triggers */
    public static JobCodec create() {
        return new JsonJobCodec((spec, zone) -> DueAt.fromSpec(spec));
    }
}
