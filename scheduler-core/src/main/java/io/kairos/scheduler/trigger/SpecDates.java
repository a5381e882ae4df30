package io.kairos.scheduler.trigger;

import io.kairos.scheduler.input.InputText;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;



/**
 * The dates and date-times of trigger specs: how they are read (text in APScheduler's forms, or {@code java.time}
 * objects), how {@link Trigger#toSpec()} writes them, and the range they must lie in. The range is what makes the
 * round trip hold: every instant in it is written in a form that is read back, in every zone, including local mean
 * time offsets with seconds ({@code -00:44:30}) and the years 0 and 10000 that a date of the year 1 or 9999 may
 * show in another zone. Package-private; stateless and thread-safe.
 */
final class SpecDates {

    /** The earliest instant a trigger date may be: 0001-01-01T00:00 at +18:00, the earliest wall time of year 1. */
    static final Instant MIN = LocalDateTime.of(1, 1, 1, 0, 0).toInstant(ZoneOffset.MAX);

    /** The latest instant a trigger date may be: the last wall time of year 9999 at -18:00. */
    static final Instant MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999).toInstant(ZoneOffset.MIN);

    /** What a valid date is, for messages. */
    static final String RANGE = "a date in the years 1 to 9999";

    private static final int MAX_LENGTH = 100;

    private static final String FORMS = "ISO-8601 such as '2009-11-06 16:30:05', '2009-11-06T16:30:05+01:00' or '2009-11-06'";

    /**
     * APScheduler's date grammar ({@code YYYY-M-D[( |T)H:M[:S[.fraction]][Z|+HH:MM]]}), one- or two-digit fields, as
     * its {@code convert_to_datetime} accepts them; also ISO-8601's signed years ({@code +10000}) and offsets with
     * seconds ({@code -00:44:30}), which {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes.
     */
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}|[+-]\\d{4,9})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[ Tt](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,9}))?)?\\s*([Zz]|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?)?");

    private SpecDates() {
    }

    /** Whether an instant is in the range of trigger dates. */
    static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /** Whether a calendar date is in the range of trigger dates (years 1 to 9999). */
    static boolean inRange(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999;
    }

    /**
     * A date-time value: text (see {@link #parse}), an {@link Instant}, {@link ZonedDateTime},
     * {@link OffsetDateTime} or {@link Date} (an instant), a {@link LocalDateTime} (read in {@code zone}, as
     * APScheduler reads a naive datetime) or a {@link LocalDate} (its midnight in {@code zone}).
     */
    static ZonedDateTime dateTime(String key, Object value, ZoneId zone) {
        if (value instanceof CharSequence text) {
            return parse(key, text.toString(), zone);
        }
        Instant instant = null;
        if (value instanceof Instant given) {
            instant = given;
        }
        else if (value instanceof ZonedDateTime zoned) {
            instant = zoned.toInstant();
        }
        else if (value instanceof OffsetDateTime offset) {
            instant = offset.toInstant();
        }
        else if (value instanceof Date date) {
            instant = Instant.ofEpochMilli(date.getTime());
        }
        ZonedDateTime result;
        if (instant != null) {
            // checked before it is put in the zone, which fails for instants beyond java.time's years
            result = Zones.atZone(checked(key, instant, value), zone);
        }
        else if (value instanceof LocalDateTime local) {
            result = ZonedDateTime.ofLocal(local, zone, null);
        }
        else if (value instanceof LocalDate date) {
            result = date.atStartOfDay(zone);
        }
        else {
            throw new InvalidTriggerSpecException(key, value, "'" + key + "': value '" + InputText.shorten(value) + "' of type "
                    + value.getClass().getName() + " is not a date-time; valid: a string (" + FORMS + "), Instant, ZonedDateTime, "
                    + "OffsetDateTime, LocalDateTime, LocalDate or java.util.Date");
        }
        checked(key, result.toInstant(), value);
        return result;
    }

    /**
     * A date value: a {@link LocalDate}, the date of a {@link LocalDateTime}, {@code yyyy-MM-dd} text, or the date in
     * {@code zone} of anything {@link #dateTime} reads.
     */
    static LocalDate date(String key, Object value, ZoneId zone) {
        LocalDate date;
        if (value instanceof LocalDate local) {
            date = local;
        }
        else if (value instanceof LocalDateTime local) {
            date = local.toLocalDate();
        }
        else {
            date = localDateText(value);
            if (date == null) {
                date = dateTime(key, value, zone).toLocalDate();
            }
        }
        if (!inRange(date)) {
            throw outOfRange(key, value);
        }
        return date;
    }

    /** The text as a plain ISO date ({@code 2024-01-31}), or {@code null} when it is something else. */
    private static @Nullable LocalDate localDateText(Object value) {
        if (!(value instanceof CharSequence text) || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return LocalDate.parse(text.toString().trim());
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /**
     * Parses a date-time: ISO-8601 with or without an offset, {@code T} or a space between date and time, one- or
     * two-digit fields, a bare date (midnight), or a zoned form ending in {@code [Europe/Berlin]}.
     */
    static ZonedDateTime parse(String key, String value, ZoneId zone) {
        String text = value.trim();
        ZonedDateTime result = text.length() > MAX_LENGTH ? null : read(text, zone);
        if (result == null) {
            throw new InvalidTriggerSpecException(key, value, "'" + key + "': value '" + InputText.shorten(value)
                    + "' is not a date-time; valid: " + FORMS);
        }
        checked(key, result.toInstant(), value);
        return result;
    }

    /** The text as a date-time in {@code zone}, or {@code null} when it is not one. */
    private static @Nullable ZonedDateTime read(String text, ZoneId zone) {
        Instant exact = IsoInstants.parseStrict(text);
        if (exact != null) {
            // the form format writes (every stored trigger's dates), read without the pattern below
            return Zones.atZone(exact, zone);
        }
        try {
            if (text.endsWith("]")) {
                return ZonedDateTime.parse(text.replace(' ', 'T')).withZoneSameInstant(zone);
            }
            Matcher m = DATE_TIME.matcher(text);
            if (!m.matches()) {
                return null;
            }
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return date.atStartOfDay(zone);
            }
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime local = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            if (m.group(8) == null) {
                return ZonedDateTime.of(local, zone);
            }
            String offset = m.group(8).equalsIgnoreCase("z") ? "Z" : m.group(8);
            return local.atOffset(ZoneOffset.of(offset)).atZoneSameInstant(zone);
        }
        catch (DateTimeException ex) {
            // an impossible field value (month 13, 25:00) or a date-time beyond java.time's range
            return null;
        }
    }

    /**
     * Formats a date-time for a spec: ISO-8601 local date-time with offset ({@code 2009-11-06T16:30:05+01:00}),
     * fractions of a second only when present; {@link #parse} reads it back to the same instant.
     */
    static String format(ZonedDateTime dateTime) {
        return dateTime.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The instant of a value, refused (the message echoing the value as given) when outside the range. */
    private static Instant checked(String key, Instant instant, Object value) {
        if (!inRange(instant)) {
            throw outOfRange(key, value);
        }
        return instant;
    }

    private static InvalidTriggerSpecException outOfRange(String key, Object value) {
        return new InvalidTriggerSpecException(key, value, "'" + key + "': value '" + InputText.shorten(value)
                + "' is out of range; valid: " + RANGE);
    }
}
