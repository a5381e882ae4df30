package io.kairos.scheduler.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobCountsTests {

    @Test
    void addsByStateAndLeavesFinishedMarkersOut() {
        JobCounts counts = JobCounts.NONE.plus(JobState.SCHEDULED, 3).plus(JobState.PAUSED, 2).plus(JobState.BROKEN, 1)
                .plus(JobState.FINISHED, 9);
        assertThat(counts).isEqualTo(new JobCounts(3, 2, 1));
        assertThat(counts.total()).isEqualTo(6);
        assertThat(counts.of(JobState.PAUSED)).isEqualTo(2);
        assertThat(counts.of(JobState.FINISHED)).isZero();
        assertThat(counts.plus(new JobCounts(1, 1, 1))).isEqualTo(new JobCounts(4, 3, 2));
    }

    @Test
    void aStoredStateThatIsNoJobStateCountsAsBroken() {
        JobCounts counts = JobCounts.NONE.plusStored("SCHEDULED", 5).plusStored("FINISHED", 7).plusStored("scheduled", 1)
                .plusStored(null, 2).plusStored("PAUSED", 4);
        assertThat(counts).isEqualTo(new JobCounts(5, 4, 3));
    }

    @Test
    void refusesANegativeCountNamingIt() {
        assertThatThrownBy(() -> new JobCounts(0, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("paused must be at least 0, was -1");
    }
}
