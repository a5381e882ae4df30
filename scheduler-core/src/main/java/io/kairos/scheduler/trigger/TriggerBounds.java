package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;


/** Checks shared by the trigger constructors: jitter, the range of dates and start/end order. Package-private helper. */
final class TriggerBounds {

    private TriggerBounds() {
    }

    /** The jitter, {@code null} read as zero; a negative one is rejected naming the trigger kind. */
    static Duration jitter(String type, @Nullable Duration jitter) {
        if (jitter == null) {
            return Duration.ZERO;
        }
        if (jitter.isNegative()) {
            throw new InvalidTriggerSpecException("jitter", jitter, type + " trigger 'jitter': value '" + jitter
                    + "' must not be negative; valid: a number of seconds >= 0");
        }
        return jitter;
    }

    /**
     * A date given to a constructor, rejected outside the years 1 to 9999 (in any zone) as a spec's dates are, so
     * that {@link Trigger#toSpec()} writes it in a form that is read back.
     */
    static <T extends @Nullable Object> T date(String type, String key, T value, boolean inRange) {
        if (!inRange) {
            throw new InvalidTriggerSpecException(key, value, type + " trigger '" + key + "': value '" + value
                    + "' is out of range; valid: " + SpecDates.RANGE);
        }
        return value;
    }

    /** {@link #date(String, String, Object, boolean)} for a date-time; {@code null} passes. */
    static <Z extends @Nullable ZonedDateTime> Z date(String type, String key, Z value) {
        return value == null ? value : date(type, key, value, SpecDates.inRange(value.toInstant()));
    }

    /** {@link #date(String, String, Object, boolean)} for a calendar date; {@code null} passes. */
    static <D extends @Nullable LocalDate> D date(String type, String key, D value) {
        return value == null ? value : date(type, key, value, SpecDates.inRange(value));
    }

    /** Rejects an end before the start (as APScheduler 4's "end_time cannot be earlier than start_time"). */
    static void checkOrder(String type, Object start, @Nullable Object end, boolean endBeforeStart) {
        if (endBeforeStart) {
            throw new InvalidTriggerSpecException("end_date", end, type + " trigger 'end_date': value '" + end
                    + "' cannot be earlier than start_date '" + start + "'; valid: an end_date at or after start_date");
        }
    }

    /**
     * Rejects an end date in the past when the spec gave no start date (so the start defaulted to now): such a
     * trigger never fires, and saying so names only what the user gave, not the start date they never wrote.
     */
    static void checkEndNotPast(String type, Object now, @Nullable Object end, boolean endBeforeNow) {
        if (endBeforeNow) {
            throw new InvalidTriggerSpecException("end_date", end, type + " trigger 'end_date': value '" + end
                    + "' is in the past, so the trigger never fires (without a start_date it starts now, " + now
                    + "); valid: an end_date after now");
        }
    }

    /** {@link #checkOrder(String, Object, Object, boolean)} for date-times, compared as instants. */
    static void checkOrder(String type, ZonedDateTime start, @Nullable ZonedDateTime end) {
        if (end != null) {
            checkOrder(type, TriggerSpec.formatDateTime(start), TriggerSpec.formatDateTime(end), end.isBefore(start));
        }
    }
}
