package io.kairos.scheduler.store;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RunRecordCodec}: the stored text stays the same (stores hold records written by earlier versions), and
 * what it writes reads back equal.
 */
class RunRecordCodecTests {

    private static final Instant T = Instant.parse("2026-12-06T03:00:00.123Z");

    @Test
    void aSucceededRunIsWrittenAsBefore() {
        RunRecord run = new RunRecord("0193a1b2c3d4-00000001-abc", "job-1", "Job \"one\"", "tasks.work", "default", "pool", T,
                T.plusMillis(1), T.plusMillis(2), T.plusMillis(5), RunOutcome.SUCCEEDED, 1, "instance-1", null, "{\"n\":1}", false, false);
        assertThat(RunRecordCodec.write(run)).isEqualTo("{\"v\":1,\"runId\":\"0193a1b2c3d4-00000001-abc\",\"jobId\":\"job-1\","
                + "\"jobName\":\"Job \\\"one\\\"\",\"task\":\"tasks.work\",\"jobStore\":\"default\",\"executor\":\"pool\","
                + "\"scheduledAt\":1796526000123,\"submittedAt\":1796526000124,\"startedAt\":1796526000125,\"finishedAt\":1796526000128,"
                + "\"outcome\":\"SUCCEEDED\",\"attempt\":1,\"instance\":\"instance-1\",\"result\":\"{\\\"n\\\":1}\","
                + "\"resultNotJson\":false,\"resultTruncated\":false}");
        assertThat(RunRecordCodec.read(RunRecordCodec.write(run))).isEqualTo(run);
    }

    @Test
    void aFailedRunIsWrittenAsBefore() {
        RunRecord run = new RunRecord("r", "job-1", "n", "t", "default", "pool", T, null, null, T, RunOutcome.FAILED, 2, "i",
                new RunError("java.lang.IllegalStateException", null, "trace\n\tat x", true), null, false, false);
        assertThat(RunRecordCodec.write(run)).isEqualTo("{\"v\":1,\"runId\":\"r\",\"jobId\":\"job-1\",\"jobName\":\"n\",\"task\":\"t\","
                + "\"jobStore\":\"default\",\"executor\":\"pool\",\"scheduledAt\":1796526000123,\"finishedAt\":1796526000123,"
                + "\"outcome\":\"FAILED\",\"attempt\":2,\"instance\":\"i\",\"error\":{\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":null,\"stackTrace\":\"trace\\n\\tat x\",\"stackTraceTruncated\":true},\"result\":null,"
                + "\"resultNotJson\":false,\"resultTruncated\":false}");
        assertThat(RunRecordCodec.read(RunRecordCodec.write(run))).isEqualTo(run);
    }

    @Test
    void detailsLeaveOutTheColumnsAndTheDefaults() {
        RunRecord run = new RunRecord("0193a1b2c3d4-00000001-abc", "job-1", "n", "tasks.work", "default", "pool", T, T.plusMillis(1),
                T.plusMillis(2), T.plusMillis(5), RunOutcome.SUCCEEDED, 1, "instance-1", null, null, false, false);
        String details = RunRecordCodec.writeDetails(run);
        assertThat(details).isEqualTo("{\"v\":2,\"jobName\":\"n\",\"task\":\"tasks.work\",\"jobStore\":\"default\","
                + "\"executor\":\"pool\",\"scheduledAt\":1796526000123,\"submittedAt\":1796526000124,\"startedAt\":1796526000125,"
                + "\"attempt\":1,\"instance\":\"instance-1\"}");
        assertThat(RunRecordCodec.readDetails(run.runId(), "job-1", T.plusMillis(5), "SUCCEEDED", details)).isEqualTo(run);
    }

    @Test
    void detailsKeepAnErrorAResultAndTheirFlags() {
        RunRecord failed = new RunRecord("r", "job-1", "n", "t", "default", "pool", T, null, null, T, RunOutcome.FAILED, 2, "i",
                new RunError("java.lang.IllegalStateException", "no", "trace\n\tat x", true), null, false, false);
        assertThat(RunRecordCodec.readDetails("r", "job-1", T, "FAILED", RunRecordCodec.writeDetails(failed))).isEqualTo(failed);
        RunRecord cut = new RunRecord("r", "job-1", "n", "t", "default", "pool", T, T, T, T, RunOutcome.SUCCEEDED, 1, "i", null,
                "Thing[", true, true);
        assertThat(RunRecordCodec.writeDetails(cut)).contains("\"result\":\"Thing[\",\"resultNotJson\":true,\"resultTruncated\":true}");
        assertThat(RunRecordCodec.readDetails("r", "job-1", T, "SUCCEEDED", RunRecordCodec.writeDetails(cut))).isEqualTo(cut);
    }

    @Test
    void aWholeRecordReadsAsDetails() {
        // rows written before the details form hold the whole record
        RunRecord run = new RunRecord("r", "job-1", "n", "t", "default", "pool", T, T, T, T.plusMillis(3), RunOutcome.SUCCEEDED, 1, "i",
                null, "1", false, false);
        assertThat(RunRecordCodec.readDetails("r", "job-1", T.plusMillis(3), "SUCCEEDED", RunRecordCodec.write(run))).isEqualTo(run);
    }

    @Test
    void anUnknownOutcomeColumnIsReportedWithTheRunId() {
        assertThatThrownBy(() -> RunRecordCodec.readDetails("r-9", "job-1", T, "EXPLODED", "{\"v\":2}"))
            .isInstanceOf(JobDecodeException.class).hasMessageContaining("r-9");
    }

    @Test
    void anUnknownFormatVersionIsReportedWithTheKnownOnes() {
        assertThatThrownBy(() -> RunRecordCodec.readDetails("r-9", "job-1", T, "SUCCEEDED", "{\"v\":3}"))
            .isInstanceOf(JobDecodeException.class).hasMessageContaining("r-9").hasMessageContaining("is 3").hasMessageContaining("valid: 1, 2");
        assertThatThrownBy(() -> RunRecordCodec.readDetails("r-9", "job-1", T, "SUCCEEDED", "{\"jobName\":\"n\"}"))
            .isInstanceOf(JobDecodeException.class).hasMessageContaining("is missing");
        RunRecord run = new RunRecord("r", "job-1", "n", "t", "default", "pool", T, null, null, T, RunOutcome.SUCCEEDED, 1, "i", null,
                null, false, false);
        String whole = RunRecordCodec.write(run).replace("\"v\":1", "\"v\":2");
        assertThatThrownBy(() -> RunRecordCodec.read(whole))
            .isInstanceOf(JobDecodeException.class).hasMessageContaining("is 2").hasMessageContaining("valid: 1");
    }
}
