package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.HistorySettings;
import io.kairos.scheduler.history.RunIds;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.Triggers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunRecordsTests {

    private static final Instant T = Instant.parse("2026-12-06T03:00:00.123456Z");

    private final RunRecords records = new RunRecords("instance-1", HistorySettings.DEFAULTS.withLimits(300, 20));

    private static StoredJob job() {
        return new StoredJob("j", "job j", "tasks.work", List.of(), Map.of(), Triggers.date(T.atZone(java.time.ZoneOffset.UTC)), "default", "pool", null, true, 1,
                null, T, T, JobState.SCHEDULED, null, 1, null);
    }

    @Test
    void cutsLongStackTracesAndResultsAndFlagsThem() {
        RuntimeException deep = new RuntimeException("x".repeat(5000));
        RunRecord failed = this.records.record(job(), "default", T, T, T, T, RunOutcome.FAILED, 1, deep, null);
        assertThat(failed.error().stackTrace()).hasSize(300);
        assertThat(failed.error().stackTraceTruncated()).isTrue();
        assertThat(failed.error().message()).hasSize(RunRecords.MAX_MESSAGE_LENGTH);
        RunRecord big = this.records.record(job(), "default", T, T, T, T, RunOutcome.SUCCEEDED, 1, null, List.of("0123456789", "abcdefghij"));
        assertThat(big.result()).isEqualTo("[\"0123456789\",\"abcde");
        assertThat(big.resultTruncated()).isTrue();
        assertThat(big.resultNotJson()).isFalse();
    }

    @Test
    void aValueThatIsNotJsonIsKeptAsItsToStringAndFlagged() {
        Object opaque = new Object() {

            public Object getSelf() {
                return this;
            }

            @Override
            public String toString() {
                return "opaque";
            }
        };
        RunRecord run = this.records.record(job(), "default", T, T, T, T, RunOutcome.SUCCEEDED, 1, null, opaque);
        assertThat(run.result()).isEqualTo("opaque");
        assertThat(run.resultNotJson()).isTrue();
        RunRecord json = this.records.record(job(), "default", T, T, T, T, RunOutcome.SUCCEEDED, 1, null, Map.of("n", 1));
        assertThat(json.result()).isEqualTo("{\"n\":1}");
        assertThat(json.resultNotJson()).isFalse();
    }

    @Test
    void instantsAreCutToMillisecondsAndRunIdsAreUnique() {
        RunRecord a = this.records.record(job(), "default", T, T, T, T, RunOutcome.MISSED, 1, null, null);
        RunRecord b = this.records.record(job(), "default", T, T, T, T, RunOutcome.MISSED, 1, null, null);
        assertThat(a.finishedAt()).isEqualTo(Instant.parse("2026-12-06T03:00:00.123Z"));
        assertThat(a.scheduledAt()).isEqualTo(a.finishedAt());
        assertThat(a.runId()).isNotEqualTo(b.runId());
        assertThat(a.runId().compareTo(b.runId())).isNegative();
        assertThat(RunIds.isOfShape(a.runId())).isTrue();
        assertThat(a.instance()).isEqualTo("instance-1");
        assertThat(a.duration()).isEqualTo(Duration.ZERO);
    }
}
