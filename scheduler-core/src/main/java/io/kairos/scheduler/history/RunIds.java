package io.kairos.scheduler.history;

import java.nio.charset.StandardCharsets;

/**
 * The shape of the run ids the scheduler gives its records: {@code <finish>-<sequence>-<tag>}, 30 characters, where
 * {@code finish} is the finish time in epoch milliseconds as 12 lower-case hex digits (its low 48 bits), {@code sequence}
 * a per-instance counter as 8 (its low 32 bits) and {@code tag} a per-instance number as 8. An id is carried as two
 * numbers, {@code high} (the 12 digits) and {@code low} (the 16 digits after them); for ids of this shape, comparing
 * {@code high} and then {@code low} as unsigned numbers orders as {@link String#compareTo} orders the text. Stores may
 * keep such ids as the two numbers; run ids of any other shape are valid too and are kept as text. Stateless and
 * thread-safe.
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
        return render(finishedMillis, (sequence & 0xffff_ffffL) << 32 | (tag & 0xffff_ffffL));
    }

    /**
     * The id of the two numbers {@link #high} and {@link #low} read.
     *
     * @param high the first 12 digits' value; only the low 48 bits are written
     * @param low the last 16 digits' value
     * @return the id, {@link #LENGTH} characters
     */
    public static String render(long high, long low) {
        byte[] id = new byte[LENGTH];
        put(id, 0, 12, high);
        id[12] = '-';
        put(id, 13, 21, low >>> 32);
        id[21] = '-';
        put(id, 22, 30, low);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether a run id has this shape (lower-case digits only), so that {@link #high} and {@link #low} read it.
     *
     * @param runId any run id, not {@code null}
     * @return {@code true} when {@code render(high(runId), low(runId))} equals {@code runId}
     */
    public static boolean isOfShape(String runId) {
        if (runId.length() != LENGTH || runId.charAt(12) != '-' || runId.charAt(21) != '-') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = runId.charAt(i);
            if (i != 12 && i != 21 && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first 12 digits' value of an id of this shape.
     *
     * @param runId an id for which {@link #isOfShape} holds (else the result is meaningless)
     * @return a value from 0 to 2^48 - 1
     */
    public static long high(String runId) {
        return value(runId, 0, 12);
    }

    /**
     * The last 16 digits' value of an id of this shape ({@code sequence << 32 | tag}).
     *
     * @param runId an id for which {@link #isOfShape} holds (else the result is meaningless)
     * @return the value, to be compared unsigned
     */
    public static long low(String runId) {
        return value(runId, 13, 21) << 32 | value(runId, 22, 30);
    }

    private static long value(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            value = value << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
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
