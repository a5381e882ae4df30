package io.kairos.scheduler.store;

import io.kairos.scheduler.testing.EveryTrigger;

/**
 * JSON codecs for engine tests, reading the test triggers' specs (until {@code Triggers.fromSpec} is on main).
 */
public final class TestJobCodecs {

    private TestJobCodecs() {
    }

    /**
     * A {@link JsonJobCodec} that reads {@code every} trigger specs.
     *
     * @return the codec
     */
    public static JobCodec everyTriggers() {
        return new JsonJobCodec((spec, zone) -> EveryTrigger.fromSpec(spec));
    }
}
