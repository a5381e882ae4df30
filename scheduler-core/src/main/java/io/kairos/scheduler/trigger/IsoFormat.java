package io.kairos.scheduler.trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Writes the two date-time texts Kairos stores, character for character as the JDK writes them, without a
 * {@link DateTimeFormatter} run: an instant as {@link Instant#toString()} and a trigger date as
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}. A bulk add writes three of them for every job, and the formatter's
 * general machinery (a print context, a string builder, field lookups) was a fifth of the client's work. Years 0 to
 * 9999 and offsets in whole minutes are written here; any other value goes to the JDK, so the text is always the
 * JDK's. The reading side is {@link IsoInstants}. Thread-safe (no state).
 */
public final class IsoFormat {

    private static final int SECONDS_PER_DAY = 86_400;

    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();

    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private IsoFormat() {
    }

    /**
     * The text of {@link Instant#toString()}, e.g. {@code 2026-11-24T10:30:00.426Z}: the fraction in groups of three
     * digits, none when zero.
     *
     * @param instant the instant, not {@code null}
     * @return the text
     */
    public static String instant(Instant instant) {
        String text = write(instant.getEpochSecond(), instant.getNano(), 0, true);
        return text != null ? text : instant.toString();
    }

    /**
     * The text of {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} for a date-time at its offset, e.g.
     * {@code 2026-11-24T11:30:00.5+01:00}: the fraction without trailing zeros, {@code Z} for a zero offset.
     *
     * @param dateTime the date-time, not {@code null}
     * @return the text
     */
    public static String offsetDateTime(ZonedDateTime dateTime) {
        int offset = dateTime.getOffset().getTotalSeconds();
        String text = offset % 60 == 0 ? write(dateTime.toEpochSecond(), dateTime.getNano(), offset, false) : null;
        return text != null ? text : dateTime.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The text, or {@code null} when the local year is outside 0–9999 (the JDK then writes a sign). */
    private static @Nullable String write(long epochSecond, int nanos, int offsetSeconds, boolean fractionInGroups) {
        long local = epochSecond + offsetSeconds;
        long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
        if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int secondOfDay = (int) Math.floorMod(local, SECONDS_PER_DAY);
        StringBuilder text = new StringBuilder(35);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        if (nanos > 0) {
            text.append('.');
            if (!fractionInGroups) {
                int value = nanos;
                int count = 9;
                while (value % 10 == 0) {
                    value /= 10;
                    count--;
                }
                digits(text, value, count);
            }
            else if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 3);
            }
            else if (nanos % 1_000 == 0) {
                digits(text, nanos / 1_000, 6);
            }
            else {
                digits(text, nanos, 9);
            }
        }
        if (offsetSeconds == 0) {
            return text.append('Z').toString();
        }
        int minutes = Math.abs(offsetSeconds) / 60;
        text.append(offsetSeconds < 0 ? '-' : '+');
        digits(text, minutes / 60, 2).append(':');
        return digits(text, minutes % 60, 2).toString();
    }

    /** Appends a non-negative value as exactly {@code count} digits, with leading zeros. */
    private static StringBuilder digits(StringBuilder text, int value, int count) {
        for (int divisor = pow10(count - 1); divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
