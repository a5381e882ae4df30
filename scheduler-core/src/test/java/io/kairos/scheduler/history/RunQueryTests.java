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

    /** The last page's next() is null; taking it as "the first page" would make a paging loop start over. */
    @Test
    void afterTheLastPageIsRefusedRatherThanReadAsTheFirstPage() {
        RunPage last = new RunPage(java.util.List.of(run("1", "a", T, RunOutcome.FAILED)), null);
        RunQuery failed = RunQuery.all().withOutcomes(RunOutcome.FAILED);
        assertThatIllegalArgumentException().isThrownBy(() -> failed.after(last.next()))
                .withMessage("cursor is null; valid: a page's RunPage.next(), which is null only on the last page: stop paging"
                        + " there (the first page is the query without after(...))");
        assertThat(failed.after(new RunCursor(T, "1")).after()).isEqualTo(new RunCursor(T, "1"));
    }

    @Test
    void pageTokensRoundTripAndForeignOnesAreRefused() {
        RunCursor cursor = new RunCursor(T, "01J~x");
        assertThat(RunCursor.fromToken(cursor.toToken())).isEqualTo(cursor);
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("abc~1")).withMessageContaining("page token");
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("123")).withMessageContaining("page token");
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("123~")).withMessageContaining("page token");

        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("5~a\u0000b"))
                .withMessage("page token '5~a\\u0000b' holds a NUL character (U+0000) in its run id; no run id holds one");
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken(Long.MAX_VALUE + "~x"))
                .withMessageContaining("is outside years 1 to 9999");
        assertThatIllegalArgumentException().isThrownBy(() -> RunCursor.fromToken("-62135596800001~x"))
                .withMessageContaining("is outside years 1 to 9999");
        assertThat(RunCursor.fromToken("-62135596800000~x").finishedAt()).isEqualTo(RunQuery.MIN_INSTANT);
        assertThat(RunCursor.fromToken("253402300799999~x").finishedAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    }

    /** The stores keep epoch milliseconds: a query outside years 1 to 9999 is refused naming the field, not an overflow. */
    @Test
    void instantsOutsideYears1To9999AreRefusedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().since(Instant.MAX))
                .withMessage("since (" + Instant.MAX + ") is out of range; valid: 0001-01-01T00:00:00Z to"
                        + " 9999-12-31T23:59:59.999999999Z (the stores keep epoch milliseconds)");
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().until(Instant.MIN)).withMessageStartingWith("until (");
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().since(Instant.parse("0000-12-31T23:59:59.999Z")))
                .withMessageStartingWith("since (");
        assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.all().after(new RunCursor(Instant.MAX, "x")))
                .withMessageStartingWith("after.finishedAt (");
        RunQuery widest = RunQuery.all().since(RunQuery.MIN_INSTANT).until(RunQuery.MAX_INSTANT)
                .after(new RunCursor(RunQuery.MAX_INSTANT, "x"));
        assertThat(RunQuery.MIN_INSTANT.toEpochMilli()).isEqualTo(-62135596800000L);
        assertThat(RunQuery.MAX_INSTANT.toEpochMilli()).isEqualTo(253402300799999L);
        assertThat(widest.matches(run("1", "a", T, RunOutcome.SUCCEEDED))).isTrue();
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
