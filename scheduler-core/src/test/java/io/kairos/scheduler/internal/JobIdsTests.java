package io.kairos.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Default job ids ({@link JobIds}): 24 base32 characters, distinct, and not sequential-looking. */
class JobIdsTests {

    @Test
    void idsAre24LowercaseBase32CharactersSharingThePerJvmPrefix() {
        String first = JobIds.next();
        String second = JobIds.next();
        assertThat(first).hasSize(24).matches("[0-9a-v]{24}");
        assertThat(second).hasSize(24).matches("[0-9a-v]{24}").isNotEqualTo(first);
        // the first 11 characters hold prefix bits only
        assertThat(first.substring(0, 11)).isEqualTo(second.substring(0, 11));
    }

    @Test
    void formatWritesThePrefixAndCounterBitsAsBase32Digits() {
        Random random = new Random(42);
        long[] prefixes = {0L, ((-1L) >>> 6) << 2, (random.nextLong() >>> 6) << 2};
        long[] counters = {0L, 1L, (1L << 62) - 1, 1L << 60, random.nextLong() >>> 2};
        for (long prefix : prefixes) {
            for (long counter : counters) {
                // BigInteger's radix-32 digits are 0-9 then a-v, the ids' alphabet
                BigInteger bits = BigInteger.valueOf(prefix >>> 2).shiftLeft(62).or(BigInteger.valueOf(counter));
                String expected = "0".repeat(24 - bits.toString(32).length()) + bits.toString(32);
                assertThat(JobIds.format(prefix, counter)).isEqualTo(expected);
            }
        }
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
