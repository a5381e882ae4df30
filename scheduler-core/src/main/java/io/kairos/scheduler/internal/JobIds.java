package io.kairos.scheduler.internal;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Default job ids: strings in the form of a version-4 UUID ({@code 8-4-4-4-12} hex digits), made without a
 * {@link SecureRandom} call per id. Thread-safe and lock-free.
 *
 * <p>An id is a per-JVM prefix and a per-JVM counter. The prefix (the UUID's 64 most significant bits, 60 of
 * them random) is drawn once per JVM from {@link SecureRandom}; the counter (the 62 free bits of the least
 * significant half) starts at zero and goes through a fixed bijection keyed by 62 more random bits, so ids do
 * not look sequential. Uniqueness: within one JVM by construction (the bijection cannot map two counter values
 * to one id; the counter would take 2<sup>62</sup> ids to wrap); across JVMs sharing a store, two JVMs collide
 * only when their random prefixes are equal, about one chance in 2<sup>60</sup> per pair of JVMs. Unlike
 * {@link UUID#randomUUID()} ids, these are not secrets: one id says something about the other ids of the same
 * JVM; never use a job id as a capability.
 */
public final class JobIds {

    private static final long VARIANT = 0x8000_0000_0000_0000L;

    private static final long LOW_62_BITS = 0x3FFF_FFFF_FFFF_FFFFL;

    private static final long MOST_SIGNIFICANT;

    private static final long KEY;

    static {
        SecureRandom random = new SecureRandom();
        MOST_SIGNIFICANT = (random.nextLong() & ~0xF000L) | 0x4000L;
        KEY = random.nextLong() & LOW_62_BITS;
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    private JobIds() {
    }

    /**
     * A new default job id.
     *
     * @return 36 characters, e.g. {@code 3f2c9a1e-07b4-4d2a-9c51-6e0f8b7a2d13}; never returned before by this JVM
     */
    public static String next() {
        return new UUID(MOST_SIGNIFICANT, VARIANT | scramble(COUNTER.getAndIncrement())).toString();
    }

    /**
     * A bijection of the 62-bit numbers (odd multiplications and xor-shifts modulo 2<sup>62</sup> are each
     * invertible), keyed by {@link #KEY}.
     *
     * @param counter the counter value; only its low 62 bits count
     * @return a 62-bit number
     */
    static long scramble(long counter) {
        long x = (counter ^ KEY) & LOW_62_BITS;
        x = (x * 0x9E37_79B9_7F4A_7C15L) & LOW_62_BITS;
        x ^= x >>> 29;
        x = (x * 0xBF58_476D_1CE4_E5B9L) & LOW_62_BITS;
        x ^= x >>> 31;
        return x;
    }
}
