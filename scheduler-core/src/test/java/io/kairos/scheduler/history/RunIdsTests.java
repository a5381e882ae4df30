package io.kairos.scheduler.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run ids of the scheduler's shape: their text, and which ids have it.
 */
class RunIdsTests {

    @Test
    void idsHaveTheDocumentedText() {
        for (long[] run : new long[][] { { 0, 0, 0 }, { 1_733_454_000_123L, 1, 0x8f00beef }, { 0xfff_ffff_ffffL, 0xffff_ffffL, -1 },
                { 42, 0x1_0000_0001L, 7 } }) {
            String id = RunIds.of(run[0], run[1], (int) run[2]);
            assertThat(id).isEqualTo(String.format("%012x-%08x-%08x", run[0], run[1] & 0xffff_ffffL, (int) run[2])).hasSize(RunIds.LENGTH);
            assertThat(RunIds.isOfShape(id)).isTrue();
        }
    }

    @Test
    void otherShapesAreNotRead() {
        assertThat(RunIds.isOfShape("0190f3a2b4c5-0000002a-8f00beef")).isTrue();
        assertThat(RunIds.isOfShape("0190F3A2B4C5-0000002a-8f00beef")).as("upper case").isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4c5-0000002a-8f00beef0")).as("longer").isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4c5-0000002a")).as("shorter").isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4c5x0000002a-8f00beef")).as("no dash").isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4g5-0000002a-8f00beef")).as("not hex").isFalse();
        assertThat(RunIds.isOfShape("run-1")).isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4c5-0000002a-8f00bee/")).as("below '0'").isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4c5-0000002a-8f00bee:")).as("above '9'").isFalse();
        assertThat(RunIds.isOfShape("0190f3a2b4c5-0000002a-8f00bee`")).as("below 'a'").isFalse();
    }

    @Test
    void idsOfTheShapePackAndRenderAgain() {
        long[] packed = new long[2];
        String id = RunIds.of(0x0190_f3a2_b4c5L, 0x8000_002aL, 0x8f00beef);
        assertThat(RunIds.pack(id, packed)).isTrue();
        assertThat(packed).containsExactly(0x0190_f3a2_b4c5L, 0x8000_002a_8f00_beefL);
        assertThat(RunIds.ofPacked(packed[0], packed[1])).isEqualTo(id);
        for (String other : new String[] { "0190F3A2B4C5-0000002a-8f00beef", "0190f3a2b4c5-0000002a_8f00beef", "0190f3a2b4c5-0000002a-8f00bee/",
                "run-1" }) {
            assertThat(RunIds.pack(other, packed)).as(other).isFalse();
            assertThat(packed).as(other).containsExactly(0, 0);
        }
    }
}
