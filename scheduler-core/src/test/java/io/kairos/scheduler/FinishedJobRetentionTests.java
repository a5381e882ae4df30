package io.kairos.scheduler;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The finished marker a one-shot job with a chosen id leaves is kept for {@code kairos.finished-job-retention}
 * (scheduler clock), then the loop removes it and the same add runs the job again.
 */
class FinishedJobRetentionTests extends SchedulerTestSupport {

    private JobRequest oneShot() {
        return JobRequest.of("record").id("once").trigger(Map.of("type", "date", "run_date", T0.toString()))
                .conflictPolicy(ConflictPolicy.KEEP_EXISTING);
    }

    @Test
    void markerIsKeptForTheRetentionThenRemovedByTheLoop() {
        build((b) -> b.properties(Map.of("kairos.finished-job-retention", "1d")));
        this.scheduler.start();
        JobStore store = this.scheduler.jobStores().get("default");
        this.scheduler.addJob(oneShot());
        await().until(() -> store.lookupFinished("once").isPresent());
        assertThat(this.runs).hasSize(1);

        advance(Duration.ofHours(23));
        awaitIdle();
        awaitIdle();
        assertThat(store.lookupFinished("once")).isPresent();
        assertThat(this.scheduler.addJob(oneShot()).state()).isEqualTo(JobState.FINISHED);

        advance(Duration.ofHours(2));
        await().until(() -> store.lookupFinished("once").isEmpty());
        assertThat(this.scheduler.addJob(oneShot()).state()).isEqualTo(JobState.SCHEDULED);
        await().until(() -> this.runs.size() == 2);
    }

    @Test
    void retentionMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> build((b) -> b.properties(Map.of("kairos.finished-job-retention", "0s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kairos.finished-job-retention");
    }
}
