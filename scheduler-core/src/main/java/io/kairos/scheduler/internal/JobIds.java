package io.kairos.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Default job ids: 24 characters of lowercase base32 ({@code 0}–{@code 9}, {@code a}–{@code v}), 120 bits, made
 * without a {@link SecureRandom} call per id. Thread-safe and lock-free. An id is 64 bytes of heap (a version-4 UUID
 * string is 80), and being lowercase it stays distinct in stores that compare ids without regard to case.
 *
 * <p>An id is a per-JVM prefix and a per-JVM counter. The prefix (58 random bits) is drawn once per JVM from
 * {@link SecureRandom}; the counter (62 bits) starts at zero and goes through a fixed bijection keyed by 62 more
 * random bits, so ids do not look sequential. "Per JVM" means per loading of this class: two class loaders that each
 * load Kairos draw two prefixes, as two JVMs would. Uniqueness: within one JVM by construction (the bijection cannot map
 * two counter values to one id; the counter would take 2<sup>62</sup> ids to wrap); across JVMs sharing a store, two
 * JVMs collide only when their random prefixes are equal, about one chance in 2<sup>58</sup> per pair of JVMs. Unlike
 * random UUIDs, these ids are not secrets: one id says something about the other ids of the same JVM; never use a
 * job id as a capability.
 */
public final class JobIds {

    /** Characters per id. */
    static final int LENGTH = 24;

    private static final byte[] DIGITS = "0123456789abcdefghijklmnopqrstuv".getBytes(StandardCharsets.ISO_8859_1);

    private static final long LOW_60_BITS = 0x0FFF_FFFF_FFFF_FFFFL;

    private static final long LOW_62_BITS = 0x3FFF_FFFF_FFFF_FFFFL;

    /** The first 12 characters' 60 bits, less the counter's top two: the 58-bit prefix, shifted left by two. */
    private static final long PREFIX;

    private static final long KEY;

    static {
        SecureRandom random = new SecureRandom();
        PREFIX = (random.nextLong() >>> 6) << 2;
        KEY = random.nextLong() & LOW_62_BITS;
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    private JobIds() {
    }

    /**
     * A new default job id.
     *
     * @return 24 characters, e.g. {@code 4k1f0q8d2m3r7t0a9b5c6e1g}; never returned before by this JVM
     */
    public static String next() {
        return format(PREFIX, scramble(COUNTER.getAndIncrement()));
    }

    /**
     * The id of a prefix and a scrambled counter: the prefix's 58 bits, then the counter's 62, five bits a character,
     * most significant first.
     */
    static String format(long prefix, long scrambled) {
        byte[] text = new byte[LENGTH];
        put(text, 0, prefix | (scrambled >>> 60));
        put(text, LENGTH / 2, scrambled & LOW_60_BITS);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    // writes the 60 low bits of a value as 12 characters
    private static void put(byte[] text, int from, long bits) {
        for (int i = LENGTH / 2 - 1; i >= 0; i--) {
            text[from + i] = DIGITS[(int) (bits >>> (5 * (LENGTH / 2 - 1 - i))) & 31];
        }
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
