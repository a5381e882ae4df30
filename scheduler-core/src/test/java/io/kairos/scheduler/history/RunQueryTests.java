package io.kairos.scheduler.history;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunQueryTests {

    private static final Instant T = Instant.parse("2026-12-06T03:00:00Z");

    static RunRecord run(String runId, String jobId, Instant finishedAt, RunOutcome outcome) {
        return new RunRecord(runId, jobId, jobId, "task", "default", "default", finishedAt, finishedAt, finishedAt, finishedAt,
                outcome, 1, "instance-1", null, null, false, false);
    }

    @Test
    void matchesJobOutcomeAndHalfOpenTimeRange() {
        RunQuery query = RunQuery.ofJob("a").withOutcomes(RunOutcome.FAILED).since(T).until(T.plusSeconds(60));
        assertThat(query.matches(run("1", "a", T, RunOutcome.FAILED))).isTrue();
        assertThat(query.matches(run("1", "b", T, RunOutcome.FAILED))).isFalse();
        assertThat(query.matches(run("1", "a", T, RunOutcome.SUCCEEDED))).isFalse();
        assertThat(query.matches(run("1", "a", T.minusMillis(1), RunOutcome.FAILED))).isFalse();
        assertThat(query.matches(run("1", "a", T.plusSeconds(60), RunOutcome.FAILED))).isFalse();
    }

    @Test
    void afterACursorMatchesOnlyOlderRecordsAndSameInstantWithSmallerIds() {
        RunQuery query = RunQuery.all().after(new RunCursor(T, "5"));
        assertThat(query.matches(run("4", "a", T, RunOutcome.SUCCEEDED))).isTrue();
        assertThat(query.matches(run("5", "a", T, RunOutcome.SUCCEEDED))).isFalse();
        assertThat(query.matches(run("6", "a", T, RunOutcome.SUCCEEDED))).isFalse();
        assertThat(query.matches(run("9", "a", T.minusMillis(1), RunOutcome.SUCCEEDED))).isTrue();
        assertThat(query.matches(run("0", "a", T.plusMillis(1), RunOutcome.SUCCEEDED))).isFalse();
    }

    @Test
    void pageTokensRoundTripAndForeignOnesAreRefused() {
        RunCursor cursor = new RunCursor(T, "01J~x");
        assertThat(RunCursor.fromToken(cursor.toToken())).isEqualTo(cursor);
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("abc~1")).withMessageContaining("page token");
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("123")).withMessageContaining("page token");
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("123~")).withMessageContaining("page token");
    }

    @Test
    void limitAndRangeAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().withLimit(0)).withMessageContaining("limit");
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().withLimit(RunQuery.MAX_LIMIT + 1))
                .withMessageContaining("limit");
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().since(T).until(T.minusSeconds(1)))
                .withMessageContaining("since");
    }

    @Test
    void durationIsNullForARunThatNeverStarted() {
        RunRecord missed = new RunRecord("1", "a", "a", "t", "default", "default", T, null, null, T.plusSeconds(5),
                RunOutcome.MISSED, 1, "i", null, null, false, false);
        assertThat(missed.duration()).isNull();
        assertThat(run("1", "a", T, RunOutcome.SUCCEEDED).duration()).isZero();
    }
}
