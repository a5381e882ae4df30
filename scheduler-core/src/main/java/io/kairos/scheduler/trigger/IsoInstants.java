package io.kairos.scheduler.trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;


/**
 * Reads ISO-8601 date-times with an offset, such as {@code 2026-11-24T10:30:00.426Z} or
 * {@code 2026-11-24T11:30:00+01:00}: the form Kairos writes for instants ({@link Instant#toString()}) and for
 * trigger dates ({@link TriggerSpec#formatDateTime}). A persistent store reads two or three of them for every job it
 * acquires, and {@link Instant#parse} builds a new formatter and a map of parsed fields on every call on Java 17; this
 * reads that one exact form by hand and leaves every other text to {@link Instant#parse}, so the results and the
 * errors are {@link Instant#parse}'s. Thread-safe (no state).
 */
public final class IsoInstants {

    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /**
     * Reads an instant as {@link Instant#parse} does (ISO-8601 with an offset, e.g. {@code 2026-11-24T10:30:00Z}).
     *
     * @param text the text, not {@code null}
     * @return the instant
     * @throws java.time.format.DateTimeParseException when {@link Instant#parse} rejects the text
     * @throws NullPointerException when {@code text} is {@code null}
     */
    public static Instant parse(String text) {
        Instant instant = parseStrict(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /**
     * Reads exactly {@code yyyy-MM-ddTHH:mm:ss[.f…]} followed by {@code Z} or {@code ±HH:MM} (a four-digit year, one
     * to nine fraction digits, upper-case {@code T} and {@code Z}, hours 00–23, seconds 00–59, an offset within
     * ±18:00).
     *
     * @param text the text, not {@code null}
     * @return the instant, or {@code null} when the text is not exactly in that form or names no such date (then
     *     {@link Instant#parse} decides, with its own error)
     */
    static @Nullable Instant parseStrict(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position++) - '0');
            }
            int count = position - start;
            if (count == 0) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, position);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        }
        catch (DateTimeException ex) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The offset that ends the text at {@code position} in seconds, or {@link Integer#MIN_VALUE} when there is none. */
    private static int offsetSeconds(String text, int position) {
        int rest = text.length() - position;
        if (rest == 1 && text.charAt(position) == 'Z') {
            return 0;
        }
        if (rest != 6 || text.charAt(position + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(position);
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59 || hours > 18 || (hours == 18 && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        if (sign == '-' && seconds == 0) {
            // "-00:00": left to Instant.parse
            return Integer.MIN_VALUE;
        }
        return sign == '-' ? -seconds : seconds;
    }

    /** The number written by {@code count} ASCII digits from {@code start}, or -1 when one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
