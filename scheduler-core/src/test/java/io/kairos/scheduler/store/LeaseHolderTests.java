package io.kairos.scheduler.store;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LeaseHolder}: the checks of its components and {@link LeaseHolder#tally}.
 */
class LeaseHolderTests {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void tallyGroupsLeasesByOwnerWithTheirEarliestAndLatestExpiry() {
        Map<String, String> owners = Map.of("a", "node-2", "b", "node-1", "c", "node-1", "d", "node-1");
        Map<String, Instant> expiries = Map.of("a", T.plusSeconds(5), "b", T.plusSeconds(30), "c", T.plusSeconds(10), "d",
                T.plusSeconds(20));
        assertThat(LeaseHolder.tally(owners, expiries)).containsExactly(
                new LeaseHolder("node-1", 3, T.plusSeconds(10), T.plusSeconds(30)),
                new LeaseHolder("node-2", 1, T.plusSeconds(5), T.plusSeconds(5)));
    }

    @Test
    void tallyLeavesOutJobsFoundInOnlyOneMap() {
        assertThat(LeaseHolder.tally(Map.of("a", "node-1", "b", "node-2"), Map.of("a", T, "c", T)))
            .containsExactly(new LeaseHolder("node-1", 1, T, T));
        assertThat(LeaseHolder.tally(Map.of(), Map.of("a", T))).isEmpty();
    }

    @Test
    void aHolderHoldsAtLeastOneJob() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LeaseHolder("node-1", 0, T, T))
            .withMessage("jobsHeld must be at least 1, was 0");
    }

}
