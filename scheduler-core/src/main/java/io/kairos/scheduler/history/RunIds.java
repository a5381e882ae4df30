package io.kairos.scheduler.history;

import java.nio.charset.StandardCharsets;

/**
 * The shape of the run ids the scheduler gives its records: {@code <finish>-<sequence>-<tag>}, 30 characters, where
 * {@code finish} is the finish time in epoch milliseconds as 12 lower-case hex digits (its low 48 bits), {@code sequence}
 * a per-instance counter as 8 (its low 32 bits) and {@code tag} a per-instance number as 8. Fixed-width lower-case
 * hex orders as the numbers do, so a store may keep such ids as numbers; run ids of any other shape are valid too.
 * Stateless and thread-safe.
 */
public final class RunIds {

    /** Characters in an id of this shape. */
    public static final int LENGTH = 30;

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private RunIds() {
    }

    /**
     * The id of a run.
     *
     * @param finishedMillis the finish time, epoch milliseconds (UTC); only the low 48 bits are written
     * @param sequence the instance's counter; only the low 32 bits are written
     * @param tag the instance's tag
     * @return the id, {@link #LENGTH} characters
     */
    public static String of(long finishedMillis, long sequence, int tag) {
        byte[] id = new byte[LENGTH];
        put(id, 0, 12, finishedMillis);
        id[12] = '-';
        put(id, 13, 21, sequence);
        id[21] = '-';
        put(id, 22, 30, tag);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether a run id has this shape, with lower-case digits only.
     *
     * @param runId any run id, not {@code null}
     * @return {@code true} when it is 30 characters of the shape above
     */
    public static boolean isOfShape(String runId) {
        return hasDashes(runId) && hexValue(runId, 0, 12) >= 0 && hexValue(runId, 13, 21) >= 0
                && hexValue(runId, 22, 30) >= 0;
    }

    /**
     * Packs a run id of this shape into two numbers, in one pass over its digits, so that a store may keep it without
     * its text. Comparing packed ids (the first number signed, the second unsigned) orders them as comparing their
     * text does; {@link #ofPacked} gives the text back.
     *
     * @param runId any run id, not {@code null}
     * @param into receives at index 0 the first 12 digits' value (the finish time's low 48 bits) and at index 1 the
     *     sequence and the tag ({@code sequence << 32 | tag}); both zero when the id is of another shape
     * @return whether the id is of this shape, with lower-case digits only
     * @throws IndexOutOfBoundsException when {@code into} has fewer than two elements
     */
    public static boolean pack(String runId, long[] into) {
        // each part is -1 when it, or a part before it, is not of the shape
        long high = hasDashes(runId) ? hexValue(runId, 0, 12) : -1;
        long sequence = high < 0 ? -1 : hexValue(runId, 13, 21);
        long tag = sequence < 0 ? -1 : hexValue(runId, 22, 30);
        boolean packed = tag >= 0;
        into[0] = packed ? high : 0;
        into[1] = packed ? sequence << 32 | tag : 0;
        return packed;
    }

    /**
     * The text of a run id that {@link #pack} packed.
     *
     * @param high the first number {@code pack} gave
     * @param low the second number {@code pack} gave
     * @return the id, {@link #LENGTH} characters
     */
    public static String ofPacked(long high, long low) {
        return of(high, low >>> 32, (int) low);
    }

    // whether a run id has this shape's length and dashes; its digits are not checked
    private static boolean hasDashes(String runId) {
        return runId.length() == LENGTH && runId.charAt(12) == '-' && runId.charAt(21) == '-';
    }

    // the value of the lower-case hex digits of text from 'from' up to 'to' (at most 15), or -1 when one is not such a digit
    private static long hexValue(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static void put(byte[] into, int from, int to, long value) {
        for (int i = to - 1; i >= from; i--) {
            into[i] = DIGITS[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
