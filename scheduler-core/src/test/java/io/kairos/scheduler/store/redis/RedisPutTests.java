package io.kairos.scheduler.store.redis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestTrigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Reading {@code put.lua}'s reply: a reply that does not have one well-formed entry per job sent is refused with a
 * message, never read past its end or half-applied.
 */
class RedisPutTests {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private final RedisPut put = RedisPut.encode(List.of(job("a"), job("b")), "error", "wakeups", "scheduler-1", TestTrigger.codec());

    @Test
    void readsOneVersionPerJobWritten() {
        List<JobAddOutcome> outcomes = this.put.outcomes(List.of(1L, 1L), "default", (rows) -> List.of());
        assertThat(outcomes).extracting(JobAddOutcome::added).containsExactly(true, true);
        assertThat(outcomes).extracting((outcome) -> outcome.stored().version()).containsExactly(1L, 1L);
    }

    @Test
    void refusesAReplyWithAnotherNumberOfEntries() {
        assertThatIllegalStateException().isThrownBy(() -> this.put.outcomes(List.of(1L), "default", (rows) -> List.of()))
            .withMessage("put.lua replied with 1 entries for 2 jobs sent; expected one per job");
    }

    @Test
    void refusesAnEntryOfAnotherShape() {
        assertThatIllegalStateException()
            .isThrownBy(() -> this.put.outcomes(List.of(1L, List.of()), "default", (rows) -> List.of()))
            .withMessage("put.lua replied [] for job 'b'");
    }

    @Test
    void sendsThreeArgumentsPerJobWhenNoJobHasAFireTimeOfItsOwnOrABrokenReason() {
        String[] args = this.put.args();
        assertThat(args).hasSize(4 + 2 * 3);
        assertThat(List.of(args[0], args[1], args[2], args[3])).containsExactly("error", "wakeups", "scheduler-1", "3");
        assertThat(List.of(args[4], args[6], args[7], args[9])).containsExactly("a", millis(T), "b", millis(T));
        assertThat(args[5]).contains("\"id\":\"a\"");
    }

    @Test
    void sendsFivePerJobWhenOneHasAFireTimeOtherThanItsRunTimeAndLeavesOutFireTimesEqualToRunTimes() {
        StoredJob jittered = job("b").withNextRunTime(T.plusMillis(400), T);
        String[] args = RedisPut.encode(List.of(job("a"), jittered), "error", "wakeups", "scheduler-1", TestTrigger.codec()).args();
        assertThat(args).hasSize(4 + 2 * 5);
        assertThat(args[3]).isEqualTo("5");
        assertThat(List.of(args[4], args[6], args[7], args[8])).containsExactly("a", millis(T), "", "");
        assertThat(List.of(args[9], args[11], args[12], args[13])).containsExactly("b", millis(T.plusMillis(400)), millis(T), "");
    }

    @Test
    void sendsFivePerJobWhenOneIsBroken() {
        StoredJob broken = job("b").asBroken("unreadable");
        String[] args = RedisPut.encode(List.of(job("a"), broken), "error", "wakeups", "scheduler-1", TestTrigger.codec()).args();
        assertThat(args).hasSize(4 + 2 * 5);
        assertThat(List.of(args[9], args[11], args[12], args[13])).containsExactly("b", "", "", "unreadable");
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static StoredJob job(String id) {
        return new StoredJob(id, id, "task", List.of(), Map.of(), new TestTrigger(T), "default", "default", null, true, 1, null, T, T,
                JobState.SCHEDULED, null, 0, null);
    }
}
