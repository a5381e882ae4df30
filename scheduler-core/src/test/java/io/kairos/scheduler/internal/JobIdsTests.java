package io.kairos.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Default job ids ({@link JobIds}): UUID-shaped, version 4, distinct, and not sequential-looking. */
class JobIdsTests {

    @Test
    void idsAreVersion4UuidStringsSharingThePerJvmPrefix() {
        String first = JobIds.next();
        String second = JobIds.next();
        UUID a = UUID.fromString(first);
        UUID b = UUID.fromString(second);
        assertThat(first).hasSize(36).isEqualTo(a.toString());
        assertThat(a.version()).isEqualTo(4);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a.getMostSignificantBits()).isEqualTo(b.getMostSignificantBits());
        assertThat(a.getLeastSignificantBits()).isNotEqualTo(b.getLeastSignificantBits());
    }

    @Test
    void idsFromManyThreadsAreDistinct() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach((i) -> ids.add(JobIds.next()));
        assertThat(ids).hasSize(200_000);
    }

    @Test
    void scrambleIsOneToOneOnConsecutiveCountersAndStaysIn62Bits() {
        Set<Long> seen = new HashSet<>();
        for (long n = 0; n < 100_000; n++) {
            long x = JobIds.scramble(n);
            assertThat(x >>> 62).isZero();
            assertThat(seen.add(x)).isTrue();
        }
        // consecutive counters do not give consecutive ids
        assertThat(Math.abs(JobIds.scramble(1) - JobIds.scramble(0))).isGreaterThan(1_000_000L);
    }
}
