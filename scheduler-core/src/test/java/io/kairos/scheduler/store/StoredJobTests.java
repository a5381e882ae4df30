package io.kairos.scheduler.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.retry.PendingRetry;
import io.kairos.scheduler.retry.RetryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * {@link StoredJob} keeps the meaning of a record of its 21 components (accessors, {@code equals}, {@code hashCode},
 * {@code toString}) while it holds shared settings once and mostly empty components only when set.
 */
class StoredJobTests {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    /** The components, in the canonical constructor's order. */
    private static Object[] components() {
        return new Object[] { "id-1", "name", "task", List.of(1, "a"), Map.of("k", 2), new TestTrigger(T), "pool", "store",
                Duration.ofSeconds(5), false, 3, Duration.ofSeconds(2), T.plusSeconds(7), T.plusSeconds(3), JobState.SCHEDULED,
                null, 9L, Duration.ofMinutes(1), true, RetryPolicy.maxAttempts(4),
                new PendingRetry(2, T, T.plusSeconds(7), T.plusSeconds(9)) };
    }

    @SuppressWarnings("unchecked")
    private static StoredJob job(Object[] c) {
        return new StoredJob((String) c[0], (String) c[1], (String) c[2], (List<Object>) c[3], (Map<String, Object>) c[4],
                (TestTrigger) c[5], (String) c[6], (String) c[7], (Duration) c[8], (Boolean) c[9], (Integer) c[10],
                (Duration) c[11], (Instant) c[12], (Instant) c[13], (JobState) c[14], (String) c[15], (Long) c[16],
                (Duration) c[17], (Boolean) c[18], (RetryPolicy) c[19], (PendingRetry) c[20]);
    }

    private static Object[] accessors(StoredJob j) {
        return new Object[] { j.id(), j.name(), j.task(), j.args(), j.kwargs(), j.trigger(), j.executor(), j.jobstore(),
                j.misfireGraceTime(), j.coalesce(), j.maxInstances(), j.jitter(), j.nextRunTime(), j.nextFireTime(), j.state(),
                j.brokenReason(), j.version(), j.timeout(), j.keepsFinishedMarker(), j.retry(), j.pendingRetry() };
    }

    @Test
    void accessorsReturnTheComponentsAndToStringWritesThemAsARecordWould() {
        Object[] c = components();
        StoredJob job = job(c);
        assertThat(accessors(job)).containsExactly(c);
        String[] names = { "id", "name", "task", "args", "kwargs", "trigger", "executor", "jobstore", "misfireGraceTime",
            "coalesce", "maxInstances", "jitter", "nextRunTime", "nextFireTime", "state", "brokenReason", "version",
            "timeout", "keepsFinishedMarker", "retry", "pendingRetry" };
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            parts.add(names[i] + "=" + c[i]);
        }
        assertThat(job).hasToString("StoredJob[" + String.join(", ", parts) + "]");
    }

    @Test
    void jobsAreEqualExactlyWhenEveryComponentIs() {
        Object[] c = components();
        StoredJob job = job(c);
        assertThat(job).isEqualTo(job(components())).hasSameHashCodeAs(job(components()));
        Object[] other = { "id-2", "other", "other", List.of(), Map.of(), new TestTrigger(T.plusSeconds(1)), "p2", "s2",
            null, true, 4, null, T.plusSeconds(8), T.plusSeconds(7), JobState.SCHEDULED, null, 10L, null, false,
            RetryPolicy.NONE, null };
        for (int i = 0; i < c.length; i++) {
            if (i == 14 || i == 15) {
                continue;   // state and broken reason: below, as they must agree with the run time
            }
            Object[] changed = Arrays.copyOf(c, c.length);
            changed[i] = other[i];
            assertThat(job(changed)).as("component %d", i).isNotEqualTo(job);
            assertThat(accessors(job(changed))[i]).isEqualTo(other[i]);
        }
        assertThat(job.asBroken("x")).isNotEqualTo(job.withNextRunTime(null, null)).isNotEqualTo(job.asBroken("y"))
                .isEqualTo(job.asBroken("x"));
        assertThat(job.asFinished().state()).isEqualTo(JobState.FINISHED);
    }

    @Test
    void aFireTimeEqualToTheRunTimeAndEmptyExtrasReadAsGiven() {
        Object[] c = components();
        c[4] = Map.of();
        c[13] = c[12];
        c[20] = null;
        StoredJob job = job(c);
        assertThat(accessors(job)).containsExactly(c);
        for (JobState state : List.of(JobState.PAUSED, JobState.BROKEN, JobState.FINISHED)) {
            Object[] off = Arrays.copyOf(c, c.length);
            off[12] = null;
            off[13] = null;
            off[14] = state;
            off[15] = state == JobState.BROKEN ? "why" : null;
            assertThat(accessors(job(off))).containsExactly(off);
            assertThat(job(off)).isNotEqualTo(job.withNextRunTime(null, null).withVersion(state == JobState.PAUSED ? 1 : 9));
        }
        assertThat(job.withNextRunTime(T, null).nextFireTime()).isNull();
        assertThat(job.withNextRunTime(T, T.plusSeconds(1)).nextFireTime()).isEqualTo(T.plusSeconds(1));
        assertThat(job.withNextRunTime(null, T).nextFireTime()).isNull();
    }

    @Test
    void copiesKeepWhatTheyDoNotChange() {
        StoredJob job = job(components());
        List<UnaryOperator<StoredJob>> copies = List.of((j) -> j.withVersion(j.version()), (j) -> j.withRetry(j.retry()),
                (j) -> j.withKeepsFinishedMarker(j.keepsFinishedMarker()), (j) -> j.withPendingRetry(j.pendingRetry()),
                (j) -> j.withSchedule(j.nextRunTime(), j.nextFireTime(), j.pendingRetry()),
                (j) -> j.withNextRunTime(j.nextRunTime(), j.nextFireTime()));
        for (UnaryOperator<StoredJob> copy : copies) {
            assertThat(copy.apply(job)).isEqualTo(job);
        }
        assertThat(job.withVersion(11).version()).isEqualTo(11);
        assertThat(job.withRetry(null).retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(job.withKeepsFinishedMarker(false).keepsFinishedMarker()).isFalse();
        assertThat(job.withKeepsFinishedMarker(false).executor()).isEqualTo("pool");
    }

    @Test
    void equalSettingsAreOneSharedInstance() {
        JobPolicies a = JobPolicies.of("x-pool", "default", null, true, 1, null, null, RetryPolicy.NONE, false);
        JobPolicies other = JobPolicies.of("y-pool", "default", null, true, 1, null, null, RetryPolicy.NONE, false);
        JobPolicies b = JobPolicies.of(new String("x-pool"), "default", null, true, 1, null, null, RetryPolicy.maxAttempts(1), false);
        assertThat(b).isSameAs(a).isNotEqualTo(other);
        assertThat(JobPolicies.isInterned(a)).isTrue();
        assertThat(a.withKeepsFinishedMarker(true)).isNotEqualTo(a).isSameAs(JobPolicies.of("x-pool", "default", null,
                true, 1, null, null, RetryPolicy.NONE, true));
    }
}
