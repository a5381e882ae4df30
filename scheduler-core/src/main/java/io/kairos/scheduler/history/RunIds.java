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
     * Whether a run id has this shape's length and dashes; its digits are not checked.
     *
     * @param runId any run id, not {@code null}
     * @return {@code true} when it is 30 characters with a {@code '-'} at indexes 12 and 21
     */
    public static boolean hasDashes(String runId) {
        return runId.length() == LENGTH && runId.charAt(12) == '-' && runId.charAt(21) == '-';
    }

    /**
     * The value of lower-case hex digits in a text, as a run id of this shape writes them.
     *
     * @param text the text, not {@code null}
     * @param from the index of the first digit
     * @param to the index after the last digit, at most 15 digits after {@code from}
     * @return the value, zero or more; {@code -1} when a character in the range is not a lower-case hex digit
     * @throws IndexOutOfBoundsException when the range does not lie in the text
     */
    public static long hexValue(String text, int from, int to) {
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
