package io.kairos.scheduler.store.jdbc;

import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which PostgreSQL notifications wake the scheduler, and how payloads are read.
 */
class WakeupFilterTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final long NOW = T0.toEpochMilli();

    private final WakeupFilter filter = new WakeupFilter("me", InstantSource.fixed(T0));

    private static String payload(long nextRunTime, String sender) {
        return "v1:" + nextRunTime + ":" + sender;
    }

    @Test
    void ownNotificationsNeverWake() {
        assertThat(this.filter.shouldWake(payload(NOW, "me"))).isFalse();
        assertThat(this.filter.shouldWake("me")).as("an older Kairos's payload").isFalse();
    }

    @Test
    void othersWakeWhileNoNextRunTimeIsKnown() {
        assertThat(this.filter.shouldWake(payload(NOW + 60_000, "other"))).isTrue();
        this.filter.answered(null);
        assertThat(this.filter.shouldWake(payload(NOW + 60_000, "other"))).isTrue();
    }

    @Test
    void aJobDueNoEarlierThanThePlannedWakeUpDoesNotWake() {
        this.filter.answered(NOW + 1_000);
        assertThat(this.filter.shouldWake(payload(NOW + 1_000, "other"))).isFalse();
        assertThat(this.filter.shouldWake(payload(NOW + 5_000, "other"))).isFalse();
        assertThat(this.filter.shouldWake(payload(NOW + 999, "other"))).isTrue();
    }

    @Test
    void aPlannedWakeUpThatIsDueOrPastNoLongerCounts() {
        this.filter.answered(NOW);
        assertThat(this.filter.shouldWake(payload(NOW + 5_000, "other"))).isTrue();
        this.filter.answered(NOW - 1);
        assertThat(this.filter.shouldWake(payload(NOW + 5_000, "other"))).isTrue();
    }

    @Test
    void payloadsWithoutATimeAlwaysWake() {
        this.filter.answered(NOW + 1_000);
        assertThat(this.filter.shouldWake("other")).isTrue();
        assertThat(this.filter.shouldWake(null)).isTrue();
        assertThat(this.filter.shouldWake("v1:soon:other")).isTrue();
        assertThat(this.filter.shouldWake("v1:5")).isTrue();
    }

    @Test
    void payloadKeepsColonsInTheSchedulerId() {
        assertThat(WakeupPayload.parse("v1:1234:host:42")).isEqualTo(new WakeupPayload(1234L, "host:42"));
        assertThat(WakeupPayload.parse("scheduler-a")).isEqualTo(new WakeupPayload(null, null));
    }
}
